package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.nn.NnTesting.floats;
import static org.sparsecode.nn.NnTesting.tensor;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class DropoutTest {
  private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8};
  private static final float[] U = {0.1f, 0.6f, 0.4f, 0.9f, 0.5f, 0.49f, 0.7f, 0.2f};

  /**
   * Dropout of X (2 x 4) under the uniform draw U, and the gradient of its sum with respect to X.
   */
  private static float[][] maskedAndGradient(float rate) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 4)));
      Operand<TFloat32> y =
          new Dropout(rate, 1, 1)
              .apply(
                  tf,
                  x,
                  tf.constant(
                      Shape.of(2, 4),
                      org.tensorflow.ndarray.buffer.DataBuffers.of(U, true, false)));
      Output<?>[] grad =
          g.addGradients(
              tf.reduceSum(y, tf.constant(new int[] {0, 1})).asOutput(),
              new Output<?>[] {x.asOutput()});
      try (TFloat32 xt = tensor(X, 2, 4);
          Result r = s.runner().feed(x, xt).fetch(y).fetch(grad[0]).run()) {
        return new float[][] {floats((TFloat32) r.get(0)), floats((TFloat32) r.get(1))};
      }
    }
  }

  @Test
  void keepsWhereTheDrawIsAtLeastTheRateAndScalesByOneOverKeep() {
    // rate 0.5: kept where u >= 0.5 (0.6, 0.9, 0.5, 0.7), times 2.
    float[][] half = maskedAndGradient(0.5f);
    assertArrayEquals(new float[] {0, 4, 0, 8, 10, 0, 14, 0}, half[0]);
    assertArrayEquals(new float[] {0, 2, 0, 2, 2, 0, 2, 0}, half[1]);
    // rate 0.25: kept where u >= 0.25 (all but 0.1 and 0.2), times 4/3.
    float[][] quarter = maskedAndGradient(0.25f);
    float s = 1f / 0.75f;
    assertArrayEquals(
        new float[] {0, 2 * s, 3 * s, 4 * s, 5 * s, 6 * s, 7 * s, 0}, quarter[0], 1e-6f);
    assertArrayEquals(new float[] {0, s, s, s, s, s, s, 0}, quarter[1], 1e-6f);
  }

  /** Two runs of a seeded dropout on a 100 x 100 block of ones, from a fresh graph. */
  private static float[][] twoDraws(long seed) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y =
          new Dropout(0.3f, seed, 1)
              .apply(tf, tf.fill(tf.constant(new int[] {100, 100}), tf.constant(1f)));
      try (Result a = s.runner().fetch(y).run();
          Result b = s.runner().fetch(y).run()) {
        return new float[][] {floats((TFloat32) a.get(0)), floats((TFloat32) b.get(0))};
      }
    }
  }

  @Test
  void seededDrawsDropTheRateKeepTheMeanAndRepeat() {
    float[][] first = twoDraws(7);
    for (float[] draw : first) {
      int zeros = 0;
      double sum = 0;
      for (float v : draw) {
        assertTrue(v == 0f || v == 1f / 0.7f, "value " + v);
        zeros += v == 0f ? 1 : 0;
        sum += v;
      }
      // 10,000 Bernoulli(0.3) draws: standard deviation 0.0046 of the fraction.
      assertEquals(0.3, zeros / 10_000.0, 0.02);
      assertEquals(1.0, sum / 10_000, 0.03);
    }
    assertFalse(Arrays.equals(first[0], first[1]), "each run draws a fresh mask");
    float[][] again = twoDraws(7);
    assertArrayEquals(first[0], again[0], "same seed, same masks");
    assertArrayEquals(first[1], again[1]);
    assertFalse(Arrays.equals(first[0], twoDraws(8)[0]), "another seed, other masks");
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    for (float bad : new float[] {0f, 1f, -0.1f, Float.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Dropout(bad, 1, 1));
      assertTrue(e.getMessage().contains("> 0 and < 1"), e.getMessage());
    }
  }
}
