package org.sparsecode.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ActivityLevelLossTest {

  private static float evaluate(ActivityLevelLoss loss, float[][] h) {
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
    // Entries of OvrLossTest.H sum to 7 + 5 + 7 = 19 over 12 entries: mean 19/12.
    // |19/12 - 1/2| = 13/12; with target 2 the mean is below it: |19/12 - 2| = 5/12.
    assertEquals(13.0 / 12, evaluate(new ActivityLevelLoss(), OvrLossTest.H), 1e-6);
    assertEquals(5.0 / 12, evaluate(new ActivityLevelLoss(2f), OvrLossTest.H), 1e-6);
    assertEquals(0.5, evaluate(new ActivityLevelLoss(), new float[][] {{0, 0}, {0, 0}}), 0);
  }

  @Test
  void rejectsNonFiniteTarget() {
    assertThrows(IllegalArgumentException.class, () -> new ActivityLevelLoss(Float.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> new ActivityLevelLoss(Float.NEGATIVE_INFINITY));
  }
}
