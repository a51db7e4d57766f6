package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Squared Euclidean distances |a_i - b_j|^2 between the rows of two feature matrices, as LIBSVM's
 * RBF kernel computes them (|a|^2 + |b|^2 - 2 a.b, products in double), but once for every pair of
 * rows: a model selection over C and gamma then reads them instead of recomputing them in every
 * fit. Each row's products run over that row's non-zero features only (LCA codes are about 95%
 * zeros, MNIST pixels 80%). Every value is computed by one thread in a fixed order, so the result
 * does not depend on the thread count.
 */
final class SquaredDistances {
  private SquaredDistances() {}

  /**
   * The distances between every row of {@code a} and every row of {@code b}, row-major: entry
   * {@code i * b.rows() + j} is |a_i - b_j|^2, rounded to float (LIBSVM caches kernel values as
   * floats).
   */
  static float[] between(FeatureMatrix a, FeatureMatrix b, int threads) {
    return compute(a, b, false, threads);
  }

  /**
   * The distances between every two rows of {@code x}, as {@link #between}{@code (x, x)} but
   * exactly symmetric (the lower triangle mirrors the upper one, as LIBSVM's kernel is symmetric),
   * and computing only the upper one.
   */
  static float[] within(FeatureMatrix x, int threads) {
    float[] d = compute(x, x, true, threads);
    int n = x.rows();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[j * n + i] = d[i * n + j];
      }
    }
    return d;
  }

  /** Row i of the result holds |a_i - b_j|^2 for every j, or for j >= i only when {@code upper}. */
  private static float[] compute(FeatureMatrix a, FeatureMatrix b, boolean upper, int threads) {
    Checks.checkFeatures(a, b.cols());
    long size = (long) a.rows() * b.rows();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          a.rows()
              + " x "
              + b.rows()
              + " distances do not fit in one array; score fewer rows at a time");
    }
    float[] out = new float[(int) size];
    float[][] columns = transpose(b);
    double[] bSquares = squares(b);
    double[] aSquares = squares(a);
    int blocks = Math.max(1, Math.min(threads, a.rows()));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < blocks; t++) {
      int from = (int) ((long) a.rows() * t / blocks);
      int to = (int) ((long) a.rows() * (t + 1) / blocks);
      tasks.add(
          () -> {
            double[] dots = new double[b.rows()];
            for (int i = from; i < to; i++) {
              int first = upper ? i : 0;
              dotsWith(a, i, columns, first, dots);
              int base = i * b.rows();
              for (int j = first; j < dots.length; j++) {
                out[base + j] = (float) (aSquares[i] + bSquares[j] - 2 * dots[j]);
              }
            }
            return null;
          });
    }
    ModelSelection.runAll(tasks, blocks);
    return out;
  }

  /**
   * dots[j] = a_i . b_j for j >= first, summed over a_i's non-zero features in increasing order.
   */
  private static void dotsWith(
      FeatureMatrix a, int i, float[][] columns, int first, double[] dots) {
    Arrays.fill(dots, first, dots.length, 0);
    int start = i * a.cols();
    for (int c = 0; c < a.cols(); c++) {
      float v = a.values()[start + c];
      if (v != 0f) {
        double value = v;
        float[] column = columns[c];
        for (int j = first; j < dots.length; j++) {
          dots[j] += value * column[j];
        }
      }
    }
  }

  /**
   * Column-major copy: columns[c][r] = x[r][c], so a feature's values over all rows are contiguous.
   */
  private static float[][] transpose(FeatureMatrix x) {
    float[][] columns = new float[x.cols()][x.rows()];
    for (int r = 0; r < x.rows(); r++) {
      int start = r * x.cols();
      for (int c = 0; c < x.cols(); c++) {
        columns[c][r] = x.values()[start + c];
      }
    }
    return columns;
  }

  /** |x_r|^2 of every row, in double. */
  private static double[] squares(FeatureMatrix x) {
    double[] squares = new double[x.rows()];
    for (int r = 0; r < x.rows(); r++) {
      int start = r * x.cols();
      double s = 0;
      for (int c = 0; c < x.cols(); c++) {
        double v = x.values()[start + c];
        s += v * v;
      }
      squares[r] = s;
    }
    return squares;
  }
}
