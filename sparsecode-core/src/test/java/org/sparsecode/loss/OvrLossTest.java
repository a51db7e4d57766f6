package org.sparsecode.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class OvrLossTest {
  /**
   * Row norms 5, 3, 5; normalised rows A = (.6, .8, 0, 0), B = (1/3, 2/3, 2/3, 0), C = (0, 0, .6,
   * .8). S = A + B + C = (14, 22, 19, 12) / 15, so ||S||^2 = (196 + 484 + 361 + 144) / 225 = 1185 /
   * 225 = 79/15. Check with cosines: A.B = 11/15, A.C = 0, B.C = 6/15, and 3 + 2 * 17/15 = 79/15.
   */
  static final float[][] H = {
    {3, 4, 0, 0},
    {1, 2, 2, 0},
    {0, 0, 3, 4},
  };

  static final double SQUARED_NORM_OF_S = 79.0 / 15;

  static float evaluate(OvrLoss loss, float[][] h) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var value = loss.call(tf, tf.constant(h));
      try (Result r = g.session().runner().fetch(value).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  @Test
  void handWorkedMatrix() {
    // lambda 0.5: 0.5 * 79/15 = 79/30 = 2.6333...
    assertEquals(79.0 / 30, evaluate(new OvrLoss(0.5f), H), 1e-6);
    assertEquals(1e-4 * 79.0 / 15, evaluate(new OvrLoss(1e-4f), H), 1e-9);
  }

  @Test
  void identicalRowsGiveBSquaredAndOrthogonalRowsGiveB() {
    // Identical directions: S = B * Hn, ||S||^2 = B^2. Orthogonal rows: only the B diagonal terms.
    assertEquals(9, evaluate(new OvrLoss(1f), new float[][] {{1, 1}, {2, 2}, {5, 5}}), 1e-5);
    assertEquals(
        3, evaluate(new OvrLoss(1f), new float[][] {{2, 0, 0}, {0, 7, 0}, {0, 0, 0.5f}}), 1e-6);
  }

  @Test
  void zeroRowIsFiniteAndAddsNothing() {
    float[][] withZero = {H[0], {0, 0, 0, 0}, H[1], H[2]};
    float value = evaluate(new OvrLoss(0.5f), withZero);
    assertTrue(Float.isFinite(value), "got " + value);
    assertEquals(79.0 / 30, value, 1e-6);
    assertEquals(0f, evaluate(new OvrLoss(0.5f), new float[][] {{0, 0}, {0, 0}}));
  }

  @Test
  void epsilonEffectIsTiny() {
    // With eps the rows are scaled by r/(r+eps): 1e-8 changes nothing visible in float32, and
    // even 1e-3 only shrinks the loss by about 2 * 1e-3 / 3 (the norms are 3..5).
    assertEquals(
        evaluate(new OvrLoss(0.5f, 1e-8f), H), evaluate(new OvrLoss(0.5f, 1e-12f), H), 1e-6);
    double big = evaluate(new OvrLoss(0.5f, 1e-3f), H);
    assertTrue(big < 79.0 / 30 && big > 79.0 / 30 * (1 - 1e-3), "eps 1e-3 gave " + big);
  }

  @Test
  void rejectsBadArgumentsWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> new OvrLoss(-1f));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new OvrLoss(Float.NaN));
    assertThrows(IllegalArgumentException.class, () -> new OvrLoss(Float.POSITIVE_INFINITY));
    e = assertThrows(IllegalArgumentException.class, () -> new OvrLoss(1f, 0f));
    assertTrue(e.getMessage().contains("> 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new OvrLoss(1f, -1e-8f));
    assertThrows(IllegalArgumentException.class, () -> new OvrUpdateRule(-1f, 1e-8f));
  }
}
