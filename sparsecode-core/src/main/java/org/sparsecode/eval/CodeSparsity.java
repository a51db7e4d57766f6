package org.sparsecode.eval;

import org.sparsecode.data.Dataset;

/**
 * Sparsity of a stored code matrix (rows = examples).
 *
 * @param threshold the "small" level: Doc 001 counts activations below 0.1 as inactive
 * @param belowThreshold fraction of all entries {@code < threshold} (Doc 001's sparsity)
 * @param zeroFraction fraction of all entries exactly 0 (ReLU's hard zeros)
 * @param avr mean over examples of the number of entries {@code > 0} (the blog's AVR)
 * @param deadFraction fraction of units never {@code > 0} on any example
 */
public record CodeSparsity(
    double threshold, double belowThreshold, double zeroFraction, double avr, double deadFraction) {

  /** Doc 001's threshold. */
  public static final double DOCUMENT_THRESHOLD = 0.1;

  /**
   * Measures the sparsity of every row of {@code codes}.
   *
   * @param codes one code per example
   * @param threshold values at or below it count as silent
   * @return the measures
   */
  public static CodeSparsity measure(Dataset codes, double threshold) {
    int n = codes.size();
    int width = codes.featureSize();
    if (n == 0) {
      throw new IllegalArgumentException(
          "cannot measure sparsity on the empty data set " + codes.name());
    }
    float[] x = codes.features();
    boolean[] everActive = new boolean[width];
    long below = 0;
    long zeros = 0;
    long active = 0;
    for (int i = 0; i < n; i++) {
      int row = i * width;
      for (int j = 0; j < width; j++) {
        float v = x[row + j];
        if (v < threshold) {
          below++;
        }
        if (v == 0) {
          zeros++;
        }
        if (v > 0) {
          active++;
          everActive[j] = true;
        }
      }
    }
    int dead = 0;
    for (boolean a : everActive) {
      if (!a) {
        dead++;
      }
    }
    double entries = (double) n * width;
    return new CodeSparsity(
        threshold, below / entries, zeros / entries, (double) active / n, (double) dead / width);
  }
}
