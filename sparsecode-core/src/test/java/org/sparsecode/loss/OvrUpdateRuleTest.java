package org.sparsecode.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The OVR (+ L) gradient three ways: TensorFlow autodiff, the explicit rule (as an op and in plain
 * Java), and central finite differences of a double-precision loss written here.
 */
class OvrUpdateRuleTest {
  private static final float LAMBDA = 0.5f;
  private static final float EPS = 1e-8f;
  private static final float TARGET = 0.5f;

  /** OVR + L in double precision, straight from the definitions (a double sum over i, j). */
  private static double referenceCost(double[][] h) {
    int b = h.length, k = h[0].length;
    double[][] hn = new double[b][k];
    double total = 0;
    for (int i = 0; i < b; i++) {
      double squares = 0;
      for (double v : h[i]) {
        squares += v * v;
        total += v;
      }
      for (int j = 0; j < k; j++) {
        hn[i][j] = h[i][j] / (Math.sqrt(squares) + EPS);
      }
    }
    double ovr = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < b; j++) {
        for (int c = 0; c < k; c++) {
          ovr += hn[i][c] * hn[j][c];
        }
      }
    }
    return LAMBDA * ovr + Math.abs(total / (b * k) - TARGET);
  }

  private static float[][] random(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] h = new float[rows][cols];
    for (float[] row : h) {
      for (int c = 0; c < cols; c++) {
        // Mostly positive like ReLU codes, some negative to exercise the signs.
        row[c] = (float) (rnd.nextDouble() * 1.5 - 0.3);
      }
    }
    return h;
  }

  private static double[][] toDoubles(float[][] h) {
    double[][] out = new double[h.length][];
    for (int i = 0; i < h.length; i++) {
      out[i] = new double[h[i].length];
      for (int c = 0; c < h[i].length; c++) {
        out[i][c] = h[i][c];
      }
    }
    return out;
  }

  /** Runs the graph on {@code h} fed to a placeholder; returns {cost, dCost/dH autodiff, rule}. */
  private static float[][][] run(float[][] h, boolean withActivityLevel) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> input =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(h.length, h[0].length)));
      Operand<TFloat32> cost = new OvrLoss(LAMBDA, EPS).call(tf, input);
      if (withActivityLevel) {
        cost = tf.math.add(cost, new ActivityLevelLoss(TARGET).call(tf, input));
      }
      Output<?>[] grad =
          g.graph().addGradients(cost.asOutput(), new Output<?>[] {input.asOutput()});
      Operand<TFloat32> rule = new OvrUpdateRule(LAMBDA, EPS).gradient(tf, input);
      try (TFloat32 fed = TFloat32.tensorOf(StdArrays.ndCopyOf(h));
          Result r =
              g.session().runner().feed(input, fed).fetch(cost).fetch(grad[0]).fetch(rule).run()) {
        return new float[][][] {
          {{((TFloat32) r.get(0)).getFloat()}},
          StdArrays.array2dCopyOf((TFloat32) r.get(1)),
          StdArrays.array2dCopyOf((TFloat32) r.get(2)),
        };
      }
    }
  }

  @Test
  void autodiffOfOvrPlusLMatchesFiniteDifferences() {
    float[][] h = random(4, 5, 3);
    float[][][] out = run(h, true);
    double[][] p = toDoubles(h);
    assertEquals(referenceCost(p), out[0][0][0], 1e-5 * referenceCost(p), "cost");
    double step = 1e-6;
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < p[i].length; c++) {
        double keep = p[i][c];
        p[i][c] = keep + step;
        double up = referenceCost(p);
        p[i][c] = keep - step;
        double down = referenceCost(p);
        p[i][c] = keep;
        double numeric = (up - down) / (2 * step);
        assertEquals(
            numeric, out[1][i][c], 1e-5 + 1e-4 * Math.abs(numeric), "dJ/dH[" + i + "][" + c + "]");
      }
    }
  }

  @Test
  void javaRuleMatchesFiniteDifferencesOfOvrAlone() {
    // Double precision on both sides: checks the closed form itself, tightly.
    double[][] p = toDoubles(random(5, 7, 5));
    double[][] rule = new OvrUpdateRule(LAMBDA, EPS).gradient(p);
    double step = 1e-6;
    for (int i = 0; i < p.length; i++) {
      for (int c = 0; c < p[i].length; c++) {
        double keep = p[i][c];
        p[i][c] = keep + step;
        double up = referenceCost(p);
        p[i][c] = keep - step;
        double down = referenceCost(p);
        p[i][c] = keep;
        // L's gradient is the same constant sign(mean - target) / (B K) for every entry here.
        double numeric = (up - down) / (2 * step) - Math.signum(mean(p) - TARGET) / 35;
        assertEquals(
            numeric, rule[i][c], 1e-7 + 1e-6 * Math.abs(numeric), "[" + i + "][" + c + "]");
      }
    }
  }

  @Test
  void explicitRuleEqualsAutodiffAndJavaReferenceWithAZeroRow() {
    float[][] h = random(5, 7, 11);
    h[2] = new float[7]; // an all-zero row: its gradient is 2 lambda S / eps, huge but finite
    float[][][] out = run(h, false);
    float[][] autodiff = out[1], rule = out[2];
    double[][] java = new OvrUpdateRule(LAMBDA, EPS).gradient(toDoubles(h));
    for (int i = 0; i < h.length; i++) {
      // Relative to the row's largest entry, so entries that nearly cancel are judged fairly.
      double scale = 0;
      for (double v : java[i]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int c = 0; c < h[i].length; c++) {
        assertTrue(
            Float.isFinite(autodiff[i][c]), "autodiff [" + i + "][" + c + "] = " + autodiff[i][c]);
        assertEquals(
            java[i][c], autodiff[i][c], 1e-5 * scale, "autodiff vs Java [" + i + "][" + c + "]");
        assertEquals(
            java[i][c], rule[i][c], 1e-5 * scale, "rule op vs Java [" + i + "][" + c + "]");
        assertEquals(
            autodiff[i][c], rule[i][c], 1e-5 * scale, "rule op vs autodiff [" + i + "][" + c + "]");
      }
    }
    // The zero row's gradient is the limit 2 lambda S / eps (order 1e8 here).
    double[] s = new double[7];
    for (float[] row : h) {
      double norm = 0;
      for (float v : row) {
        norm += (double) v * v;
      }
      for (int c = 0; c < 7; c++) {
        s[c] += row[c] / (Math.sqrt(norm) + EPS);
      }
    }
    for (int c = 0; c < 7; c++) {
      assertEquals(2 * LAMBDA * s[c] / EPS, java[2][c], 1e-9 * Math.abs(java[2][c]));
    }
  }

  private static double mean(double[][] p) {
    double sum = 0;
    for (double[] row : p) {
      for (double v : row) {
        sum += v;
      }
    }
    return sum / (p.length * p[0].length);
  }
}
