package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Tensors;
import org.sparsecode.lca.Dictionary;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.Threshold;
import org.sparsecode.loss.L1ActivityPenalty;
import org.sparsecode.loss.OvrLoss;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The library's entry points: builders and their defaults, prediction, and the errors for misuse.
 */
class LibraryApiTest {

  @Test
  void buildersDefaultToTheBlogsNetworks() {
    FcConfig fc = FcConfig.builder().build();
    assertEquals(FcConfig.blog(1), fc);
    assertEquals(784, fc.inputs());
    assertEquals(784, fc.hidden());
    assertEquals(10, fc.classes());
    assertEquals(0.1f, fc.initStddev());
    assertEquals(0.1f, fc.biasInit());
    CnnConfig cnn = CnnConfig.builder().lambda(1e-5f).seed(3).build();
    assertEquals(CnnConfig.blog(1e-5f, 3), cnn);
    assertEquals(39_200, cnn.hiddenUnits());
    assertEquals(cnn, cnn.toBuilder().build());
    TrainConfig train = TrainConfig.builder().build();
    assertEquals(new TrainConfig(20_000, 100, 1_000, 1, AdamConfig.withLearningRate(1e-3f)), train);
    MlpConfig l1 = MlpConfig.l1(fc, 1e-5f);
    assertEquals(Regularizer.L1, l1.regularizer());
    assertEquals(1e-5f, l1.lambda());
    assertEquals(Regularizer.OVR, MlpConfig.ovr(fc, 1e-4f).regularizer());
    assertEquals(0.5f, MlpConfig.dropout(fc, 0.5f).dropoutRate());
  }

  @Test
  void configurationsRejectBadValuesNamingTheSetting() {
    assertMessage("classes must be >= 2", () -> FcConfig.builder().classes(1).build());
    assertMessage(
        "init_stddev must be a finite number > 0", () -> FcConfig.builder().initStddev(0f).build());
    assertMessage(
        "lambda must be a finite number >= 0", () -> MlpConfig.l1(FcConfig.blog(1), Float.NaN));
    assertMessage(
        "lambda must be 0",
        () -> MlpConfig.regularized(FcConfig.blog(1), Regularizer.NONE, 1e-3f, 0f));
    assertMessage(
        "learning_rate must be a finite number > 0",
        () -> TrainConfig.builder().learningRate(0f).build());
    assertMessage("stride must be > 0", () -> CnnConfig.builder().stride(0).build());
  }

  /** predict is the argmax of the session's logits; probabilities are their softmax. */
  @Test
  void predictionHelpersMatchTheGraphsLogits() {
    Splits data = ToyData.splits();
    Dataset test = data.test();
    int n = 7;
    float[][] rows = new float[n][ToyData.FEATURES];
    for (int i = 0; i < n; i++) {
      System.arraycopy(test.features(), i * ToyData.FEATURES, rows[i], 0, ToyData.FEATURES);
    }
    FcConfig fc =
        FcConfig.builder()
            .inputs(ToyData.FEATURES)
            .hidden(16)
            .classes(ToyData.CLASSES)
            .seed(2)
            .build();
    TrainConfig train =
        TrainConfig.builder().steps(40).batchSize(20).evalEvery(40).learningRate(1e-2f).build();
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.l1(fc, 1e-4f), train.optimizer());
      assertEquals("features", m.inputName());
      Trainer.train(m, data, train);
      float[] logits = new float[n * ToyData.CLASSES];
      try (TFloat32 x = Tensors.features(test, 0, n);
          Result r = g.session().runner().feed(m.input(), x).fetch(m.logits()).run()) {
        ((TFloat32) r.get(0))
            .copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(logits, false, false));
      }
      float[][] got = m.predictLogits(rows);
      float[][] probabilities = m.predictProbabilities(rows);
      int[] classes = m.predict(rows);
      for (int i = 0; i < n; i++) {
        float[] want =
            java.util.Arrays.copyOfRange(logits, i * ToyData.CLASSES, (i + 1) * ToyData.CLASSES);
        assertArrayEquals(want, got[i]);
        int best = 0;
        double sum = 0;
        for (int c = 0; c < ToyData.CLASSES; c++) {
          best = want[c] > want[best] ? c : best;
          sum += Math.exp(want[c]);
        }
        assertEquals(best, classes[i]);
        for (int c = 0; c < ToyData.CLASSES; c++) {
          assertEquals(Math.exp(want[c]) / sum, probabilities[i][c], 1e-6);
        }
      }
      // The toy classes are easy: the trained model gets most of them right.
      int correct = 0;
      for (int i = 0; i < n; i++) {
        correct += classes[i] == test.labels()[i] ? 1 : 0;
      }
      assertTrue(correct >= n - 2, correct + " of " + n);
      assertMessage(
          "has 3 values but the model takes 20", () -> m.predict(new float[][] {{1, 2, 3}}));
    }
  }

  @Test
  void trainerRefusesATrainingConfigWhoseOptimiserDiffersFromTheModels() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      FcConfig fc =
          FcConfig.builder().inputs(ToyData.FEATURES).hidden(4).classes(ToyData.CLASSES).build();
      ClassifierGraph m =
          MlpClassifier.build(g, MlpConfig.none(fc), AdamConfig.withLearningRate(1e-2f));
      assertMessage(
          "build the model with the configuration's optimizer()",
          () -> Trainer.train(m, ToyData.splits(), new TrainConfig(5, 5, 5, 1)));
    }
  }

  @Test
  void lossesRejectTensorsOfTheWrongRankAtGraphBuildTime() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> maps =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 14, 14)));
      assertMessage(
          "OvrLoss takes codes of shape [batch, units], got rank 3",
          () -> new OvrLoss(1e-3f).call(tf, maps));
      assertMessage(
          "flatten each example first", () -> new OvrLoss(1e-3f).updateRule().gradient(tf, maps));
      Placeholder<TFloat32> logits =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 5)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      assertMessage(
          "logits of shape [batch, 10]",
          () -> new SoftmaxCrossEntropy(10).call(tf, logits, labels));
      Placeholder<TInt32> oneHot = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 5)));
      assertMessage(
          "class indices, not one-hot", () -> new SoftmaxCrossEntropy(5).call(tf, logits, oneHot));
      assertMessage("got a scalar", () -> new L1ActivityPenalty(1e-3f).call(tf, tf.constant(1f)));
      // A matrix passes, as does a tensor whose rank is only known at run time.
      new OvrLoss(1e-3f).call(tf, logits);
      new OvrLoss(1e-3f).call(tf, tf.placeholder(TFloat32.class));
    }
  }

  /** The codes do not depend on the thread pools (the product order is fixed per op). */
  @Test
  void lcaInferTakesAThreadSetting() {
    float[][] phi = Dictionary.random(10, 8, 3).toArray();
    float[][] x = new float[4][10];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 10; j++) {
        x[i][j] = (float) Math.sin(1 + i * 10 + j);
      }
    }
    LcaConfig config = new LcaConfig(0.05f, 10f, 30, Threshold.SOFT_NONNEGATIVE);
    float[][] one = Lca.infer(x, phi, config, new ThreadSettings(1, 1));
    float[][] defaults = Lca.infer(x, phi, config);
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(defaults[i], one[i], 1e-6f);
    }
    assertMessage("threads must be a ThreadSettings", () -> Lca.infer(x, phi, config, null));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    Exception e = assertThrows(RuntimeException.class, call);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(expected), "message: " + e.getMessage());
  }
}
