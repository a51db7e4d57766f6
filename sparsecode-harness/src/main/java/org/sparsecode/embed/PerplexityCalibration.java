package org.sparsecode.embed;

/**
 * For each point i, the Gaussian over the other points, p(j|i) proportional to exp(-beta_i |x_i -
 * x_j|^2), whose precision beta_i is found by bisection so that the row's entropy equals
 * log(perplexity) (natural logarithms).
 */
final class PerplexityCalibration {
  /** The search stops when the entropy is this close to the target. */
  static final double ENTROPY_TOLERANCE = 1e-7;

  private static final int MAX_STEPS = 200;

  private PerplexityCalibration() {}

  /**
   * The conditional probabilities p(j|i), row-major n x n with a zero diagonal.
   *
   * @param squaredDistances row-major n x n squared Euclidean distances
   */
  static double[] conditionalProbabilities(double[] squaredDistances, int n, double perplexity) {
    if (!(perplexity < n - 1)) {
      throw new IllegalArgumentException(
          "perplexity "
              + perplexity
              + " needs more than "
              + (int) Math.ceil(perplexity + 1)
              + " points, got "
              + n
              + "; lower the perplexity or"
              + " embed more points");
    }
    double target = Math.log(perplexity);
    double[] p = new double[n * n];
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      // Distances minus the smallest one: the weights stay <= 1 and the nearest never underflows.
      double min = Double.POSITIVE_INFINITY;
      double sum = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          min = Math.min(min, squaredDistances[i * n + j]);
        }
      }
      for (int j = 0; j < n; j++) {
        shifted[j] = j == i ? 0 : squaredDistances[i * n + j] - min;
        sum += shifted[j];
      }
      double beta = sum > 0 ? (n - 1) / sum : 1; // starts at the inverse mean distance
      double low = 0;
      double high = Double.POSITIVE_INFINITY;
      for (int step = 0; step < MAX_STEPS; step++) {
        double entropy = fillRow(shifted, i, n, beta, p);
        if (Math.abs(entropy - target) < ENTROPY_TOLERANCE) {
          break;
        }
        if (entropy > target) { // too flat: sharpen
          low = beta;
          beta = Double.isInfinite(high) ? beta * 2 : (low + high) / 2;
        } else {
          high = beta;
          beta = (low + high) / 2;
        }
      }
    }
    return p;
  }

  /** Writes row i of p for precision beta and returns the row's entropy. */
  private static double fillRow(double[] shifted, int i, int n, double beta, double[] p) {
    double sum = 0;
    double weightedDistance = 0;
    for (int j = 0; j < n; j++) {
      double w = j == i ? 0 : Math.exp(-beta * shifted[j]);
      p[i * n + j] = w;
      sum += w;
      weightedDistance += w * shifted[j];
    }
    for (int j = 0; j < n; j++) {
      p[i * n + j] /= sum;
    }
    // H = -sum p log p with p = w / S and log w = -beta d: H = log S + beta sum(p d).
    return Math.log(sum) + beta * weightedDistance / sum;
  }
}
