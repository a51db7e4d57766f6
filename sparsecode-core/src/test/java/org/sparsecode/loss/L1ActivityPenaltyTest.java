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

class L1ActivityPenaltyTest {

  private static float evaluate(float lambda, float[][][] activations) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var penalty = new L1ActivityPenalty(lambda).call(tf, tf.constant(activations));
      try (Result r = g.session().runner().fetch(penalty).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  @Test
  void sumsOverBatchAndUnitsNotMean() {
    // Two examples of 2x3 activations; sum = (1+2+0+0.5+0+3) + (0+0+4+1+0+0.25) = 11.75.
    float[][][] a = {
      {{1f, 2f, 0f}, {0.5f, 0f, 3f}},
      {{0f, 0f, 4f}, {1f, 0f, 0.25f}}
    };
    assertEquals(0.5f * 11.75f, evaluate(0.5f, a), 1e-6f);
    assertEquals(1e-5f * 11.75f, evaluate(1e-5f, a), 1e-11f);
  }

  @Test
  void takesAbsoluteValuesSoNegativeInputsArePenalisedToo() {
    float[][][] a = {{{-2f, 1f}}};
    assertEquals(3f, evaluate(1f, a), 1e-6f);
  }

  @Test
  void zeroLambdaGivesZero() {
    assertEquals(0f, evaluate(0f, new float[][][] {{{5f, 7f}}}));
  }

  /**
   * On ReLU outputs the plain sum equals the abs form in value and in the gradient with respect to
   * the pre-activations, also where a pre-activation is exactly 0 (abs' is 0 there, 1 for the sum,
   * and the ReLU's gradient 0 masks both).
   */
  @Test
  void theNonNegativeFormHasTheSameValueAndGradientThroughAReLU() {
    float[][] pre = {{-1.5f, 0f, 2f, 0.25f}, {3f, -0.5f, 0f, 1f}};
    // Hand computation: the positive pre-activations sum to 2 + 0.25 + 3 + 1 = 6.25; each has
    // gradient lambda, the others 0.
    float lambda = 0.5f;
    float[][] expected = {{0f, 0f, lambda, lambda}, {lambda, 0f, 0f, lambda}};
    for (boolean nonNegative : new boolean[] {false, true}) {
      try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
        Ops tf = g.tf();
        var x = tf.constant(pre);
        var h = tf.nn.relu(x);
        L1ActivityPenalty l1 = new L1ActivityPenalty(lambda);
        var penalty = nonNegative ? l1.callOnNonNegative(tf, h) : l1.call(tf, h);
        var grad =
            g.graph()
                .addGradients(penalty.asOutput(), new org.tensorflow.Output<?>[] {x.asOutput()})[0];
        try (Result r = g.session().runner().fetch(penalty).fetch(grad).run()) {
          assertEquals(
              lambda * 6.25f,
              ((TFloat32) r.get(0)).getFloat(),
              1e-6f,
              "nonNegative=" + nonNegative);
          TFloat32 gx = (TFloat32) r.get(1);
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
              assertEquals(
                  expected[i][j],
                  gx.getFloat(i, j),
                  0f,
                  "nonNegative=" + nonNegative + " at " + i + "," + j);
            }
          }
        }
      }
    }
  }

  /** Summed per example, then over the batch: the same value and gradient, by hand. */
  @Test
  void thePerExampleFormHasTheSameValueAndGradientThroughAReLU() {
    // Two examples of 2x2 pre-activations; the positive ones sum to (2 + 0.25) + (3 + 1) = 6.25.
    float[][][] pre = {{{-1.5f, 0f}, {2f, 0.25f}}, {{3f, -0.5f}, {0f, 1f}}};
    float lambda = 0.5f;
    float[][][] expected = {{{0f, 0f}, {lambda, lambda}}, {{lambda, 0f}, {0f, lambda}}};
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var x = tf.constant(pre);
      var penalty = new L1ActivityPenalty(lambda).callOnNonNegativePerExample(tf, tf.nn.relu(x));
      var grad =
          g.graph()
              .addGradients(penalty.asOutput(), new org.tensorflow.Output<?>[] {x.asOutput()})[0];
      try (Result r = g.session().runner().fetch(penalty).fetch(grad).run()) {
        assertEquals(lambda * 6.25f, ((TFloat32) r.get(0)).getFloat(), 1e-6f);
        TFloat32 gx = (TFloat32) r.get(1);
        for (int n = 0; n < 2; n++) {
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
              assertEquals(expected[n][i][j], gx.getFloat(n, i, j), 0f, n + "," + i + "," + j);
            }
          }
        }
      }
    }
  }

  @Test
  void thePerExampleFormNeedsABatchOfVectorsAtLeast() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new L1ActivityPenalty(1f)
                      .callOnNonNegativePerExample(tf, tf.constant(new float[] {5f, 7f})));
      assertTrue(e.getMessage().contains("use callOnNonNegative"), e.getMessage());
    }
  }

  @Test
  void theNonNegativeFormWithZeroLambdaIsAConstantZero() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var penalty =
          new L1ActivityPenalty(0f).callOnNonNegative(tf, tf.constant(new float[] {5f, 7f}));
      assertEquals("Const", penalty.op().type());
      try (Result r = g.session().runner().fetch(penalty).run()) {
        assertEquals(0f, ((TFloat32) r.get(0)).getFloat());
      }
    }
  }

  @Test
  void rejectsNegativeOrNonFiniteLambdaWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> new L1ActivityPenalty(-1e-5f));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new L1ActivityPenalty(Float.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> new L1ActivityPenalty(Float.POSITIVE_INFINITY));
  }
}
