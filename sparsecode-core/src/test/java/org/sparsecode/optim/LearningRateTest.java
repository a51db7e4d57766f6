package org.sparsecode.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class LearningRateTest {
  /**
   * Minimises sum(c * w^2) with Adam reading its rate from a {@link LearningRate}: 0.01 for two
   * steps, then 0.001 for a third; compared with Adam written out in double precision.
   */
  @Test
  void adamUsesTheRateSetBetweenSteps() {
    float[] w0 = {1f, -2f};
    float[] c = {1f, 3f};
    double[] rates = {0.01, 0.01, 0.001};
    double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double[] w = {w0[0], w0[1]};
    double[] m = new double[2];
    double[] v = new double[2];
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Variable<TFloat32> var = tf.withName("w").variable(tf.withInitScope().constant(w0));
      var value = tf.identity(var);
      var loss =
          tf.reduceSum(tf.math.mul(tf.constant(c), tf.math.mul(value, value)), tf.constant(0));
      LearningRate rate = new LearningRate(tf, "lr", 0.01f);
      DeterministicAdam adam = new DeterministicAdam(g.graph(), rate.value());
      Op step =
          adam.applyGradients(DeterministicAdam.gradients(g.graph(), loss, List.of(var)), "step");
      for (int t = 1; t <= 3; t++) {
        if (rates[t - 1] != rate.current()) {
          rate.set(g.session(), (float) rates[t - 1]);
        }
        g.session().run(step);
        for (int i = 0; i < 2; i++) {
          double grad = 2 * c[i] * w[i];
          m[i] = b1 * m[i] + (1 - b1) * grad;
          v[i] = b2 * v[i] + (1 - b2) * grad * grad;
          double lrT = rates[t - 1] * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
        }
        try (Result r = g.session().runner().fetch(var).run()) {
          for (int i = 0; i < 2; i++) {
            assertEquals(
                w[i], ((TFloat32) r.get(0)).getFloat(i), 1e-6, "w[" + i + "] after step " + t);
          }
        }
      }
      assertEquals(0.001f, rate.current());
      assertThrows(IllegalArgumentException.class, () -> rate.set(g.session(), 0f));
    }
  }
}
