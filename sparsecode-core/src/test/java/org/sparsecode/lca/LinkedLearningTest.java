package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.runtime.ThreadSettings;

/** One learning step of each drive against the same step taken by hand. */
class LinkedLearningTest {
  private static final int ATOMS = 4;
  private static final float[][] X1 = {
    {1, 0.5f, 0}, {0, 1, 1}, {0.8f, 0.2f, 0.1f}, {0.1f, 0.9f, 0.6f}
  };
  private static final float[][] X2 = {{1, 0}, {0, 1}, {0.9f, 0.1f}, {0.2f, 1}};
  private static final int[] LABELS = {0, 1, 0, 1};
  private static final OrdinalBlocks BLOCKS = new OrdinalBlocks(ATOMS, 2, 2);
  private static final LcaConfig LCA = new LcaConfig(0.05f, 3f, 20, Threshold.SOFT_NONNEGATIVE);
  // One step over the whole set (batch 4), no dead-atom check within it.
  private static final LinkedLearning.Config ONE_STEP =
      new LinkedLearning.Config(LCA, 0.5f, 4, 1, 1000, 7);

  @Test
  void driverAsModalityStacksTheDriversOverAnIdentityBlock() {
    LinkedDictionaries learned = start();
    LinkedLearning.Result r =
        LinkedLearning.learn(
            learned,
            List.of(flat(X1), flat(X2)),
            LABELS,
            new LinkedLearning.Drive(LinkedLearning.DriveKind.MODALITY, BLOCKS, 0.3f),
            ONE_STEP,
            ThreadSettings.defaults(),
            LinkedLearning.StepListener.NONE);

    LinkedDictionaries expected = start();
    float[][] drivers = rows(BLOCKS.drivers(LABELS, 0.3f), ATOMS);
    float[][] stacked = new float[4][];
    for (int n = 0; n < 4; n++) {
      stacked[n] = concat(concat(X1[n], X2[n]), drivers[n]);
    }
    float[][] phi = LinkedLearning.withIdentity(expected.concatenated(), ATOMS);
    assertEquals(1f, phi[5][0]);
    assertEquals(0f, phi[5][1]);
    assertEquals(1f, phi[8][3]);
    float[][] codes = Lca.infer(stacked, phi, LCA);
    expected.hebbianUpdate(List.of(X1, X2), codes, 0.5f);
    assertSame(expected, learned);
    assertEquals(l0(codes), r.meanL0(), 1e-9);
  }

  @Test
  void driverAsCurrentIsAddedToTheDrive() {
    LinkedDictionaries learned = start();
    LinkedLearning.learn(
        learned,
        List.of(flat(X1), flat(X2)),
        LABELS,
        new LinkedLearning.Drive(LinkedLearning.DriveKind.CURRENT, BLOCKS, 0.3f),
        ONE_STEP,
        ThreadSettings.defaults(),
        LinkedLearning.StepListener.NONE);

    LinkedDictionaries expected = start();
    float[] stacked = new float[4 * 5];
    for (int n = 0; n < 4; n++) {
      System.arraycopy(concat(X1[n], X2[n]), 0, stacked, n * 5, 5);
    }
    float[][] codes;
    try (CodeInference inference =
        new CodeInference(5, ATOMS, LCA, true, ThreadSettings.defaults())) {
      codes =
          rows(
              inference.codes(stacked, 4, expected.concatenated(), BLOCKS.drivers(LABELS, 0.3f), 4),
              ATOMS);
    }
    // The current changes the codes: without it they differ.
    float[][] undriven = Lca.infer(rows(stacked, 5), expected.concatenated(), LCA);
    double change = 0;
    for (int n = 0; n < 4; n++) {
      for (int j = 0; j < ATOMS; j++) {
        change += Math.abs(codes[n][j] - undriven[n][j]);
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(
        change > 0.1, "the current should change the codes: " + change);
    expected.hebbianUpdate(List.of(X1, X2), codes, 0.5f);
    assertSame(expected, learned);
  }

  @Test
  void windowSummaryHoldsTheStepsNumbersAndHowFarTheDictionaryMoved() {
    LinkedDictionaries learned = start();
    List<LinkedLearning.Window> windows = new java.util.ArrayList<>();
    LinkedLearning.StepListener listener =
        new LinkedLearning.StepListener() {
          @Override
          public void onStep(int step, double meanEnergy) {}

          @Override
          public void onWindow(LinkedLearning.Window w, LinkedDictionaries d) {
            windows.add(w);
          }
        };
    // One step, window of one step: the summary is that step's numbers.
    LinkedLearning.learn(
        learned,
        List.of(flat(X1), flat(X2)),
        LABELS,
        LinkedLearning.Drive.NONE,
        new LinkedLearning.Config(LCA, 0.5f, 4, 1, 1, 7),
        ThreadSettings.defaults(),
        listener);

    LinkedDictionaries expected = start();
    float[][] before = expected.concatenated();
    float[][] stacked = new float[4][];
    for (int n = 0; n < 4; n++) {
      stacked[n] = concat(X1[n], X2[n]);
    }
    float[][] codes = Lca.infer(stacked, before, LCA);
    double energy = 0, error1 = 0, error2 = 0;
    int dead = 0;
    for (int j = 0; j < ATOMS; j++) {
      boolean used = false;
      for (float[] c : codes) {
        used |= c[j] != 0;
      }
      dead += used ? 0 : 1;
    }
    for (int n = 0; n < 4; n++) {
      energy += expected.energy(List.of(X1[n], X2[n]), codes[n], LCA.lambda()) / 4;
      error1 += 2 * expected.block(0).squaredError(X1[n], codes[n]) / 4 / 3;
      error2 += 2 * expected.block(1).squaredError(X2[n], codes[n]) / 4 / 2;
    }
    int[] deadAtoms =
        java.util.stream.IntStream.range(0, ATOMS)
            .filter(j -> java.util.Arrays.stream(codes).allMatch(c -> c[j] == 0))
            .toArray();
    expected.reinitialise(deadAtoms, List.of(X1, X2), codes);
    expected.hebbianUpdate(List.of(X1, X2), codes, 0.5f);
    float[][] after = expected.concatenated();
    double diff = 0, norm = 0;
    for (int i = 0; i < after.length; i++) {
      for (int j = 0; j < ATOMS; j++) {
        diff += (after[i][j] - before[i][j]) * (after[i][j] - before[i][j]);
        norm += before[i][j] * before[i][j];
      }
    }

    assertEquals(1, windows.size());
    LinkedLearning.Window w = windows.get(0);
    assertEquals(1, w.step());
    assertEquals(energy, w.meanEnergy(), 1e-5);
    assertEquals(l0(codes), w.meanL0(), 1e-9);
    assertEquals(error1, w.meanSquaredError()[0], 1e-6);
    assertEquals(error2, w.meanSquaredError()[1], 1e-6);
    assertEquals(dead, w.deadAtoms());
    assertEquals(Math.sqrt(diff / norm), w.dictionaryChange(), 1e-6);
    org.junit.jupiter.api.Assertions.assertTrue(w.dictionaryChange() > 0);
  }

  @Test
  void badInputsAreRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LinkedLearning.learn(
                    start(),
                    List.of(flat(X1)),
                    LABELS,
                    LinkedLearning.Drive.NONE,
                    ONE_STEP,
                    ThreadSettings.defaults(),
                    LinkedLearning.StepListener.NONE));
    assertEquals("expected one input array per modality (2), got 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new LinkedLearning.Config(LCA, 0f, 4, 1, 1, 1));
  }

  /** Both blocks from fixed numbers, so that two starts are equal. */
  private static LinkedDictionaries start() {
    Dictionary a =
        new Dictionary(new float[][] {{1, 0, 0.5f, 0.2f}, {0, 1, 0.5f, 0.3f}, {0, 0, 0.7f, 0.9f}});
    Dictionary b = new Dictionary(new float[][] {{1, 0.2f, 0, 0.6f}, {0, 1, 1, 0.8f}});
    a.normaliseColumns();
    b.normaliseColumns();
    return new LinkedDictionaries(List.of(a, b));
  }

  private static void assertSame(LinkedDictionaries expected, LinkedDictionaries actual) {
    for (int m = 0; m < 2; m++) {
      // The batch is a shuffled order of the same four examples: only summation order differs.
      DictionaryTest.assertMatrixEquals(
          expected.block(m).toArray(), actual.block(m).toArray(), 1e-6f);
    }
  }

  private static double l0(float[][] codes) {
    double s = 0;
    for (float[] c : codes) {
      for (float v : c) {
        s += v != 0 ? 1 : 0;
      }
    }
    return s / codes.length;
  }

  private static float[] flat(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }

  private static float[][] rows(float[] flat, int width) {
    return LinkedLearning.rowsOf(flat, width);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
