package org.sparsecode.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.classify.ClassifierTest.assertMessage;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.classify.ModelSelection.Refit;
import org.sparsecode.classify.ModelSelection.Result;
import org.sparsecode.classify.ToySets.Labelled;

/** Selection on validation, checked against independent fits of every candidate. */
class ModelSelectionTest {

  @Test
  void picksTheBestValidationCandidateNotTheBestTrainingOne() {
    // Noisy training labels: a very narrow kernel memorises them (best on train), a moderate one
    // learns XOR (best on the clean validation set), a very wide one is almost linear.
    Labelled train = ToySets.flipLabels(ToySets.xor(300, 11), 0.15, 12);
    Labelled validation = ToySets.xor(300, 13);
    List<ClassifierSettings> grid =
        ModelSelection.grid(
            ClassifierKind.SVM_RBF, new double[] {100}, new double[] {0.001, 2, 5000});

    Result result =
        ModelSelection.select(
            grid, train.x(), train.y(), validation.x(), validation.y(), Refit.TRAIN);

    assertEquals(ClassifierSettings.rbf(100, 2), result.chosen());
    double[] trainAccuracy = new double[3];
    for (int i = 0; i < 3; i++) {
      Classifier independent = Classifier.fit(grid.get(i), train.x(), train.y());
      assertEquals(
          independent.accuracy(validation.x(), validation.y()),
          result.scores().get(i).validationAccuracy(),
          grid.get(i).describe());
      trainAccuracy[i] = independent.accuracy(train.x(), train.y());
    }
    System.out.println(result.describe());
    System.out.printf(
        "train accuracy per candidate: %.4f %.4f %.4f%n",
        trainAccuracy[0], trainAccuracy[1], trainAccuracy[2]);
    double best = result.bestValidationAccuracy();
    assertTrue(best > 0.95, "validation accuracy of the chosen " + best);
    assertTrue(
        result.scores().stream()
            .allMatch(s -> s.validationAccuracy() < best || s.settings().equals(result.chosen())));
    // Choosing on the training set would have taken the memorising kernel.
    assertTrue(
        trainAccuracy[2] > trainAccuracy[1],
        "train accuracies " + trainAccuracy[2] + " vs " + trainAccuracy[1]);
    assertEquals(1.0, trainAccuracy[2]);
  }

  @Test
  void linearSvmScoresMatchTheHandComputedBoundaries() {
    // Ten copies of x = 0 (class 0) and of x = 1 (class 1). LIBLINEAR's squared-hinge SVM with the
    // intercept as a regularised constant feature minimises 0.5 (w^2 + b^2) + k (1 + b)^2
    // + k (1 - w - b)^2 with k = 10 C; setting the gradient to zero gives
    // w = 2k (1 + 4k) / (1 + 6k + 4k^2), b = -4k^2 / (1 + 6k + 4k^2), so the boundary -b / w is
    // 2k / (1 + 4k): 1/7 for C = 0.01, 2/5 for C = 0.1, 20/41 for C = 1.
    float[][] rows = new float[20][];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      rows[i] = new float[] {i < 10 ? 0f : 1f};
      labels[i] = i < 10 ? 0 : 1;
    }
    // 0.1 lies below every boundary, 0.3 above 1/7 only, 0.45 above 1/7 and 2/5.
    FeatureMatrix validation = FeatureMatrix.of(new float[][] {{0.1f}, {0.3f}, {0.45f}});
    int[] validationLabels = {0, 1, 1};

    Result result =
        ModelSelection.select(
            ModelSelection.grid(
                ClassifierKind.SVM_LINEAR, new double[] {0.01, 0.1, 1}, new double[0]),
            FeatureMatrix.of(rows),
            labels,
            validation,
            validationLabels,
            Refit.TRAIN);

    assertEquals(List.of(1.0, 2.0 / 3, 1.0 / 3), validationAccuracies(result));
    assertEquals(ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 0.01), result.chosen());
  }

  @Test
  void tiesGoToTheEarliestCandidate() {
    Labelled train = ToySets.separable(60, 21);
    Labelled validation = ToySets.separable(60, 22);
    Result result =
        ModelSelection.select(
            ModelSelection.grid(ClassifierKind.LR, new double[] {0.1, 1, 10}, new double[0]),
            train.x(),
            train.y(),
            validation.x(),
            validation.y(),
            Refit.TRAIN);
    assertTrue(result.scores().stream().allMatch(s -> s.validationAccuracy() == 1.0));
    assertEquals(ClassifierSettings.linear(ClassifierKind.LR, 0.1), result.chosen());
  }

  @Test
  void refitOnTrainAndValidationEqualsAFreshFitOnBoth() {
    Labelled train = ToySets.xor(150, 31);
    Labelled validation = ToySets.xor(150, 32);
    Labelled test = ToySets.xor(300, 33);
    List<ClassifierSettings> grid =
        ModelSelection.grid(ClassifierKind.SVM_RBF, new double[] {1, 10}, new double[] {1, 3});

    Result onTrain =
        ModelSelection.select(
            grid, train.x(), train.y(), validation.x(), validation.y(), Refit.TRAIN);
    Result onBoth =
        ModelSelection.select(
            grid, train.x(), train.y(), validation.x(), validation.y(), Refit.TRAIN_AND_VALIDATION);

    assertEquals(onTrain.chosen(), onBoth.chosen());
    assertEquals(validationAccuracies(onTrain), validationAccuracies(onBoth));
    assertArrayEquals(
        Classifier.fit(onTrain.chosen(), train.x(), train.y()).predict(test.x()),
        onTrain.model().predict(test.x()));
    int[] bothLabels = new int[300];
    System.arraycopy(train.y(), 0, bothLabels, 0, 150);
    System.arraycopy(validation.y(), 0, bothLabels, 150, 150);
    Classifier fresh =
        Classifier.fit(onBoth.chosen(), train.x().append(validation.x()), bothLabels);
    assertArrayEquals(fresh.predict(test.x()), onBoth.model().predict(test.x()));
    assertTrue(onBoth.describe().contains("final model trained on: train+validation"));
  }

  private static List<Double> validationAccuracies(Result result) {
    return result.scores().stream().map(ModelSelection.Score::validationAccuracy).toList();
  }

  @Test
  void fitsSideBySideChooseAndTrainExactlyAsOneAtATime() {
    Labelled train = ToySets.flipLabels(ToySets.xor(200, 41), 0.1, 42);
    Labelled validation = ToySets.xor(200, 43);
    Labelled test = ToySets.xor(300, 44);
    for (List<ClassifierSettings> grid :
        List.of(
            ModelSelection.grid(
                ClassifierKind.SVM_RBF, new double[] {0.1, 1, 10, 100}, new double[] {0.3, 3}),
            ModelSelection.grid(
                ClassifierKind.LR, new double[] {0.01, 0.1, 1, 10, 100}, new double[0]),
            ModelSelection.grid(
                ClassifierKind.SVM_LINEAR, new double[] {0.01, 0.1, 1, 10, 100}, new double[0]))) {
      Result one =
          ModelSelection.select(
              grid, train.x(), train.y(), validation.x(), validation.y(), Refit.TRAIN, 1);
      Result four =
          ModelSelection.select(
              grid, train.x(), train.y(), validation.x(), validation.y(), Refit.TRAIN, 4);
      assertEquals(one.chosen(), four.chosen());
      assertEquals(validationAccuracies(one), validationAccuracies(four));
      assertEquals(grid, four.scores().stream().map(ModelSelection.Score::settings).toList());
      assertArrayEquals(one.model().predict(test.x()), four.model().predict(test.x()));
    }
    // Equal scores: the earliest candidate, whichever fit ends first.
    Labelled easy = ToySets.separable(60, 21);
    Labelled easyValidation = ToySets.separable(60, 22);
    Result ties =
        ModelSelection.select(
            ModelSelection.grid(ClassifierKind.LR, new double[] {0.1, 1, 10, 100}, new double[0]),
            easy.x(),
            easy.y(),
            easyValidation.x(),
            easyValidation.y(),
            Refit.TRAIN,
            4);
    assertTrue(ties.scores().stream().allMatch(s -> s.validationAccuracy() == 1.0));
    assertEquals(ClassifierSettings.linear(ClassifierKind.LR, 0.1), ties.chosen());
  }

  @Test
  void gridRunsGammaInsideC() {
    assertEquals(
        List.of(
            ClassifierSettings.rbf(1, 0.1),
            ClassifierSettings.rbf(1, 1),
            ClassifierSettings.rbf(10, 0.1),
            ClassifierSettings.rbf(10, 1)),
        ModelSelection.grid(ClassifierKind.SVM_RBF, new double[] {1, 10}, new double[] {0.1, 1}));
    assertEquals(
        List.of(ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 1)),
        ModelSelection.grid(ClassifierKind.SVM_LINEAR, new double[] {1}, new double[] {5}));
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    Labelled train = ToySets.separable(30, 41);
    List<ClassifierSettings> grid = List.of(ClassifierSettings.linear(ClassifierKind.LR, 1));
    assertMessage(
        "no candidate settings to choose from",
        () ->
            ModelSelection.select(
                List.of(), train.x(), train.y(), train.x(), train.y(), Refit.TRAIN));
    assertMessage(
        "svm_rbf needs at least one gamma",
        () -> ModelSelection.grid(ClassifierKind.SVM_RBF, new double[] {1}, new double[0]));
    assertMessage(
        "validation set: 29 labels for 30 feature rows",
        () ->
            ModelSelection.select(
                grid, train.x(), train.y(), train.x(), Arrays.copyOf(train.y(), 29), Refit.TRAIN));
    FeatureMatrix narrow = FeatureMatrix.of(new float[][] {{1, 2}});
    assertMessage(
        "trained on 6 features but got rows of 2",
        () -> ModelSelection.select(grid, train.x(), train.y(), narrow, new int[1], Refit.TRAIN));
  }

  @Test
  void theTrainRefitReturnsTheScoredModel() {
    Labelled train = ToySets.separable(30, 51);
    Result result =
        ModelSelection.select(
            List.of(ClassifierSettings.linear(ClassifierKind.LR, 1)),
            train.x(),
            train.y(),
            train.x(),
            train.y(),
            Refit.TRAIN);
    assertSame(Refit.TRAIN, result.refit());
    assertEquals(1.0, result.model().accuracy(train.x(), train.y()));
  }
}
