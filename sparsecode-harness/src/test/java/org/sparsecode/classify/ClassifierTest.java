package org.sparsecode.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sparsecode.classify.ToySets.Labelled;

/** The three classifiers on toy sets whose answers are known, and their input checks. */
class ClassifierTest {
  private static final List<ClassifierSettings> ALL_THREE =
      List.of(
          ClassifierSettings.linear(ClassifierKind.LR, 1),
          ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 1),
          ClassifierSettings.rbf(1, 0.5));

  @Test
  void allThreeClassifySeparableClassesPerfectly() {
    Labelled train = ToySets.separable(90, 1);
    Labelled test = ToySets.separable(90, 2);
    for (ClassifierSettings s : ALL_THREE) {
      Classifier model = Classifier.fit(s, train.x(), train.y());
      assertEquals(1.0, model.accuracy(train.x(), train.y()), s.describe());
      assertEquals(1.0, model.accuracy(test.x(), test.y()), s.describe());
      assertEquals(6, model.featureCount());
      assertEquals(s, model.settings());
    }
  }

  @Test
  void onlyTheRbfSvmFitsXor() {
    Labelled train = ToySets.xor(400, 3);
    Labelled test = ToySets.xor(400, 4);
    double lr =
        Classifier.fit(ClassifierSettings.linear(ClassifierKind.LR, 10), train.x(), train.y())
            .accuracy(test.x(), test.y());
    double linearSvm =
        Classifier.fit(
                ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 10), train.x(), train.y())
            .accuracy(test.x(), test.y());
    double rbf =
        Classifier.fit(ClassifierSettings.rbf(10, 2), train.x(), train.y())
            .accuracy(test.x(), test.y());
    System.out.printf(
        "XOR test accuracy: lr %.4f, svm_linear %.4f, svm_rbf %.4f%n", lr, linearSvm, rbf);
    // A line gets at most about 3/4 of XOR right (one quadrant lost); the fit ones are near chance.
    assertTrue(lr < 0.65, "lr " + lr);
    assertTrue(linearSvm < 0.65, "svm_linear " + linearSvm);
    assertTrue(rbf > 0.97, "svm_rbf " + rbf);
  }

  /**
   * The same 400 XOR training points written to a file and fitted by scikit-learn 1.2.1, which
   * wraps the C versions of both libraries: LogisticRegression(solver='liblinear', C=10) and
   * LinearSVC(C=10), both at tol 1e-8, and SVC(C=10, gamma=2).
   */
  @Test
  void matchesScikitLearnOnTheSamePoints() {
    Labelled train = ToySets.xor(400, 3);
    double[] lr =
        ((LinearClassifier)
                Classifier.fit(
                    ClassifierSettings.linear(ClassifierKind.LR, 10).withEps(1e-6),
                    train.x(),
                    train.y()))
            .weights();
    double[] svm =
        ((LinearClassifier)
                Classifier.fit(
                    ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 10).withEps(1e-6),
                    train.x(),
                    train.y()))
            .weights();
    // Weights for x, y, then the intercept (the weight of the constant feature 1).
    assertArrayEquals(new double[] {0.0761811199, 0.0599034734, -0.0116114836}, lr, 1e-6);
    assertArrayEquals(new double[] {0.0381603571, 0.0300052986, -0.0058081167}, svm, 1e-6);
    RbfSvmModel rbf =
        (RbfSvmModel) Classifier.fit(ClassifierSettings.rbf(10, 2), train.x(), train.y());
    assertEquals(10 + 11, rbf.supportVectorCount());
  }

  @Test
  void multiClassLabelsNeedNotStartAtZero() {
    Labelled train = ToySets.separable(60, 5);
    int[] shifted = Arrays.stream(train.y()).map(l -> 7 - 2 * l).toArray(); // classes 7, 5, 3
    for (ClassifierSettings s : ALL_THREE) {
      int[] predicted = Classifier.fit(s, train.x(), shifted).predict(train.x());
      assertArrayEquals(shifted, predicted, s.describe());
    }
  }

  @Test
  void linearSvmIsDeterministicForASeedAndTheSeedIsUsed() {
    Labelled train = ToySets.xor(300, 6);
    ClassifierSettings s = ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 1).withEps(0.1);
    double[] first = ((LinearClassifier) Classifier.fit(s, train.x(), train.y())).weights();
    double[] again = ((LinearClassifier) Classifier.fit(s, train.x(), train.y())).weights();
    double[] otherSeed =
        ((LinearClassifier) Classifier.fit(s.withSeed(99), train.x(), train.y())).weights();
    assertArrayEquals(first, again);
    // At LIBLINEAR's loose default eps = 0.1 the visiting order shows in the weights.
    assertFalse(Arrays.equals(first, otherSeed));
  }

  @Test
  void librariesPrintNothing() {
    Labelled train = ToySets.xor(200, 7);
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (ClassifierSettings s : ALL_THREE) {
        Classifier.fit(s, train.x(), train.y()).predict(train.x());
      }
    } finally {
      System.setOut(original);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void settingsReadAsText() {
    assertEquals(
        "svm_rbf C=10 gamma=0.0134 eps=0.001 scaling=none solver=LIBSVM C_SVC with"
            + " kernel exp(-gamma |x-x'|^2), one-vs-one, shrinking on, no probability estimates,"
            + " cache 400 MB",
        ClassifierSettings.rbf(10, 0.0134).describe());
    assertTrue(
        ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 0.5)
            .describe()
            .startsWith(
                "svm_linear C=0.5 eps=0.01 seed=0 scaling=none solver=LIBLINEAR"
                    + " L2R_L2LOSS_SVC_DUAL"));
    assertTrue(
        ClassifierSettings.linear(ClassifierKind.LR, 100)
            .describe()
            .startsWith("lr C=100 eps=0.01 scaling=none solver=LIBLINEAR L2R_LR"));
  }

  @Test
  void kindsCarryTheReportNames() {
    assertEquals(
        List.of("lr", "svm_linear", "svm_rbf"),
        Arrays.stream(ClassifierKind.values()).map(ClassifierKind::reportName).toList());
    for (ClassifierKind k : ClassifierKind.values()) {
      assertEquals(k, ClassifierKind.fromReportName(k.reportName()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassifierKind.fromReportName("svm"));
    assertEquals("unknown classifier 'svm'; use one of lr, svm_linear, svm_rbf", e.getMessage());
  }

  @Test
  void scaleGammaIsOneOverFeaturesTimesVariance() {
    // Values 0, 1, 1, 0: mean 1/2, variance 1/4; two features: 1 / (2 * 1/4) = 2.
    assertEquals(
        2.0,
        ClassifierSettings.scaleGamma(FeatureMatrix.of(new float[][] {{0, 1}, {1, 0}})),
        1e-12);
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    Labelled train = ToySets.separable(30, 8);
    ClassifierSettings lr = ClassifierSettings.linear(ClassifierKind.LR, 1);

    assertMessage(
        "29 labels for 30 feature rows; pass exactly one label per example",
        () -> Classifier.fit(lr, train.x(), Arrays.copyOf(train.y(), 29)));
    int[] onlyFours = new int[30];
    Arrays.fill(onlyFours, 4);
    assertMessage(
        "the training labels hold only class 4; a classifier needs examples of at least"
            + " two classes",
        () -> Classifier.fit(lr, train.x(), onlyFours));
    assertMessage(
        "10 feature values do not make 3 rows of 4 columns (12 expected)",
        () -> new FeatureMatrix(new float[10], 3, 4));
    assertMessage(
        "row 1 has 1 values but row 0 has 2; every example needs the same number of" + " features",
        () -> FeatureMatrix.of(new float[][] {{1, 2}, {3}}));
    assertMessage(
        "feature value NaN at row 1, column 0 is not finite",
        () -> FeatureMatrix.of(new float[][] {{1, 2}, {Float.NaN, 0}}));
    Classifier model = Classifier.fit(lr, train.x(), train.y());
    assertMessage(
        "the classifier was trained on 6 features but got rows of 2",
        () -> model.predict(FeatureMatrix.of(new float[][] {{1, 2}})));
    assertMessage(
        "evaluation set: 2 labels for 1 feature rows",
        () -> model.accuracy(FeatureMatrix.of(new float[][] {{1, 2, 3, 4, 5, 6}}), new int[2]));
    assertMessage(
        "C must be positive and finite, got 0.0",
        () -> ClassifierSettings.linear(ClassifierKind.LR, 0));
    assertMessage(
        "svm_rbf needs a positive finite gamma, got NaN",
        () -> new ClassifierSettings(ClassifierKind.SVM_RBF, 1, Double.NaN, 0.001, 0));
    assertMessage(
        "lr has no kernel width; pass gamma = NaN (got 0.5) or use svm_rbf",
        () -> new ClassifierSettings(ClassifierKind.LR, 1, 0.5, 0.01, 0));
  }

  static void assertMessage(String expectedPart, Executable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
