package org.sparsecode.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateauScheduleTest {
  /**
   * Patience 2, factor 0.1, rate 1. Losses 5, 4, 4, 4.5 (two epochs without a new best: divide), 3
   * (best), 3.5, 3 (equal is not better: divide again), NaN, 2.
   */
  @Test
  void dividesAfterPatienceEpochsWithoutANewBest() {
    PlateauSchedule s = new PlateauSchedule(1f, 0.1f, 2);
    double[] losses = {5, 4, 4, 4.5, 3, 3.5, 3, Double.NaN, 2};
    float[] got = new float[losses.length];
    for (int e = 0; e < losses.length; e++) {
      got[e] = s.afterEpoch(losses[e]);
    }
    assertArrayEquals(new float[] {1, 1, 1, 0.1f, 0.1f, 0.1f, 0.01f, 0.01f, 0.01f}, got, 1e-9f);
  }

  @Test
  void rejectsBadSettingsWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> new PlateauSchedule(1f, 10f, 5));
    assertTrue(e.getMessage().contains("0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PlateauSchedule(1f, 0.1f, 0));
    assertTrue(e.getMessage().contains("5"), e.getMessage());
  }
}
