package org.sparsecode.report;

import java.util.Locale;

/**
 * The 95% Wilson score interval of an accuracy measured on {@code n} test examples: the range of
 * true accuracies the test set alone cannot tell apart from the measured one. Unlike the normal
 * approximation it stays inside [0, 1] and behaves near 0 and 1.
 *
 * <p>With p the measured accuracy and z = 1.96: centre (p + z^2/2n) / (1 + z^2/n), half-width z /
 * (1 + z^2/n) * sqrt(p(1 - p)/n + z^2/4n^2).
 */
public record WilsonInterval(double low, double high) {
  /** The two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;

  /** The interval of {@code accuracy} measured on {@code n} examples. */
  public static WilsonInterval of(double accuracy, long n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "an interval needs at least one test example, got n = " + n);
    }
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must lie in [0, 1], got " + accuracy);
    }
    double z2 = Z95 * Z95;
    double d = 1 + z2 / n;
    double centre = (accuracy + z2 / (2.0 * n)) / d;
    double half = Z95 / d * Math.sqrt(accuracy * (1 - accuracy) / n + z2 / (4.0 * n * n));
    return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** Whether {@code value} lies in the interval. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }

  /** "[0.9716, 0.9778]". */
  public String format() {
    return String.format(Locale.ROOT, "[%.4f, %.4f]", low, high);
  }
}
