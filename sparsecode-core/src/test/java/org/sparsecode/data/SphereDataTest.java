package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SphereDataTest {
  private static final int N = 3, M = 6, C = 10; // 4 bands x 6 sectors = 24 partitions

  /**
   * Probability of partition (band, sector): the band's area fraction (cos a - cos b) / 2, over M.
   */
  private static double area(int band, int n, int m) {
    double step = Math.PI / (n + 1);
    return (Math.cos(band * step) - Math.cos((band + 1) * step)) / 2 / m;
  }

  @Test
  void partitionOfKnownPoints() {
    assertEquals(0, SphereData.partitionOf(0, 0, 1, N, M), "north pole: band 0, sector 0");
    assertEquals(N * M, SphereData.partitionOf(0, 0, -1, N, M), "south pole: band N, sector 0");
    // Equator, phi = 0: theta = pi/2, which with 4 bands is the boundary between bands 1 and 2;
    // boundaries go to the band below the cut (floor), so band 2. With 3 bands it is inside band 1.
    assertEquals(2 * M, SphereData.partitionOf(1, 0, 0, 3, M));
    assertEquals(1 * M, SphereData.partitionOf(1, 0, 0, 2, M));
    // phi just below 2 pi: last sector; just above 0: first; phi = pi/2 with 6 sectors: sector 1.
    double phi = 2 * Math.PI - 1e-9;
    assertEquals(2 * M + M - 1, SphereData.partitionOf(Math.cos(phi), Math.sin(phi), 0, N, M));
    assertEquals(
        M - 1, SphereData.partitionOf(1, -1e-300, 0.9, 0, M), "phi = -tiny rounds to 2 pi");
    assertEquals(1 * M + 1, SphereData.partitionOf(0, 1, 0.2, N, M));
    // Length does not matter; theta = 60 degrees is in band 1 of 4 (45..90), phi = 200 degrees in
    // sector 3 (180..240).
    double t = Math.toRadians(60), p = Math.toRadians(200);
    assertEquals(
        1 * M + 3,
        SphereData.partitionOf(
            7 * Math.sin(t) * Math.cos(p), 7 * Math.sin(t) * Math.sin(p), 7 * Math.cos(t), N, M));
    assertEquals(0, SphereData.partitionOf(0.3, -0.2, 0.5, 0, 1), "N = 0, M = 1: one partition");
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    Dataset a = SphereData.generate(500, N, M, C, 42);
    Dataset b = SphereData.generate(500, N, M, C, 42);
    Dataset c = SphereData.generate(500, N, M, C, 43);
    assertArrayEquals(a.features(), b.features());
    assertArrayEquals(a.labels(), b.labels());
    assertFalse(Arrays.equals(a.features(), c.features()));
    assertFalse(
        Arrays.equals(
            SphereData.partitionClasses(N, M, C, 42), SphereData.partitionClasses(N, M, C, 43)));
    assertEquals(3, a.featureSize());
    assertEquals(C, a.numClasses());
    assertEquals(500, a.size());
  }

  @Test
  void unitNormPointsLabelledByTheirPartitionsClass() {
    Dataset d = SphereData.generate(5000, N, M, C, 7);
    int[] classOf = SphereData.partitionClasses(N, M, C, 7);
    float[] f = d.features();
    for (int i = 0; i < d.size(); i++) {
      double x = f[3 * i], y = f[3 * i + 1], z = f[3 * i + 2];
      assertEquals(1, Math.sqrt(x * x + y * y + z * z), 1e-6, "norm of point " + i);
      assertEquals(
          classOf[SphereData.partitionOf(x, y, z, N, M)], d.labels()[i], "label of point " + i);
    }
  }

  @Test
  void pointsAreUniformAndEveryPartitionIsHit() {
    Dataset d = SphereData.generate(5000, N, M, C, 7);
    float[] f = d.features();
    int[] hits = new int[M * (N + 1)];
    for (int i = 0; i < d.size(); i++) {
      hits[SphereData.partitionOf(f[3 * i], f[3 * i + 1], f[3 * i + 2], N, M)]++;
    }
    assertEquals(
        M * (N + 1), Arrays.stream(hits).filter(h -> h > 0).count(), Arrays.toString(hits));
    // Each partition's count is binomial(5000, area): within 5 standard deviations.
    for (int k = 0; k < hits.length; k++) {
      double pr = area(k / M, N, M);
      double mean = 5000 * pr, sd = Math.sqrt(5000 * pr * (1 - pr));
      assertEquals(mean, hits[k], 5 * sd, "partition " + k + " of " + Arrays.toString(hits));
    }
  }

  @Test
  void classCountsFollowTheAreaOfTheirPartitions() {
    Dataset d = SphereData.generate(5000, N, M, C, 9);
    int[] classOf = SphereData.partitionClasses(N, M, C, 9);
    double[] expected = new double[C];
    for (int k = 0; k < classOf.length; k++) {
      expected[classOf[k]] += area(k / M, N, M);
    }
    int[] counts = new int[C];
    for (int label : d.labels()) {
      counts[label]++;
    }
    for (int c = 0; c < C; c++) {
      double mean = 5000 * expected[c], sd = Math.sqrt(5000 * expected[c] * (1 - expected[c]));
      assertEquals(mean, counts[c], 5 * sd + 1e-9, "class " + c + " of " + Arrays.toString(counts));
    }
    // 200 partitions over 10 classes: every class is used, none takes more than a fifth.
    int[] perClass = new int[C];
    for (int cl : SphereData.partitionClasses(19, 10, C, 1)) {
      perClass[cl]++;
    }
    for (int n : perClass) {
      assertTrue(n > 0 && n < 40, Arrays.toString(perClass));
    }
  }

  @Test
  void splitsAre80_10_10OfOneSet() {
    Splits s = SphereData.splits(1000, N, M, C, 5);
    Dataset all = SphereData.generate(1000, N, M, C, 5);
    assertEquals(800, s.train().size());
    assertEquals(100, s.validation().size());
    assertEquals(100, s.test().size());
    assertArrayEquals(Arrays.copyOfRange(all.features(), 2700, 3000), s.test().features());
    assertArrayEquals(Arrays.copyOfRange(all.labels(), 800, 900), s.validation().labels());
  }

  @Test
  void rejectsBadArgumentsWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> SphereData.generate(0, N, M, C, 1));
    assertTrue(e.getMessage().contains("> 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SphereData.generate(10, -1, M, C, 1));
    assertThrows(IllegalArgumentException.class, () -> SphereData.generate(10, N, 0, C, 1));
    assertThrows(IllegalArgumentException.class, () -> SphereData.generate(10, N, M, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> SphereData.partitionOf(0, 0, 0, N, M));
    assertThrows(
        IllegalArgumentException.class, () -> SphereData.partitionOf(Double.NaN, 0, 1, N, M));
    assertThrows(IllegalArgumentException.class, () -> SphereData.splits(9, N, M, C, 1));
  }
}
