package org.sparsecode.report;

/**
 * Mean and spread of a few repeated measurements (one per seed): the sample standard deviation (n -
 * 1 in the denominator; NaN for a single value), the smallest and the largest.
 */
public record Spread(int n, double mean, double std, double min, double max) {

  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException(
          "no values to summarise; a grid point needs at least one finished seed");
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double std = values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1));
    return new Spread(values.length, mean, std, min, max);
  }
}
