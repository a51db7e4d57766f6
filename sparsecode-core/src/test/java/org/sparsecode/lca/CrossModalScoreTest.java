package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Nearest-class accuracy and error of cross-modal reconstructions, by hand. */
class CrossModalScoreTest {
  private static final float[][] TARGETS = {{1, 0}, {0, 1}, {1, 1}};

  @Test
  void nearestClassAndErrorByHand() {
    float[] recs = {
      0.9f,
      0.1f, // label 0: distances 0.02, 1.62, 0.82 -> class 0, right; own error 0.02
      0.6f,
      0.6f, // label 1: distances 0.52, 0.52, 0.32 -> class 2, wrong; own error 0.52
      0.5f,
      0.5f, // label 2: distances 0.5, 0.5, 0.5 -> tie, lowest class 0, wrong; own error 0.5
      0,
      0.8f // label 1: distances 1.64, 0.04, 1.04 -> class 1, right; own error 0.04
    };
    int[] labels = {0, 1, 2, 1};
    CrossModalScore s = CrossModalScore.of(recs, labels, TARGETS, null);
    assertEquals(0.5, s.nearestClassAccuracy(), 1e-12);
    // Per-value error: (0.02 + 0.52 + 0.5 + 0.04) / 2 values / 4 reconstructions.
    assertEquals((0.02 + 0.52 + 0.5 + 0.04) / 8, s.meanSquaredError(), 1e-6);

    // Scales multiply each class's error by scale^2 and leave the nearest class alone.
    CrossModalScore scaled = CrossModalScore.of(recs, labels, TARGETS, new double[] {2, 1, 10});
    assertEquals(0.5, scaled.nearestClassAccuracy(), 1e-12);
    assertEquals((4 * 0.02 + 0.52 + 100 * 0.5 + 0.04) / 8, scaled.meanSquaredError(), 1e-5);
  }

  @Test
  void badInputIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CrossModalScore.of(new float[3], new int[] {0, 1}, TARGETS, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> CrossModalScore.of(new float[2], new int[] {3}, TARGETS, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> CrossModalScore.of(new float[2], new int[] {0}, TARGETS, new double[2]));
  }
}
