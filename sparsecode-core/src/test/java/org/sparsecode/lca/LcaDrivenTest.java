package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.runtime.ThreadSettings;

/** LCA with a current added to the drive, against hand computation and plain LCA. */
class LcaDrivenTest {
  // Atoms [1, 0] and [0.6, 0.8]: Gram off-diagonal 0.6.
  private static final float[][] PHI = {{1, 0.6f}, {0, 0.8f}};
  private static final LcaConfig THREE_STEPS =
      new LcaConfig(0.1f, 2f, 3, Threshold.SOFT_NONNEGATIVE);

  @Test
  void currentIsAddedToTheDriveByHand() {
    // x = [1, 0]: b = Phi^T x = [1, 0.6]; current [0, 0.5] gives b + c = [1, 1.1]; tau 2, lambda
    // 0.1.
    // u1 = (b + c) / 2 = [0.5, 0.55]                         a1 = [0.4, 0.45]
    // u2 = u1 + (b + c - u1 - [0.6*0.45, 0.6*0.4]) / 2 = [0.615, 0.705]   a2 = [0.515, 0.605]
    // u3 = u2 + (b + c - u2 - [0.6*0.605, 0.6*0.515]) / 2 = [0.626, 0.748] a3 = [0.526, 0.648]
    float[] codes = drivenCodes(new float[] {1, 0}, new float[] {0, 0.5f});
    assertArrayEquals(new float[] {0.526f, 0.648f}, codes, 1e-6f);
    // Without the current: u1 = [0.5, 0.3], u2 = [0.69, 0.33], u3 = [0.776, 0.288], a3 = [0.676,
    // 0.188].
    float[][] plain = Lca.infer(new float[][] {{1, 0}}, PHI, THREE_STEPS);
    assertArrayEquals(new float[] {0.676f, 0.188f}, plain[0], 1e-6f);
  }

  @Test
  void zeroCurrentGivesPlainLcaCodes() {
    float[][] phi = Dictionary.random(6, 8, 3).toArray();
    float[][] x = LcaReference.gaussian(4, 6, 5);
    LcaConfig config = new LcaConfig(0.1f, 5f, 30, Threshold.SOFT_SIGNED);
    float[][] expected = Lca.infer(x, phi, config);
    float[] flat = new float[4 * 6];
    for (int n = 0; n < 4; n++) {
      System.arraycopy(x[n], 0, flat, n * 6, 6);
    }
    try (CodeInference driven = new CodeInference(6, 8, config, true, ThreadSettings.defaults())) {
      float[] codes = driven.codes(flat, 4, phi, new float[4 * 8], 4);
      for (int n = 0; n < 4; n++) {
        for (int j = 0; j < 8; j++) {
          // Lca folds 1/tau into its step and may take the sparse lateral product: equal to
          // rounding.
          assertEquals(expected[n][j], codes[n * 8 + j], 1e-5f, "code[" + n + "][" + j + "]");
        }
      }
      var e = assertThrows(IllegalArgumentException.class, () -> driven.codes(flat, 4, phi, 3));
      assertTrue(e.getMessage().contains("give a current"), e.getMessage());
    }
  }

  @Test
  void plainInferenceInChunksMatchesLca() {
    float[][] phi = Dictionary.random(5, 7, 8).toArray();
    float[][] x = LcaReference.gaussian(5, 5, 9);
    LcaConfig config = new LcaConfig(0.05f, 4f, 25, Threshold.HARD);
    float[][] expected = Lca.infer(x, phi, config);
    float[] flat = new float[5 * 5];
    for (int n = 0; n < 5; n++) {
      System.arraycopy(x[n], 0, flat, n * 5, 5);
    }
    try (CodeInference inference =
        new CodeInference(5, 7, config, false, ThreadSettings.defaults())) {
      float[] codes = inference.codes(flat, 5, phi, 2); // chunks of 2, 2 and 1
      for (int n = 0; n < 5; n++) {
        assertArrayEquals(
            expected[n], java.util.Arrays.copyOfRange(codes, n * 7, n * 7 + 7), 1e-6f);
      }
    }
  }

  private static float[] drivenCodes(float[] x, float[] current) {
    try (CodeInference inference =
        new CodeInference(2, 2, THREE_STEPS, true, ThreadSettings.defaults())) {
      return inference.codes(x, 1, PHI, current, 1);
    }
  }
}
