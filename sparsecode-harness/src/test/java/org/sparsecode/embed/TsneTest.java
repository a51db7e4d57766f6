package org.sparsecode.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.embed.SeparationTest.assertMessage;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** t-SNE's pieces against hand computation and finite differences, and its behaviour. */
class TsneTest {

  @Test
  void gradientEqualsFiniteDifferencesOfTheKlDivergence() {
    int n = 6;
    float[] x = PerplexityCalibrationTest.gaussian(n, 3, 1);
    double[] p =
        Tsne.jointProbabilities(
            PerplexityCalibration.conditionalProbabilities(Tsne.squaredDistances(x, n, 3), n, 2.5),
            n);
    Random random = new Random(2);
    double[] y = new double[2 * n];
    for (int k = 0; k < y.length; k++) {
      y[k] = random.nextGaussian();
    }
    double[] gradient = new double[2 * n];
    Tsne.gradient(p, 1, y, n, gradient, new double[n * n]);

    double h = 1e-6;
    for (int k = 0; k < y.length; k++) {
      double[] up = y.clone();
      double[] down = y.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (Tsne.klDivergence(p, up, n) - Tsne.klDivergence(p, down, n)) / (2 * h);
      assertEquals(numeric, gradient[k], 1e-7 + 1e-6 * Math.abs(numeric), "coordinate " + k);
    }
    assertTrue(
        Arrays.stream(gradient).map(Math::abs).max().orElseThrow() > 1e-3,
        "a gradient worth checking");
  }

  @Test
  void jointProbabilitiesSymmetriseAndNormalise() {
    double[] conditional = {0, 0.75, 0.25, 0.5, 0, 0.5, 0.1, 0.9, 0};
    double[] p = Tsne.jointProbabilities(conditional, 3);
    // (c_ij + c_ji) / 6
    assertArrayEquals(
        new double[] {0, 1.25 / 6, 0.35 / 6, 1.25 / 6, 0, 1.4 / 6, 0.35 / 6, 1.4 / 6, 0}, p, 1e-15);
    assertEquals(1, Arrays.stream(p).sum(), 1e-15);
  }

  /**
   * P for six points in the plane at perplexity 2, from scikit-learn 1.2.1's exact t-SNE ({@code
   * _joint_probabilities}, which searches in float32 to an entropy tolerance of 1e-5).
   */
  @Test
  void jointProbabilitiesMatchScikitLearn() {
    float[] x = {0, 0, 1, 0, 0, 2, 3, 1, 2, 2, 4, 4};
    double[][] expected = {
      {0, 0.13090296, 0.0579302, 0.00233393, 0.00305865, 0.0000111},
      {0.13090296, 0, 0.00525801, 0.02004695, 0.01040157, 0.00013252},
      {0.0579302, 0.00525801, 0, 0.00126183, 0.05367042, 0.00078133},
      {0.00233393, 0.02004695, 0.00126183, 0, 0.13013558, 0.02842816},
      {0.00305865, 0.01040157, 0.05367042, 0.13013558, 0, 0.05564679},
      {0.0000111, 0.00013252, 0.00078133, 0.02842816, 0.05564679, 0}
    };
    double[] p =
        Tsne.jointProbabilities(
            PerplexityCalibration.conditionalProbabilities(Tsne.squaredDistances(x, 6, 2), 6, 2),
            6);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(expected[i], Arrays.copyOfRange(p, 6 * i, 6 * i + 6), 2e-6, "row " + i);
    }
  }

  @Test
  void klDivergenceMatchesAHandComputation() {
    // Three points at 0, 1 and 2 on the x axis: numerators 1/2, 1/5, 1/2 (each twice), Z = 2.4.
    double[] y = {0, 0, 1, 0, 2, 0};
    double[] p = {0, 0.25, 0.25, 0.25, 0, 0, 0.25, 0, 0};
    double q01 = 0.5 / 2.4;
    double q02 = 0.2 / 2.4;
    double expected = 2 * 0.25 * Math.log(0.25 / q01) + 2 * 0.25 * Math.log(0.25 / q02);
    assertEquals(expected, Tsne.klDivergence(p, y, 3), 1e-14);
  }

  @Test
  void klDecreasesAfterTheExaggeration() {
    float[] x = clusters(3, 50, 10, 6, 4);
    Embedding e = Tsne.embed(x, 150, 10, TsneConfig.defaults().withIterations(600));
    System.out.println(
        "KL at " + Arrays.toString(e.klIterations()) + ": " + Arrays.toString(e.klDivergences()));
    assertEquals(12, e.klIterations().length);
    assertEquals(600, e.klIterations()[11]);
    // From iteration 300 (the first checkpoint without exaggeration) every checkpoint is lower.
    for (int c = 6; c < 12; c++) {
      assertTrue(
          e.klDivergences()[c] < e.klDivergences()[c - 1],
          "KL at " + e.klIterations()[c] + " below KL at " + e.klIterations()[c - 1]);
    }
    assertTrue(
        e.finalKl() < 0.5 * e.klDivergences()[0],
        "final KL " + e.finalKl() + " against " + e.klDivergences()[0] + " at iteration 50");
  }

  @Test
  void twoSeparatedGaussianClustersStaySeparated() {
    float[] x = clusters(2, 100, 10, 8, 5);
    int[] labels = new int[200];
    Arrays.fill(labels, 100, 200, 1);
    Embedding e = Tsne.embed(x, 200, 10, TsneConfig.defaults());
    double silhouette = Separation.silhouette(e, labels);
    System.out.printf(
        "two clusters in 2-D: silhouette %.4f, 5-NN accuracy %.4f, KL %.4f%n",
        silhouette, Separation.knnAccuracy(e, labels, 5), e.finalKl());
    assertTrue(silhouette > 0.8, "silhouette " + silhouette);
    assertEquals(1.0, Separation.knnAccuracy(e, labels, 5));
  }

  @Test
  void theSeedFixesTheEmbedding() {
    float[] x = clusters(2, 20, 5, 4, 6);
    TsneConfig config = TsneConfig.defaults().withPerplexity(5).withIterations(100);
    Embedding a = Tsne.embed(x, 40, 5, config);
    Embedding b = Tsne.embed(x, 40, 5, config);
    Embedding c = Tsne.embed(x, 40, 5, config.withSeed(1));
    assertArrayEquals(a.coordinates(), b.coordinates());
    assertFalse(Arrays.equals(a.coordinates(), c.coordinates()));
  }

  @Test
  void badInputIsRefused() {
    assertMessage(
        "perplexity 30.0 needs more than 31 points, got 10",
        () -> Tsne.embed(new float[20], 10, 2, TsneConfig.defaults()));
    assertMessage(
        "exact t-SNE of 5001 points would take O(n^2) time and memory; embed a"
            + " subsample of at most 5000",
        () -> Tsne.embed(new float[5001], 5001, 1, TsneConfig.defaults()));
    assertMessage(
        "value NaN of point 1, feature 0 is not finite",
        () -> Tsne.embed(new float[][] {{0}, {Float.NaN}, {1}}, TsneConfig.defaults()));
    assertMessage(
        "row 1 has a different length from row 0",
        () -> Tsne.embed(new float[][] {{0, 1}, {1}}, TsneConfig.defaults()));
    assertMessage("perplexity must be at least 1", () -> TsneConfig.defaults().withPerplexity(0.5));
  }

  /**
   * {@code k} clusters of {@code perCluster} points in {@code cols} dimensions: unit Gaussians
   * around centres {@code spacing} apart along successive axes.
   */
  static float[] clusters(int k, int perCluster, int cols, double spacing, long seed) {
    Random random = new Random(seed);
    float[] x = new float[k * perCluster * cols];
    for (int i = 0; i < k * perCluster; i++) {
      int cluster = i / perCluster;
      for (int c = 0; c < cols; c++) {
        x[i * cols + c] = (float) ((c == cluster ? spacing : 0) + random.nextGaussian());
      }
    }
    return x;
  }
}
