package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Linked dictionaries against the concatenated problem and per-modality sums. */
class LinkedDictionariesTest {
  private final LinkedDictionaries linked = LinkedDictionaries.random(new int[] {4, 3}, 5, 11);
  private final float[][] x1 = LcaReference.gaussian(2, 4, 12);
  private final float[][] x2 = LcaReference.gaussian(2, 3, 13);
  private final float[][] codes = LcaReference.gaussian(2, 5, 14);

  @Test
  void energyIsTheSumOverModalitiesAndTheConcatenatedEnergy() {
    float lambda = 0.15f;
    float[] a = codes[0];
    double l1 = 0;
    for (float v : a) {
      l1 += Math.abs(v);
    }
    double sum =
        linked.block(0).energy(x1[0], a, 0) + linked.block(1).energy(x2[0], a, 0) + lambda * l1;
    double energy = linked.energy(List.of(x1[0], x2[0]), a, lambda);
    assertEquals(sum, energy, 1e-9);

    Dictionary stacked = new Dictionary(linked.concatenated());
    float[] xs = linked.stackInputs(List.of(x1, x2))[0];
    assertEquals(energy, stacked.energy(xs, a, lambda), 1e-5);
    assertEquals(LcaReference.energy(xs, linked.concatenated(), a, lambda), energy, 1e-5);
  }

  @Test
  void hebbianOnStackedInputsThenPerBlockNormalisation() {
    // Reference: the unnormalised step on the stacked problem, then each block's rows normalised.
    Dictionary stacked = new Dictionary(linked.concatenated());
    stacked.addHebbian(linked.stackInputs(List.of(x1, x2)), codes, 0.2f);
    float[][] all = stacked.toArray();
    Dictionary top = new Dictionary(java.util.Arrays.copyOfRange(all, 0, 4));
    Dictionary bottom = new Dictionary(java.util.Arrays.copyOfRange(all, 4, 7));
    top.normaliseColumns();
    bottom.normaliseColumns();

    linked.hebbianUpdate(List.of(x1, x2), codes, 0.2f);
    DictionaryTest.assertMatrixEquals(top.toArray(), linked.block(0).toArray(), 1e-6f);
    DictionaryTest.assertMatrixEquals(bottom.toArray(), linked.block(1).toArray(), 1e-6f);
    DictionaryTest.assertUnitColumns(linked.block(0));
    DictionaryTest.assertUnitColumns(linked.block(1));
    // Stacked columns then have norm sqrt(2), not 1.
    float[][] c = linked.concatenated();
    for (int j = 0; j < 5; j++) {
      double norm = 0;
      for (float[] row : c) {
        norm += (double) row[j] * row[j];
      }
      assertEquals(Math.sqrt(2), Math.sqrt(norm), 1e-5);
    }
  }

  @Test
  void deadAtomsTakeEachModalityOfTheSameExample() {
    float[][] sparse = {{0, 1, 0, 0, 0}, {0, 0, 0, 0, 0}};
    int[] dead = linked.reinitialiseDead(List.of(x1, x2), sparse);
    assertEquals(4, dead.length);
    // Example 1 (code 0) is reconstructed worse than example 0 unless x_1 is tiny; check which.
    double e0 = linked.energy(List.of(x1[0], x2[0]), sparse[0], 0);
    double e1 = linked.energy(List.of(x1[1], x2[1]), sparse[1], 0);
    int worst = e0 >= e1 ? 0 : 1;
    float[][] xs = {x1[worst], x2[worst]};
    for (int m = 0; m < 2; m++) {
      double norm = 0;
      for (float v : xs[m]) {
        norm += v * v;
      }
      for (int i = 0; i < xs[m].length; i++) {
        assertEquals(xs[m][i] / Math.sqrt(norm), linked.block(m).get(i, 0), 1e-6);
      }
    }
    DictionaryTest.assertUnitColumns(linked.block(0));
    DictionaryTest.assertUnitColumns(linked.block(1));
  }

  @Test
  void atomsStartAroundTheMeanExample() {
    float[] a = {1, 0, 3, 0, 1, 0}; // two examples of three inputs: mean [0.5, 0.5, 1.5]
    float[] b = {2, 2, 0, 4}; // two examples of two inputs: mean [1, 3]
    LinkedDictionaries exact = LinkedDictionaries.aroundMean(List.of(a, b), 2, 4, 0, 1);
    double n0 = Math.sqrt(0.25 + 0.25 + 2.25);
    double n1 = Math.sqrt(10);
    for (int j = 0; j < 4; j++) {
      assertEquals(0.5 / n0, exact.block(0).get(0, j), 1e-6);
      assertEquals(0.5 / n0, exact.block(0).get(1, j), 1e-6);
      assertEquals(1.5 / n0, exact.block(0).get(2, j), 1e-6);
      assertEquals(1 / n1, exact.block(1).get(0, j), 1e-6);
      assertEquals(3 / n1, exact.block(1).get(1, j), 1e-6);
    }
    // With noise 0.5 on 400 inputs, each atom's cosine with the mean is about 1 / sqrt(1 + 0.25).
    float[] wide = LcaReference.gaussian(1, 800, 3)[0];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = Math.abs(wide[i]);
    }
    LinkedDictionaries noisy = LinkedDictionaries.aroundMean(List.of(wide), 2, 50, 0.5, 2);
    double[] mean = new double[400];
    double norm = 0;
    for (int i = 0; i < 400; i++) {
      mean[i] = (wide[i] + wide[400 + i]) / 2;
      norm += mean[i] * mean[i];
    }
    for (int j = 0; j < 50; j++) {
      double cos = 0;
      for (int i = 0; i < 400; i++) {
        cos += mean[i] * noisy.block(0).get(i, j);
      }
      assertEquals(1 / Math.sqrt(1.25), cos / Math.sqrt(norm), 0.03, "atom " + j);
    }
    DictionaryTest.assertUnitColumns(noisy.block(0));
  }

  @Test
  void mismatchedModalitiesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LinkedDictionaries(
                List.of(Dictionary.random(3, 4, 1), Dictionary.random(3, 5, 1))));
    assertThrows(
        IllegalArgumentException.class, () -> linked.energy(List.of(x1[0]), codes[0], 0.1f));
  }
}
