package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hebbian learning, renormalisation and dead-atom handling against hand computations. */
class DictionaryTest {

  @Test
  void randomIsSeededWithUnitColumns() {
    Dictionary a = Dictionary.random(6, 8, 42), b = Dictionary.random(6, 8, 42);
    assertArrayEquals(a.toArray(), b.toArray());
    assertUnitColumns(a);
  }

  @Test
  void hebbianUpdateMatchesHandComputation() {
    Dictionary d = new Dictionary(new float[][] {{1, 0}, {0, 1}, {0, 0}});
    float[][] x = {{1, 2, 3}, {0, 1, 1}};
    float[][] a = {{1, 0}, {0.5f, 2}};
    d.hebbianUpdate(x, a, 0.5f);
    // Residuals [0,2,3] and [-0.5,-1,1]; Phi += 0.5/2 * (r1 a1^T + r2 a2^T):
    // column 0 -> [0.9375, 0.375, 0.875], column 1 -> [-0.25, 0.5, 0.5], then unit norm.
    double n0 = Math.sqrt(0.9375 * 0.9375 + 0.375 * 0.375 + 0.875 * 0.875);
    float[][] expected = {
      {(float) (0.9375 / n0), -1f / 3},
      {(float) (0.375 / n0), 2f / 3},
      {(float) (0.875 / n0), 2f / 3}
    };
    assertMatrixEquals(expected, d.toArray(), 1e-6f);
    assertUnitColumns(d);
  }

  @Test
  void hebbianUpdateKeepsRandomColumnsUnitAndZeroColumnsZero() {
    Dictionary d = Dictionary.random(6, 8, 1);
    float[][] x = LcaReference.gaussian(3, 6, 2);
    float[][] codes = LcaReference.gaussian(3, 8, 3);
    d.hebbianUpdate(x, codes, 0.3f);
    assertUnitColumns(d);

    Dictionary withZero = new Dictionary(new float[][] {{1, 0}, {0, 0}, {0, 0}});
    withZero.hebbianUpdate(new float[][] {{1, 1, 1}}, new float[][] {{0.5f, 0}}, 0.1f);
    for (int i = 0; i < 3; i++) {
      assertEquals(0f, withZero.get(i, 1), "a zero column stays zero, not NaN");
    }
  }

  @Test
  void deadAtomsAreReplacedByTheWorstReconstructedInputs() {
    float s = (float) Math.sqrt(0.5);
    Dictionary d = new Dictionary(new float[][] {{1, 0, 0, s}, {0, 1, 0, s}, {0, 0, 1, 0}});
    float[][] codes = {{0, 1, 0, 0}, {0, -0.5f, 0, 0}, {0, 0, 0, 2}};
    // Errors 1/2||x - Phi a||^2: 0, 12.625 and 2.5, so the order is inputs 1, 2, 0.
    float[][] x = {{0, 1, 0}, {3, 0, 4}, {0, 0, 1}};
    assertArrayEquals(new int[] {0, 2}, d.deadAtoms(codes));
    assertEquals(12.625, d.squaredError(x[1], codes[1]), 1e-6);

    assertArrayEquals(new int[] {0, 2}, d.reinitialiseDead(x, codes));
    float[][] expected = {{0.6f, 0, 0, s}, {0, 1, 0, s}, {0.8f, 0, 1, 0}};
    assertMatrixEquals(expected, d.toArray(), 1e-6f);
  }

  @Test
  void moreDeadAtomsThanInputsCycleAndZeroInputsAreSkipped() {
    Dictionary d = Dictionary.random(2, 3, 9);
    float[][] x = {{0, 2}, {0, 0}, {3, 0}};
    float[][] codes = new float[3][3];
    // All three atoms dead; errors 2, 0 and 4.5; the zero input is skipped: order 2, 0, then 2
    // again.
    assertArrayEquals(new int[] {0, 1, 2}, d.reinitialiseDead(x, codes));
    assertMatrixEquals(new float[][] {{1, 0, 1}, {0, 1, 0}}, d.toArray(), 1e-7f);
    assertArrayEquals(new int[0], d.deadAtoms(new float[][] {{1, -1, 0.1f}}));
  }

  @Test
  void sparseHebbianEqualsTheDenseSumExactly() {
    Dictionary d = Dictionary.random(7, 9, 4);
    float[][] x = LcaReference.gaussian(5, 7, 5);
    float[][] codes = LcaReference.gaussian(5, 9, 6);
    for (int n = 0; n < 5; n++) {
      for (int j = 0; j < 9; j++) {
        if ((n + j) % 3 != 0) {
          codes[n][j] = 0; // two thirds zero, atom 0 active only in examples 0 and 3
        }
      }
    }
    float[][] phi = d.toArray();
    // Dense reference in the same arithmetic: float reconstruction and residual, double sums over
    // n.
    float[][] residual = new float[5][7];
    for (int n = 0; n < 5; n++) {
      for (int i = 0; i < 7; i++) {
        double s = 0;
        for (int j = 0; j < 9; j++) {
          s += (double) phi[i][j] * codes[n][j];
        }
        residual[n][i] = x[n][i] - (float) s;
      }
    }
    float[][] expected = new float[7][9];
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 9; j++) {
        double s = 0;
        for (int n = 0; n < 5; n++) {
          s += (double) residual[n][i] * codes[n][j];
        }
        expected[i][j] = phi[i][j] + (float) ((double) 0.3f / 5 * s);
      }
    }
    Dictionary reference = new Dictionary(expected);
    reference.normaliseColumns();
    d.hebbianUpdate(x, codes, 0.3f);
    assertMatrixEquals(reference.toArray(), d.toArray(), 0f);
  }

  @Test
  void chosenAtomsAreReplacedByTheWorstReconstructedInputs() {
    Dictionary d = new Dictionary(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    float[][] codes = {{1, 0, 0}, {0, 0, 0}};
    float[][] x = {{1, 0, 0}, {0, 3, 4}}; // errors 0 and 12.5
    assertArrayEquals(new int[] {2}, d.reinitialise(new int[] {2}, x, codes));
    assertMatrixEquals(new float[][] {{1, 0, 0}, {0, 1, 0.6f}, {0, 0, 0.8f}}, d.toArray(), 1e-7f);
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> d.reinitialise(new int[] {3}, x, codes));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("outside 0..2"), e.getMessage());
  }

  static void assertUnitColumns(Dictionary d) {
    for (int j = 0; j < d.nAtoms(); j++) {
      double norm = 0;
      for (int i = 0; i < d.nInputs(); i++) {
        norm += (double) d.get(i, j) * d.get(i, j);
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-6, "norm of column " + j);
    }
  }

  static void assertMatrixEquals(float[][] expected, float[][] actual, float tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tol, "row " + i);
    }
  }
}
