package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Tensors;
import org.sparsecode.loss.OvrLoss;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The regularised MLP against forward passes written here in double precision: its OVR loss, its
 * dropout-free evaluation, and its L1 variant against the blog's network.
 */
class MlpClassifierTest {
  private static final int IN = 6, HIDDEN = 5, CLASSES = 3, BATCH = 4;

  private static FcConfig tiny() {
    // A larger init spread than the blog's, so that some units are off (and rows differ).
    return FcConfig.builder()
        .inputs(IN)
        .hidden(HIDDEN)
        .classes(CLASSES)
        .initStddev(0.5f)
        .biasInit(0.1f)
        .seed(11)
        .build();
  }

  private static Dataset tinyBatch() {
    SplittableRandom rnd = new SplittableRandom(7);
    float[] x = new float[BATCH * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    return new Dataset("tiny", x, new int[] {0, 2, 1, 2}, IN, CLASSES);
  }

  /** Fetches {@code outputs} then the four variables (W1, b1, W2, b2) on the first rows of data. */
  private static double[][] run(
      ModelGraph g, ClassifierGraph m, Dataset data, int rows, List<Operand<TFloat32>> outputs) {
    Session s = g.session();
    try (TFloat32 x = Tensors.features(data, 0, rows);
        TInt32 y = Tensors.labels(data, 0, rows)) {
      Session.Runner runner = s.runner().feed(m.input(), x).feed(m.labels(), y);
      outputs.forEach(runner::fetch);
      m.variables().forEach(runner::fetch);
      try (Result r = runner.run()) {
        double[][] out = new double[r.size()][];
        for (int k = 0; k < r.size(); k++) {
          TFloat32 t = (TFloat32) r.get(k);
          float[] f = new float[(int) t.size()];
          t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(f, false, false));
          out[k] = new double[f.length];
          for (int i = 0; i < f.length; i++) {
            out[k][i] = f[i];
          }
        }
        return out;
      }
    }
  }

  /** relu(x W1 + b1) for each row, in double precision. */
  private static double[][] hidden(
      double[] w1, double[] b1, float[] x, int rows, int in, int units) {
    double[][] h = new double[rows][units];
    for (int n = 0; n < rows; n++) {
      for (int j = 0; j < units; j++) {
        double z = b1[j];
        for (int i = 0; i < in; i++) {
          z += x[n * in + i] * w1[i * units + j];
        }
        h[n][j] = Math.max(0, z);
      }
    }
    return h;
  }

  private static double[][] logits(double[][] h, double[] w2, double[] b2, int classes) {
    double[][] out = new double[h.length][classes];
    for (int n = 0; n < h.length; n++) {
      for (int c = 0; c < classes; c++) {
        out[n][c] = b2[c];
        for (int j = 0; j < h[n].length; j++) {
          out[n][c] += h[n][j] * w2[j * classes + c];
        }
      }
    }
    return out;
  }

  private static double meanCrossEntropy(double[][] logits, int[] labels) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logits[n]) {
        max = Math.max(max, l);
      }
      double sumExp = 0;
      for (double l : logits[n]) {
        sumExp += Math.exp(l - max);
      }
      total += Math.log(sumExp) + max - logits[n][labels[n]];
    }
    return total / logits.length;
  }

  @Test
  void ovrLossIsCrossEntropyPlusLambdaTimesOvr() {
    float lambda = 0.05f;
    Dataset data = tinyBatch();
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.ovr(tiny(), lambda));
      double[][] r = run(g, m, data, BATCH, List.of(m.loss(), m.taskLoss()));
      double[][] h = hidden(r[2], r[3], data.features(), BATCH, IN, HIDDEN);
      double ce = meanCrossEntropy(logits(h, r[4], r[5], CLASSES), data.labels());
      // OVR = lambda * || sum_i H_i / (||H_i|| + eps) ||^2
      double[] sum = new double[HIDDEN];
      for (double[] row : h) {
        double norm = 0;
        for (double v : row) {
          norm += v * v;
        }
        norm = Math.sqrt(norm) + OvrLoss.DEFAULT_EPSILON;
        for (int j = 0; j < HIDDEN; j++) {
          sum[j] += row[j] / norm;
        }
      }
      double ovr = 0;
      for (double v : sum) {
        ovr += v * v;
      }
      // B rows of unit norm: ||sum||^2 lies between B (orthogonal codes) and B^2 (equal codes).
      assertTrue(ovr > BATCH && ovr < BATCH * BATCH, "||sum Hn||^2 = " + ovr);
      assertEquals(ce, r[1][0], 1e-5, "task loss");
      assertEquals(ce + lambda * ovr, r[0][0], 1e-5, "loss = CE + lambda * OVR");
      assertTrue(lambda * ovr > 0.2, "the OVR term is large enough for this check to see it");
    }
  }

  @Test
  void dropoutIsOffInEvaluationAndOnInTraining() {
    Splits toy = ToyData.splits();
    int units = 16;
    FcConfig network =
        FcConfig.builder()
            .inputs(ToyData.FEATURES)
            .hidden(units)
            .classes(ToyData.CLASSES)
            .initStddev(0.1f)
            .biasInit(0.1f)
            .seed(3)
            .build();
    AdamConfig adam = AdamConfig.withLearningRate(1e-2f);
    Dataset test = toy.test();
    double[][] untrainedNone;
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph none = MlpClassifier.build(g, MlpConfig.none(network), adam);
      untrainedNone = run(g, none, test, test.size(), List.of(none.logits()));
    }
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.dropout(network, 0.5f), adam);
      // Same seed, same initial weights: before training its evaluation is the plain network's.
      assertArrayEquals(untrainedNone[0], run(g, m, test, test.size(), List.of(m.logits()))[0]);

      Trainer.train(g, m, toy, new TrainConfig(50, 20, 50, 1, adam), TrainingListener.NONE);
      double[][] first = run(g, m, test, test.size(), List.of(m.logits(), m.taskLoss(), m.loss()));
      double[][] second = run(g, m, test, test.size(), List.of(m.logits(), m.taskLoss(), m.loss()));
      // Evaluation draws no mask: the same numbers every time, and those of the plain network on
      // the trained weights.
      assertArrayEquals(first[0], second[0]);
      double[][] h =
          hidden(first[3], first[4], test.features(), test.size(), ToyData.FEATURES, units);
      double[][] expected = logits(h, first[5], first[6], ToyData.CLASSES);
      for (int n = 0; n < test.size(); n++) {
        for (int c = 0; c < ToyData.CLASSES; c++) {
          assertEquals(
              expected[n][c], first[0][n * ToyData.CLASSES + c], 1e-5, "logit " + n + "," + c);
        }
      }
      assertEquals(meanCrossEntropy(expected, test.labels()), first[1][0], 1e-5);
      // The training loss reads the hidden layer through a fresh mask on every run.
      assertNotEquals(first[2][0], second[2][0]);
      assertNotEquals(first[1][0], first[2][0]);
    }
  }

  @Test
  void belowThresholdFractionCountsSilentActivations() {
    Dataset data = tinyBatch();
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.none(tiny()));
      double[][] r =
          run(g, m, data, BATCH, List.of(m.exampleSums().get(MlpClassifier.BELOW_THRESHOLD)));
      double[][] h = hidden(r[1], r[2], data.features(), BATCH, IN, HIDDEN);
      int silent = 0;
      for (double[] row : h) {
        for (double v : row) {
          silent += v < 0.1 ? 1 : 0;
        }
      }
      assertTrue(
          silent > 0 && silent < BATCH * HIDDEN, "a mix of silent and active units: " + silent);
      // A sum over the batch of per-example fractions.
      assertEquals(silent / (double) HIDDEN, r[0][0], 1e-6);
    }
  }

  /**
   * SCALED draws hidden weights with stddev sqrt(2 / inputs) and output weights with stddev sqrt(1
   * / hidden), biases zero; NETWORK draws both with init_stddev and biases at bias_init.
   */
  @Test
  void initialisationFollowsTheChosenScheme() {
    int in = 50;
    int units = 400;
    FcConfig network =
        FcConfig.builder()
            .inputs(in)
            .hidden(units)
            .classes(CLASSES)
            .initStddev(0.3f)
            .biasInit(0.2f)
            .seed(11)
            .build();
    Dataset data = new Dataset("one", new float[in], new int[] {0}, in, CLASSES);
    double[][] scaled =
        initialWeights(MlpConfig.none(network).withInit(MlpConfig.Init.SCALED), data);
    double[][] plain = initialWeights(MlpConfig.none(network), data);
    // 20,000 and 1,200 draws: the sample stddev is within 2% and 6% (3 standard errors).
    assertEquals(Math.sqrt(2.0 / in), stddev(scaled[0]), 0.02 * Math.sqrt(2.0 / in));
    assertEquals(Math.sqrt(1.0 / units), stddev(scaled[2]), 0.06 * Math.sqrt(1.0 / units));
    assertEquals(0.3, stddev(plain[0]), 0.02 * 0.3);
    assertEquals(0.3, stddev(plain[2]), 0.06 * 0.3);
    for (double b : scaled[1]) {
      assertEquals(0.0, b);
    }
    for (double b : plain[3]) {
      assertEquals(0.2, b, 1e-7);
    }
  }

  /** Hidden weights, hidden biases, output weights and output biases before any step. */
  private static double[][] initialWeights(MlpConfig config, Dataset data) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, config);
      return run(g, m, data, 1, List.of());
    }
  }

  private static double stddev(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    return Math.sqrt(
        java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
  }

  @Test
  void configRejectsLambdaWithoutPenaltyAndBadRates() {
    IllegalArgumentException lambda =
        assertThrows(
            IllegalArgumentException.class,
            () -> MlpConfig.regularized(tiny(), Regularizer.DROPOUT, 1e-4f, 0.5f));
    assertTrue(lambda.getMessage().contains("lambda must be 0"), lambda.getMessage());
    IllegalArgumentException rate =
        assertThrows(IllegalArgumentException.class, () -> MlpConfig.dropout(tiny(), 1f));
    assertTrue(rate.getMessage().contains("dropout_rate must be > 0 and < 1"), rate.getMessage());
    IllegalArgumentException name =
        assertThrows(IllegalArgumentException.class, () -> Regularizer.parse("L2"));
    assertTrue(name.getMessage().contains("none, l1, ovr or dropout"), name.getMessage());
  }
}
