package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.loss.OvrLoss;
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

  private static OvrEncoderConfig config(
      int units, float lambda, OvrEncoderConfig.UpdateRule rule) {
    return new OvrEncoderConfig(units, 0.5f, lambda, 0.5f, 1e-2f, rule, 5);
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
              g, 3, (tf, x) -> x, 3, config(4, 0.5f, OvrEncoderConfig.UpdateRule.AUTODIFF));
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
        EncoderGraph m = OvrEncoder.build(g, d, (tf, x) -> x, d, config(32, 1e-2f, rule));
        double before = EncoderTrainer.meanLoss(g.session(), m, validation, 20);
        EncoderTrainingResult r =
            EncoderTrainer.train(
                g,
                m,
                train,
                validation,
                new EncoderTrainConfig(4, 1000, 20, 1, 5, 0.1f),
                TrainingListener.NONE);
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
            IllegalArgumentException.class,
            () ->
                new OvrEncoderConfig(
                    0, 0.05f, 5e-5f, 0.5f, 5e-4f, OvrEncoderConfig.UpdateRule.AUTODIFF, 1));
    assertTrue(e.getMessage().contains("8192"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new EncoderTrainConfig(1, 10, 1, 1, 5, 0.1f));
    assertTrue(e.getMessage().contains("within a batch"), e.getMessage());
  }
}
