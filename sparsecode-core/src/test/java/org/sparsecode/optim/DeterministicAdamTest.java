package org.sparsecode.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class DeterministicAdamTest {

  /** Minimises sum(c * w^2) and compares three steps with Adam written out in double precision. */
  @Test
  void threeStepsMatchTheAlgorithmByHand() {
    float[] w0 = {1f, -2f, 0.5f};
    float[] c = {1f, 3f, -0.25f};
    double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double[] w = {w0[0], w0[1], w0[2]};
    double[] m = new double[3];
    double[] v = new double[3];

    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Variable<TFloat32> var = tf.withName("w").variable(tf.withInitScope().constant(w0));
      // Read through Identity: the C++ gradient of Square crashes on a variable's reference output.
      var value = tf.identity(var);
      var loss =
          tf.reduceSum(tf.math.mul(tf.constant(c), tf.math.mul(value, value)), tf.constant(0));
      DeterministicAdam adam = new DeterministicAdam(g.graph(), (float) lr);
      Op step =
          adam.applyGradients(DeterministicAdam.gradients(g.graph(), loss, List.of(var)), "step");

      for (int t = 1; t <= 3; t++) {
        g.session().run(step);
        for (int i = 0; i < 3; i++) {
          double grad = 2 * c[i] * w[i];
          m[i] = b1 * m[i] + (1 - b1) * grad;
          v[i] = b2 * v[i] + (1 - b2) * grad * grad;
          // TensorFlow's ApplyAdam folds the bias corrections into the step size.
          double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
        }
        try (Result r = g.session().runner().fetch(var).run()) {
          TFloat32 got = (TFloat32) r.get(0);
          for (int i = 0; i < 3; i++) {
            assertEquals(w[i], got.getFloat(i), 1e-6, "w[" + i + "] after step " + t);
          }
        }
      }
    }
  }
}
