package org.sparsecode.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsecode.embed.SeparationTest.assertMessage;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each row's Gaussian hits the asked perplexity; rows are distributions. */
class PerplexityCalibrationTest {

  @Test
  void everyRowHasTheTargetEntropy() {
    int n = 120;
    int cols = 10;
    float[] x = gaussian(n, cols, 3);
    double[] d = Tsne.squaredDistances(x, n, cols);
    for (double perplexity : new double[] {2, 5, 30, 100}) {
      double[] p = PerplexityCalibration.conditionalProbabilities(d, n, perplexity);
      for (int i = 0; i < n; i++) {
        double sum = 0;
        double entropy = 0;
        for (int j = 0; j < n; j++) {
          double pij = p[i * n + j];
          sum += pij;
          entropy -= pij > 0 ? pij * Math.log(pij) : 0;
        }
        assertEquals(0, p[i * n + i], "diagonal");
        assertEquals(1, sum, 1e-12, "row " + i + " sums to one");
        assertEquals(Math.log(perplexity), entropy, 1e-4, "row " + i + " perplexity " + perplexity);
      }
    }
  }

  @Test
  void nearerPointsGetMoreProbability() {
    // Squared distances 1, 4, 9 from point 0: p falls with distance, exp(-beta d) ratios.
    double[] d = {0, 1, 4, 9, 1, 0, 1, 4, 4, 1, 0, 1, 9, 4, 1, 0};
    double[] p = PerplexityCalibration.conditionalProbabilities(d, 4, 2);
    assertEquals(true, p[1] > p[2] && p[2] > p[3]);
    // With p_j = exp(-beta d_j) / S: log(p1 / p2) / 3 = log(p2 / p3) / 5 = beta.
    assertEquals(Math.log(p[1] / p[2]) / 3, Math.log(p[2] / p[3]) / 5, 1e-9);
  }

  @Test
  void perplexityMustBeBelowTheNeighbourCount() {
    assertMessage(
        "perplexity 3.0 needs more than 4 points, got 4",
        () -> PerplexityCalibration.conditionalProbabilities(new double[16], 4, 3));
  }

  static float[] gaussian(int n, int cols, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }
}
