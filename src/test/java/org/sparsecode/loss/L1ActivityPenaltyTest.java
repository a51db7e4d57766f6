package org.sparsecode.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.ThreadSettings;
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

  @Test
  void rejectsNegativeOrNonFiniteLambdaWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> new L1ActivityPenalty(-1e-5f));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new L1ActivityPenalty(Float.NaN));
    assertThrows(IllegalArgumentException.class, () -> new L1ActivityPenalty(Float.POSITIVE_INFINITY));
  }
}
