package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.loss.OvrLoss;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.EncoderTrainConfig;
import org.sparsecode.train.EncoderTrainer;
import org.sparsecode.train.EncoderTrainingResult;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class OvrEncoderTest {
  private static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static final AdamConfig ADAM = AdamConfig.withLearningRate(1e-2f);

  private static OvrEncoderConfig config(
      int units, float lambda, OvrEncoderConfig.UpdateRule rule) {
    return OvrEncoderConfig.builder()
        .units(units)
        .initStddev(0.5f)
        .lambda(lambda)
        .updateRule(rule)
        .seed(5)
        .build();
  }

  private static EncoderTrainConfig training(int epochs, int batch) {
    return EncoderTrainConfig.builder()
        .epochs(epochs)
        .maxSteps(1000)
        .batchSize(batch)
        .optimizer(ADAM)
        .build();
  }

  /**
   * Inputs: the 3 x 3 identity; weights set to the 3 x 4 matrix of OvrLossTest, biases 0, so H is
   * that matrix: rows (3,4,0,0), (1,2,2,0), (0,0,3,4). By hand: ||sum_i H_i/||H_i|| ||^2 = 79/15,
   * mean(H) = 19/12, so with lambda 0.5, J = 0.5 * 79/15 + |19/12 - 1/2| = 79/30 + 13/12.
   */
  @Test
  void lossIsOvrPlusActivityTermComputedByHand() {
    float[][] w = {{3, 4, 0, 0}, {1, 2, 2, 0}, {0, 0, 3, 4}};
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      EncoderGraph m =
          OvrEncoder.build(
              g, 3, (tf, x) -> x, 3, config(4, 0.5f, OvrEncoderConfig.UpdateRule.AUTODIFF), ADAM);
      Ops tf = g.tf();
      var setWeights = tf.assign(m.variables().get(0), tf.constant(w));
      g.session().runner().addTarget(setWeights).run().close();
      float[] eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(3, 3), DataBuffers.of(eye, true, false));
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), x)
                  .fetch(m.loss())
                  .fetch(m.lossTerms().get(OvrEncoder.OVR))
                  .fetch(m.lossTerms().get(OvrEncoder.ACTIVITY))
                  .run()) {
        assertEquals(79.0 / 30 + 13.0 / 12, ((TFloat32) r.get(0)).getFloat(), 1e-5);
        assertEquals(79.0 / 30, ((TFloat32) r.get(1)).getFloat(), 1e-5);
        assertEquals(13.0 / 12, ((TFloat32) r.get(2)).getFloat(), 1e-6);
      }
    }
  }

  /** The written-out update rule gives TensorFlow's gradient of J for W and b. */
  @Test
  void explicitRuleEqualsAutodiff() {
    int batch = 6, in = 5, units = 7;
    SplittableRandom random = new SplittableRandom(2);
    float[] x = new float[batch * in];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var input = tf.constant(Shape.of(batch, in), DataBuffers.of(x, true, false));
      var layer = OvrEncoder.codeLayer(tf, in, units, 0.5f, 9);
      Operand<TFloat32> pre = layer.apply(tf, input);
      Operand<TFloat32> h = tf.nn.relu(pre);
      OvrLoss ovr = new OvrLoss(0.3f);
      Operand<TFloat32> loss =
          tf.math.add(ovr.call(tf, h), new org.sparsecode.loss.ActivityLevelLoss(0.5f).call(tf, h));
      Output<?>[] autodiff =
          g.graph()
              .addGradients(
                  loss.asOutput(),
                  new Output<?>[] {layer.weights().asOutput(), layer.bias().asOutput()});
      List<Operand<TFloat32>> explicit = OvrEncoder.explicitGradients(tf, input, pre, h, ovr, 0.5f);
      try (Result r =
          g.session()
              .runner()
              .fetch(autodiff[0])
              .fetch(autodiff[1])
              .fetch(explicit.get(0))
              .fetch(explicit.get(1))
              .fetch(h)
              .run()) {
        float[] codes = floats((TFloat32) r.get(4));
        int zeros = 0;
        for (float c : codes) {
          zeros += c == 0 ? 1 : 0;
        }
        assertTrue(
            zeros > 0 && zeros < codes.length,
            "some units must be off for the ReLU mask to matter: " + zeros);
        for (int k = 0; k < 2; k++) {
          float[] a = floats((TFloat32) r.get(k));
          float[] e = floats((TFloat32) r.get(2 + k));
          double scale = 0;
          for (float v : a) {
            scale = Math.max(scale, Math.abs(v));
          }
          assertTrue(scale > 1e-3, "gradient must not vanish, max " + scale);
          for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], e[i], 1e-5 * scale, (k == 0 ? "dW" : "db") + "[" + i + "]");
          }
        }
      }
    }
  }

  /**
   * A few epochs on separable clusters lower the validation J, with either rule, by the same
   * amount.
   */
  @Test
  void trainingLowersValidationLossAndBothRulesAgree() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 240, d = 6;
    float[] f = new float[n * d];
    for (int i = 0; i < n; i++) {
      int cluster = i % 4;
      for (int j = 0; j < d; j++) {
        f[i * d + j] = (j % 4 == cluster ? 2f : 0f) + 0.3f * (float) random.nextGaussian();
      }
    }
    Dataset all = new Dataset("toy", f, new int[n], d, 1);
    Dataset train = all.slice("toy-train", 0, 200);
    Dataset validation = all.slice("toy-validation", 200, 240);
    double[] finals = new double[2];
    for (OvrEncoderConfig.UpdateRule rule : OvrEncoderConfig.UpdateRule.values()) {
      try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
        EncoderGraph m = OvrEncoder.build(g, d, (tf, x) -> x, d, config(32, 1e-2f, rule), ADAM);
        double before = EncoderTrainer.meanLoss(g.session(), m, validation, 20);
        EncoderTrainingResult r =
            EncoderTrainer.train(g, m, train, validation, training(4, 20), TrainingListener.NONE);
        assertEquals(4, r.epochs());
        assertEquals(40, r.steps(), "4 epochs of ceil(200 / 20) steps");
        assertTrue(
            r.finalValidationLoss() < 0.8 * before,
            rule + ": validation J " + before + " -> " + r.finalValidationLoss());
        finals[rule.ordinal()] = r.finalValidationLoss();
      }
    }
    assertEquals(finals[0], finals[1], 1e-3 * finals[0], "autodiff and explicit rule train alike");
  }

  @Test
  void configRejectsBadValuesWithTheFix() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> OvrEncoderConfig.UpdateRule.parse("hebbian"));
    assertTrue(
        e.getMessage().contains("autodiff") && e.getMessage().contains("explicit"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> OvrEncoderConfig.builder().units(0).build());
    assertTrue(e.getMessage().contains("8192"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> training(1, 1));
    assertTrue(e.getMessage().contains("within a batch"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncoderTrainConfig.builder().learningRate(0f).build());
    assertTrue(e.getMessage().contains("learning_rate must be"), e.getMessage());
  }

  /** The builders start from the document's encoder and its training. */
  @Test
  void buildersDefaultToTheDocumentsEncoder() {
    OvrEncoderConfig encoder = OvrEncoderConfig.builder().build();
    assertEquals(8192, encoder.units());
    assertEquals(0.05f, encoder.initStddev());
    assertEquals(5e-5f, encoder.lambda());
    assertEquals(0.5f, encoder.activityTarget());
    assertEquals(OvrEncoderConfig.UpdateRule.AUTODIFF, encoder.updateRule());
    assertEquals(1, encoder.seed());
    assertEquals(OvrEncoderConfig.document(5e-5f, 1), encoder);
    OvrEncoderConfig changed = encoder.toBuilder().lambda(1e-4f).build();
    assertEquals(1e-4f, changed.lambda());
    assertEquals(encoder, changed.toBuilder().lambda(5e-5f).build());
    EncoderTrainConfig training = EncoderTrainConfig.builder().build();
    assertEquals(
        new EncoderTrainConfig(
            35, Integer.MAX_VALUE, 128, 1, 5, 0.1f, AdamConfig.withLearningRate(5e-4f)),
        training);
    L1AutoencoderConfig ae = L1AutoencoderConfig.builder().l1(1e-3f).build();
    assertEquals(8192, ae.units());
    assertEquals(0.05f, ae.initStddev());
    assertEquals(0.01f, ae.decoderStddev());
    assertEquals(1e-3f, ae.l1());
    assertEquals(ae, ae.toBuilder().build());
  }

  /**
   * The encoder's rate variable starts at the training's rate, and the trainer refuses an encoder
   * whose train step was built with other settings, before any step runs.
   */
  @Test
  void encoderIsBuiltWithTheTrainingsOptimizer() {
    Dataset data = new Dataset("toy", new float[8 * 3], new int[8], 3, 1);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      EncoderGraph m =
          L1Autoencoder.build(
              g,
              3,
              (tf, x) -> x,
              3,
              L1AutoencoderConfig.builder().units(4).build(),
              AdamConfig.withLearningRate(0.02f));
      assertEquals(AdamConfig.withLearningRate(0.02f), m.optimizer());
      assertEquals(0.02f, m.learningRate().current());
      try (Result r = g.session().runner().fetch(m.learningRate().value()).run()) {
        assertEquals(0.02f, ((TFloat32) r.get(0)).getFloat());
      }
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> EncoderTrainer.train(g, m, data, data, training(1, 4), TrainingListener.NONE));
      assertTrue(
          e.getMessage().contains("build the encoder with the configuration's optimizer()"),
          e.getMessage());
      assertEquals(0.02f, m.learningRate().current(), "nothing trained");
    }
  }
}
