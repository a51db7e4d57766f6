package org.sparsecode.lca;

import java.util.Random;

/** Independent double-precision LCA and energy helpers for the tests. */
final class LcaReference {
  private LcaReference() {}

  static double threshold(double u, double lambda, Threshold kind) {
    return switch (kind) {
      case HARD -> u > lambda ? u : 0;
      case SOFT_NONNEGATIVE -> Math.max(u - lambda, 0);
      case SOFT_SIGNED -> Math.signum(u) * Math.max(Math.abs(u) - lambda, 0);
    };
  }

  /** Column form, one example at a time: u <- u + (1/tau)(b - u - (Phi^T Phi - I) a). */
  static double[] lca(
      float[] x, float[][] phi, double lambda, double tau, int iterations, Threshold kind) {
    int m = phi.length, k = phi[0].length;
    double[] b = new double[k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < m; i++) {
        b[j] += (double) phi[i][j] * x[i];
      }
    }
    double[] u = new double[k];
    double[] a = new double[k];
    for (int t = 0; t < iterations; t++) {
      double[] next = new double[k];
      for (int j = 0; j < k; j++) {
        double inhibition = 0;
        for (int l = 0; l < k; l++) {
          double g = 0;
          for (int i = 0; i < m; i++) {
            g += (double) phi[i][j] * phi[i][l];
          }
          inhibition += (g - (j == l ? 1 : 0)) * a[l];
        }
        next[j] = u[j] + (b[j] - u[j] - inhibition) / tau;
      }
      u = next;
      for (int j = 0; j < k; j++) {
        a[j] = threshold(u[j], lambda, kind);
      }
    }
    return a;
  }

  /** Phi_j^T (x - Phi a) for every atom j. */
  static double[] correlationsWithResidual(float[] x, float[][] phi, float[] a) {
    int m = phi.length, k = phi[0].length;
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      r[i] = x[i];
      for (int j = 0; j < k; j++) {
        r[i] -= (double) phi[i][j] * a[j];
      }
    }
    double[] c = new double[k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < m; i++) {
        c[j] += phi[i][j] * r[i];
      }
    }
    return c;
  }

  static double energy(float[] x, float[][] phi, float[] a, double lambda) {
    double e = 0;
    for (int i = 0; i < phi.length; i++) {
      double r = x[i];
      for (int j = 0; j < a.length; j++) {
        r -= (double) phi[i][j] * a[j];
      }
      e += 0.5 * r * r;
    }
    for (float v : a) {
      e += lambda * Math.abs(v);
    }
    return e;
  }

  static float[][] gaussian(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) rnd.nextGaussian();
      }
    }
    return m;
  }
}
