package org.sparsecode.report;

import java.util.Arrays;

/** Direction of a short curve y(x): Spearman's rank correlation and the least-squares slope. */
public final class Trends {
  private Trends() {}

  /**
   * Spearman's rho: the Pearson correlation of the ranks, tied values sharing their mean rank. NaN
   * when x or y is constant (no direction), or with fewer than two points.
   */
  public static double spearman(double[] x, double[] y) {
    checkPairs(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Least-squares slope of y against x; NaN when x is constant or there are fewer than two points.
   */
  public static double slope(double[] x, double[] y) {
    checkPairs(x, y);
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return x.length < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
  }

  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] ranks = new double[v.length];
    for (int start = 0; start < v.length; ) {
      int end = start;
      while (end + 1 < v.length && v[order[end + 1]] == v[order[start]]) {
        end++;
      }
      double shared = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = shared;
      }
      start = end + 1;
    }
    return ranks;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return a.length < 2 || saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static void checkPairs(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          x.length + " x values for " + y.length + " y values; give one y per x");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "point "
                + i
                + " ("
                + x[i]
                + ", "
                + y[i]
                + ") is not finite; leave out trials without the metric");
      }
    }
  }
}
