package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.lca.Lca.Lateral;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.op.Ops;

/**
 * The sparse and the switching lateral products give the dense product's codes, and all three
 * follow the independent double-precision recurrence over many steps.
 */
class LcaLateralTest {
  private static final int IN = 20, ATOMS = 40, BATCH = 5, STEPS = 120;
  private static final float[][] PHI = Dictionary.random(IN, ATOMS, 11).toArray();
  private static final float[][] X = LcaReference.gaussian(BATCH, IN, 12);

  @Test
  void sparseAndAutoEqualDenseAndTheDoubleRecurrence() {
    for (Threshold kind : Threshold.values()) {
      LcaConfig config = new LcaConfig(0.3f, 8f, STEPS, kind);
      Lca.Traced dense = Lca.inferWithTraces(X, PHI, config, Lateral.DENSE);
      // The share of non-zero codes starts below AUTO's cut-over and ends above it, so AUTO takes
      // both products within one run.
      float[] share = dense.meanL0().clone();
      for (int k = 0; k < share.length; k++) {
        share[k] /= ATOMS;
      }
      assertTrue(share[0] <= Lateral.AUTO_SPARSE_UP_TO, kind + ": first step share " + share[0]);
      assertTrue(
          share[STEPS - 1] > Lateral.AUTO_SPARSE_UP_TO,
          kind + ": last step share " + share[STEPS - 1]);
      for (Lateral lateral : new Lateral[] {Lateral.SPARSE, Lateral.SPARSE_ENTRIES, Lateral.AUTO}) {
        Lca.Traced other = Lca.inferWithTraces(X, PHI, config, lateral);
        for (int n = 0; n < BATCH; n++) {
          for (int j = 0; j < ATOMS; j++) {
            assertEquals(
                dense.codes()[n][j],
                other.codes()[n][j],
                2e-5,
                kind + " " + lateral + " code[" + n + "][" + j + "]");
          }
        }
        for (int k = 0; k < STEPS; k++) {
          assertEquals(
              dense.energy()[k],
              other.energy()[k],
              2e-5,
              kind + " " + lateral + " energy at step " + k);
        }
      }
      for (int n = 0; n < BATCH; n++) {
        double[] ref = LcaReference.lca(X[n], PHI, 0.3, 8, STEPS, kind);
        for (int j = 0; j < ATOMS; j++) {
          assertEquals(
              ref[j],
              dense.codes()[n][j],
              1e-4,
              kind + " code[" + n + "][" + j + "] against doubles");
        }
      }
    }
  }

  @Test
  void sparseProductWithoutNonZeroCodesGivesZeroCodes() {
    // With lambda above every potential (|U| <= |B| < 100) no code ever turns on: every sparse
    // product has no entries, and the reconstruction error is ||x||^2.
    LcaConfig config = new LcaConfig(100f, 4f, 30, Threshold.SOFT_SIGNED);
    double error = 0;
    for (float[] x : X) {
      for (float v : x) {
        error += (double) v * v / BATCH;
      }
    }
    for (Lateral lateral : new Lateral[] {Lateral.SPARSE, Lateral.SPARSE_ENTRIES}) {
      Lca.Traced t = Lca.inferWithTraces(X, PHI, config, lateral);
      for (float[] row : t.codes()) {
        for (float a : row) {
          assertEquals(0f, a, 0f); // -0 from the signed threshold counts as 0
        }
      }
      assertEquals(error, t.reconstructionError()[29], 1e-4, lateral.name());
    }
  }

  @Test
  void missingLateralIsRejected() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      var e =
          assertThrows(
              NullPointerException.class,
              () ->
                  Lca.build(
                      tf,
                      Lca.inputsPlaceholder(tf, IN),
                      tf.constant(PHI),
                      new LcaConfig(0.1f, 4f, 3, Threshold.HARD),
                      false,
                      null));
      assertTrue(e.getMessage().contains("DENSE, SPARSE or AUTO"), e.getMessage());
    }
  }
}
