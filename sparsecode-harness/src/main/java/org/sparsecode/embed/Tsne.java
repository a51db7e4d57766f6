package org.sparsecode.embed;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008): Gaussian affinities P in the input space, each
 * calibrated to the perplexity, Student-t affinities Q in the plane, and gradient descent on KL(P
 * || Q). Every pair is visited in every iteration, O(n^2) time and memory: about right up to {@link
 * #MAX_POINTS} points, which is why figures embed a subsample.
 *
 * <p>Deterministic: one thread, a seeded start, a fixed order of summation.
 */
public final class Tsne {
  /** Exact t-SNE holds several n x n matrices of doubles: 5,000 points take 600 MB. */
  public static final int MAX_POINTS = 5_000;

  private static final double MIN_GAIN = 0.01;

  private Tsne() {}

  /** Embeds the rows of {@code rows} (all of the same length). */
  public static Embedding embed(float[][] rows, TsneConfig config) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0 || rows[0] == null) {
      throw new IllegalArgumentException("nothing to embed: no rows");
    }
    int cols = rows[0].length;
    float[] values = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null || rows[r].length != cols) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has a different length from row 0 ("
                + cols
                + "); every point needs the same number of features");
      }
      System.arraycopy(rows[r], 0, values, r * cols, cols);
    }
    return embed(values, rows.length, cols, config);
  }

  /** Embeds {@code rows} points of {@code cols} features stored row-major in {@code values}. */
  public static Embedding embed(float[] values, int rows, int cols, TsneConfig config) {
    Objects.requireNonNull(config, "config");
    checkInput(values, rows, cols);
    int n = rows;
    double[] p =
        jointProbabilities(
            PerplexityCalibration.conditionalProbabilities(
                squaredDistances(values, n, cols), n, config.perplexity()),
            n);

    double[] y = initialPositions(n, config.seed());
    double[] gradient = new double[2 * n];
    double[] velocity = new double[2 * n];
    double[] gains = new double[2 * n];
    Arrays.fill(gains, 1);
    double[] numerators = new double[n * n];
    int checkpoints = (config.iterations() + config.klEvery() - 1) / config.klEvery();
    int[] klIterations = new int[checkpoints];
    double[] kl = new double[checkpoints];
    int recorded = 0;

    for (int it = 0; it < config.iterations(); it++) {
      double exaggeration = it < config.exaggerationIterations() ? config.earlyExaggeration() : 1;
      double momentum =
          it < config.momentumSwitchIteration() ? config.initialMomentum() : config.finalMomentum();
      gradient(p, exaggeration, y, n, gradient, numerators);
      for (int k = 0; k < 2 * n; k++) {
        // Gains grow where the gradient keeps pushing against the current motion, shrink where
        // it agrees (Jacobs' delta-bar-delta, as in the reference implementation).
        gains[k] = (gradient[k] > 0) != (velocity[k] > 0) ? gains[k] + 0.2 : gains[k] * 0.8;
        gains[k] = Math.max(gains[k], MIN_GAIN);
        velocity[k] = momentum * velocity[k] - config.learningRate() * gains[k] * gradient[k];
        y[k] += velocity[k];
      }
      center(y, n);
      if ((it + 1) % config.klEvery() == 0 || it == config.iterations() - 1) {
        klIterations[recorded] = it + 1;
        kl[recorded++] = klDivergence(p, y, n);
      }
    }
    return new Embedding(y, klIterations, kl, config);
  }

  private static void checkInput(float[] values, int rows, int cols) {
    Objects.requireNonNull(values, "values");
    if (rows < 2 || cols < 1) {
      throw new IllegalArgumentException(
          "t-SNE needs at least 2 points of at least 1 feature, got " + rows + " x " + cols);
    }
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          values.length + " values do not make " + rows + " points of " + cols + " features");
    }
    if (rows > MAX_POINTS) {
      throw new IllegalArgumentException(
          "exact t-SNE of "
              + rows
              + " points would take O(n^2)"
              + " time and memory; embed a subsample of at most "
              + MAX_POINTS
              + " (Subsample.balanced)");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "value "
                + values[i]
                + " of point "
                + i / cols
                + ", feature "
                + i % cols
                + " is not finite");
      }
    }
  }

  /** Row-major n x n squared Euclidean distances, summed in double. */
  static double[] squaredDistances(float[] values, int n, int cols) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          double diff = values[i * cols + c] - values[j * cols + c];
          sum += diff * diff;
        }
        d[i * n + j] = sum;
        d[j * n + i] = sum;
      }
    }
    return d;
  }

  /** p_ij = (p(j|i) + p(i|j)) / 2n: symmetric, summing to 1, each point's row to at least 1/2n. */
  static double[] jointProbabilities(double[] conditional, int n) {
    double[] p = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p[i * n + j] = (conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n);
      }
    }
    return p;
  }

  private static double[] initialPositions(int n, long seed) {
    Random random = new Random(seed);
    double[] y = new double[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      y[k] = TsneConfig.INITIAL_DEVIATION * random.nextGaussian();
    }
    return y;
  }

  private static void center(double[] y, int n) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += y[2 * i];
      my += y[2 * i + 1];
    }
    mx /= n;
    my /= n;
    for (int i = 0; i < n; i++) {
      y[2 * i] -= mx;
      y[2 * i + 1] -= my;
    }
  }

  /**
   * The Student-t numerators 1 / (1 + |y_i - y_j|^2) into {@code numerators} (zero diagonal);
   * returns their sum Z, so that q_ij = numerators_ij / Z.
   */
  static double studentT(double[] y, int n, double[] numerators) {
    double z = 0;
    for (int i = 0; i < n; i++) {
      numerators[i * n + i] = 0;
      for (int j = i + 1; j < n; j++) {
        double dx = y[2 * i] - y[2 * j];
        double dy = y[2 * i + 1] - y[2 * j + 1];
        double t = 1 / (1 + dx * dx + dy * dy);
        numerators[i * n + j] = t;
        numerators[j * n + i] = t;
        z += 2 * t;
      }
    }
    return z;
  }

  /**
   * The gradient of KL(exaggeration * P || Q) with respect to the positions: dC/dy_i = 4 sum_j
   * (exaggeration p_ij - q_ij) (y_i - y_j) / (1 + |y_i - y_j|^2).
   */
  static void gradient(
      double[] p, double exaggeration, double[] y, int n, double[] gradient, double[] numerators) {
    double z = studentT(y, n, numerators);
    for (int i = 0; i < n; i++) {
      double gx = 0;
      double gy = 0;
      for (int j = 0; j < n; j++) {
        double t = numerators[i * n + j];
        double force = (exaggeration * p[i * n + j] - t / z) * t;
        gx += force * (y[2 * i] - y[2 * j]);
        gy += force * (y[2 * i + 1] - y[2 * j + 1]);
      }
      gradient[2 * i] = 4 * gx;
      gradient[2 * i + 1] = 4 * gy;
    }
  }

  /** KL(P || Q) = sum over pairs with p_ij > 0 of p_ij log(p_ij / q_ij). */
  static double klDivergence(double[] p, double[] y, int n) {
    double[] numerators = new double[n * n];
    double z = studentT(y, n, numerators);
    double kl = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double pij = p[i * n + j];
        if (pij > 0 && i != j) {
          kl += pij * Math.log(pij * z / numerators[i * n + j]);
        }
      }
    }
    return kl;
  }
}
