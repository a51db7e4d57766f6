package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Checks the LCA graph against hand values, a double-precision recurrence and the KKT conditions.
 */
class LcaTest {
  private static final int IN = 6, ATOMS = 8, BATCH = 3;
  private static final float[][] PHI = Dictionary.random(IN, ATOMS, 3).toArray();
  private static final float[][] X = LcaReference.gaussian(BATCH, IN, 5);

  @Test
  void thresholdsOnHandWrittenValues() {
    float[] u = {-1f, -0.5f, -0.2f, 0f, 0.2f, 0.5f, 0.7f, 2f};
    // Exactly at lambda (0.5) every threshold gives 0.
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 0, 0.7f, 2f}, threshold(u, Threshold.HARD), 1e-7f);
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 0, 0.2f, 1.5f},
        threshold(u, Threshold.SOFT_NONNEGATIVE),
        1e-6f);
    assertArrayEquals(
        new float[] {-0.5f, 0, 0, 0, 0, 0, 0.2f, 1.5f}, threshold(u, Threshold.SOFT_SIGNED), 1e-6f);
  }

  @Test
  void firstStepIsThresholdOfDriveOverTau() {
    float lambda = 0.1f, tau = 2f;
    for (Threshold kind : Threshold.values()) {
      float[][] codes = Lca.infer(X, PHI, new LcaConfig(lambda, tau, 1, kind));
      int active = 0;
      for (int n = 0; n < BATCH; n++) {
        for (int j = 0; j < ATOMS; j++) {
          double b = 0;
          for (int i = 0; i < IN; i++) {
            b += (double) X[n][i] * PHI[i][j];
          }
          double expected = LcaReference.threshold(b / tau, lambda, kind);
          assertEquals(expected, codes[n][j], 1e-6, kind + " code[" + n + "][" + j + "]");
          active += expected != 0 ? 1 : 0;
        }
      }
      assertTrue(
          active > 0 && active < BATCH * ATOMS, kind + ": the case should mix on and off atoms");
    }
  }

  @Test
  void fewStepsMatchDoubleRecurrence() {
    for (Threshold kind : Threshold.values()) {
      for (int iterations : new int[] {2, 5}) {
        LcaConfig config = new LcaConfig(0.1f, 2f, iterations, kind);
        float[][] codes = Lca.infer(X, PHI, config);
        for (int n = 0; n < BATCH; n++) {
          double[] ref = LcaReference.lca(X[n], PHI, 0.1f, 2f, iterations, kind);
          for (int j = 0; j < ATOMS; j++) {
            assertEquals(
                ref[j],
                codes[n][j],
                1e-5,
                kind + " x" + iterations + " code[" + n + "][" + j + "]");
          }
        }
      }
    }
  }

  @Test
  void softSignedConvergesToLassoKkt() {
    float lambda = 0.2f;
    float[][] codes = Lca.infer(X, PHI, new LcaConfig(lambda, 4f, 600, Threshold.SOFT_SIGNED));
    int active = 0, inactive = 0;
    for (int n = 0; n < BATCH; n++) {
      double[] c = LcaReference.correlationsWithResidual(X[n], PHI, codes[n]);
      for (int j = 0; j < ATOMS; j++) {
        if (codes[n][j] != 0) {
          active++;
          assertEquals(
              lambda * Math.signum(codes[n][j]),
              c[j],
              1e-4,
              "active atom " + j + " of example " + n);
        } else {
          inactive++;
          assertTrue(
              Math.abs(c[j]) <= lambda + 1e-4,
              "inactive atom " + j + " of example " + n + ": " + c[j]);
        }
      }
    }
    assertTrue(active > 0 && inactive > 0, "active " + active + ", inactive " + inactive);
  }

  @Test
  void softNonNegativeConvergesToNonNegativeKkt() {
    float lambda = 0.2f;
    float[][] codes = Lca.infer(X, PHI, new LcaConfig(lambda, 4f, 600, Threshold.SOFT_NONNEGATIVE));
    int active = 0, inactive = 0;
    for (int n = 0; n < BATCH; n++) {
      double[] c = LcaReference.correlationsWithResidual(X[n], PHI, codes[n]);
      for (int j = 0; j < ATOMS; j++) {
        assertTrue(codes[n][j] >= 0);
        if (codes[n][j] > 0) {
          active++;
          assertEquals(lambda, c[j], 1e-4, "active atom " + j + " of example " + n);
        } else {
          inactive++;
          assertTrue(
              c[j] <= lambda + 1e-4, "inactive atom " + j + " of example " + n + ": " + c[j]);
        }
      }
    }
    assertTrue(active > 0 && inactive > 0, "active " + active + ", inactive " + inactive);
  }

  @Test
  void energyTraceIsNonIncreasingAndMatchesCodes() {
    float lambda = 0.2f;
    for (Threshold kind : new Threshold[] {Threshold.SOFT_SIGNED, Threshold.SOFT_NONNEGATIVE}) {
      Lca.Traced t = Lca.inferWithTraces(X, PHI, new LcaConfig(lambda, 10f, 150, kind));
      assertEquals(150, t.energy().length);
      assertEquals(150, t.meanL0().length);
      assertEquals(150, t.reconstructionError().length);
      for (int k = 1; k < t.energy().length; k++) {
        assertTrue(
            t.energy()[k] <= t.energy()[k - 1] + 1e-5f,
            kind + " energy rose at step " + k + ": " + t.energy()[k - 1] + " -> " + t.energy()[k]);
      }
      assertTrue(t.energy()[149] < t.energy()[0], kind + " energy should fall overall");
      // The last trace entries describe the returned codes.
      double energy = 0, error = 0, l0 = 0;
      for (int n = 0; n < BATCH; n++) {
        energy += LcaReference.energy(X[n], PHI, t.codes()[n], lambda) / BATCH;
        error += 2 * LcaReference.energy(X[n], PHI, t.codes()[n], 0) / BATCH;
        for (float a : t.codes()[n]) {
          l0 += a != 0 ? 1.0 / BATCH : 0;
        }
      }
      assertEquals(energy, t.energy()[149], 1e-5);
      assertEquals(error, t.reconstructionError()[149], 1e-5);
      assertEquals(l0, t.meanL0()[149], 1e-5);
    }
  }

  @Test
  void variableDictionaryGivesTheSameCodes() {
    LcaConfig config = new LcaConfig(0.1f, 5f, 20, Threshold.SOFT_SIGNED);
    float[][] expected = Lca.infer(X, PHI, config);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> x = Lca.inputsPlaceholder(tf, IN);
      Operand<TFloat32> phi = tf.withName("lca_test_phi").variable(tf.constant(PHI));
      Lca.Outputs out = Lca.build(tf, x, phi, config, false);
      try (TFloat32 xt = TFloat32.tensorOf(StdArrays.ndCopyOf(X));
          Result r = g.session().runner().feed(x, xt).fetch(out.codes()).run()) {
        float[][] codes = StdArrays.array2dCopyOf((TFloat32) r.get(0));
        for (int n = 0; n < BATCH; n++) {
          assertArrayEquals(expected[n], codes[n], 1e-6f);
        }
      }
    }
  }

  @Test
  void badShapesAndConfigsAreRejectedWithAFix() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Lca.infer(
                    new float[][] {{1, 2, 3}}, PHI, new LcaConfig(0.1f, 2f, 1, Threshold.HARD)));
    assertTrue(e.getMessage().contains("dictionary has 6 rows"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new LcaConfig(0.1f, 0.5f, 10, Threshold.HARD));
    assertTrue(
        e.getMessage().contains("tau must be >= 1") && e.getMessage().contains("0.5"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new LcaConfig(-0.1f, 10f, 10, Threshold.HARD));
    assertThrows(
        IllegalArgumentException.class, () -> new LcaConfig(Float.NaN, 10f, 10, Threshold.HARD));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LcaConfig(Float.POSITIVE_INFINITY, 10f, 10, Threshold.HARD));
    assertThrows(IllegalArgumentException.class, () -> new LcaConfig(0.1f, 10f, 0, Threshold.HARD));
    assertThrows(NullPointerException.class, () -> new LcaConfig(0.1f, 10f, 10, null));
  }

  private static float[] threshold(float[] u, Threshold kind) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Operand<TFloat32> a = Lca.threshold(tf, tf.constant(u), tf.constant(0.5f), kind);
      try (Result r = g.session().runner().fetch(a).run()) {
        return StdArrays.array1dCopyOf((TFloat32) r.get(0));
      }
    }
  }
}
