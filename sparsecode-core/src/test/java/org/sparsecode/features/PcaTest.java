package org.sparsecode.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;

class PcaTest {
  private static final double R = Math.sqrt(0.5);

  private static Dataset data(float[][] rows) {
    int d = rows[0].length;
    float[] f = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, f, i * d, d);
    }
    return new Dataset("pca-test", f, new int[rows.length], d, 1);
  }

  private static float[] transform(Pca pca, Dataset d) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      FeatureGraph map = FeatureGraph.build(g, d.featureSize(), pca, pca.components());
      return map.map(g.session(), d, "mapped").features();
    }
  }

  /**
   * Points {@code (5, -2) + s u + t v} with u = (0.6, 0.8), v = (0.8, -0.6) and (s, t) in {(3, 1),
   * (3, -1), (-3, 1), (-3, -1)}: the sample variances along u and v are 4 * 9 / 3 = 12 and 4 * 1 /
   * 3 = 4/3, the axes are u and v (each signed so that its largest entry is positive), and the
   * transform of each point is its (s, t).
   */
  @Test
  void twoDimensionalCaseWithKnownAxesAndVariances() {
    double[][] st = {{3, 1}, {3, -1}, {-3, 1}, {-3, -1}};
    float[][] rows = new float[4][];
    for (int i = 0; i < 4; i++) {
      double s = st[i][0];
      double t = st[i][1];
      rows[i] = new float[] {(float) (5 + 0.6 * s + 0.8 * t), (float) (-2 + 0.8 * s - 0.6 * t)};
    }
    Dataset d = data(rows);
    Pca pca = Pca.fit(d, 2, false, ThreadSettings.defaults());
    assertArrayEquals(new double[] {12, 4.0 / 3}, pca.variances(), 1e-5);
    // Row-major d x k: column 0 is u, column 1 is v.
    assertArrayEquals(new float[] {0.6f, 0.8f, 0.8f, -0.6f}, pca.axes(), 1e-6f);
    assertArrayEquals(new float[] {5, -2}, pca.standardizer().mean(), 1e-6f);
    assertArrayEquals(new float[] {1, 1}, pca.standardizer().scale());
    float[] z = transform(pca, d);
    for (int i = 0; i < 4; i++) {
      assertEquals(st[i][0], z[2 * i], 1e-5, "s of point " + i);
      assertEquals(st[i][1], z[2 * i + 1], 1e-5, "t of point " + i);
    }
  }

  /**
   * Standardised 3 + 1 features: f1 = 10 f0 + 3 (perfectly correlated with f0), f2 orthogonal to
   * f0, f3 constant 7. Means (0, 3, 0, 7); population scales (1, 10, 1) and 1 for the constant
   * feature. The standardised covariance (n - 1 = 3) is 4/3
   * [[1,1,0,0],[1,1,0,0],[0,0,1,0],[0,0,0,0]]: eigenvalues 8/3 (axis (1,1,0,0)/sqrt 2) and 4/3
   * (axis (0,0,1,0)).
   */
  @Test
  void standardisedCaseWithACorrelatedPairAndAConstantFeature() {
    float[][] rows = {
      {1, 13, 1, 7},
      {-1, -7, 1, 7},
      {1, 13, -1, 7},
      {-1, -7, -1, 7},
    };
    Dataset d = data(rows);
    Pca pca = Pca.fit(d, 2, true, ThreadSettings.defaults());
    assertArrayEquals(new float[] {0, 3, 0, 7}, pca.standardizer().mean(), 1e-6f);
    assertArrayEquals(new float[] {1, 10, 1, 1}, pca.standardizer().scale(), 1e-6f);
    assertArrayEquals(new double[] {8.0 / 3, 4.0 / 3}, pca.variances(), 1e-6);
    float r = (float) R;
    assertArrayEquals(new float[] {r, 0, r, 0, 0, 1, 0, 0}, pca.axes(), 1e-6f);
    float[] z = transform(pca, d);
    // Row 0 standardises to (1, 1, 1, 0): coordinates (2 / sqrt 2, 1).
    assertEquals(Math.sqrt(2), z[0], 1e-5);
    assertEquals(1, z[1], 1e-6);
  }

  @Test
  void componentsAreOrthonormalSortedAndTheirVariancesAreThoseOfTheTransformedData() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 300;
    int dims = 12;
    int k = 8;
    float[][] rows = new float[n][dims];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      for (int j = 0; j < dims; j++) {
        // Two strong shared factors, per-feature noise and scales from 1 to 12.
        rows[i][j] =
            (float)
                ((j + 1)
                        * (a * Math.sin(j + 1)
                            + 0.5 * b * Math.cos(2 * j)
                            + 0.3 * random.nextGaussian())
                    + j);
      }
    }
    Dataset d = data(rows);
    Pca pca = Pca.fit(d, k, true, ThreadSettings.defaults());
    float[] w = pca.axes();
    for (int p = 0; p < k; p++) {
      for (int q = 0; q < k; q++) {
        double dot = 0;
        for (int f = 0; f < dims; f++) {
          dot += (double) w[f * k + p] * w[f * k + q];
        }
        assertEquals(p == q ? 1 : 0, dot, 1e-5, "axis " + p + " . axis " + q);
      }
    }
    double[] variances = pca.variances();
    for (int c = 1; c < k; c++) {
      assertTrue(
          variances[c] <= variances[c - 1],
          "variances must decrease: " + java.util.Arrays.toString(variances));
    }
    float[] z = transform(pca, d);
    for (int c = 0; c < k; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += z[i * k + c];
      }
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        var += (z[i * k + c] - mean) * (z[i * k + c] - mean);
      }
      assertEquals(0, mean, 1e-4, "component " + c + " is centred on the training set");
      assertEquals(
          variances[c],
          var / (n - 1),
          1e-4 * Math.max(1, variances[c]),
          "variance of component " + c);
    }
    // The training mean itself maps to zero.
    float[] mean = pca.standardizer().mean();
    float[] atMean = transform(pca, new Dataset("mean", mean, new int[1], dims, 1));
    assertArrayEquals(new float[k], atMean, 1e-5f);
  }

  @Test
  void badArgumentsSayWhatToChange() {
    Dataset d = data(new float[][] {{1, 2}, {3, 4}});
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> Pca.fit(d, 3, true, ThreadSettings.defaults()));
    assertTrue(
        e.getMessage().contains("has 2 features") && e.getMessage().contains("pca_components"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Pca.fit(d, 0, true, ThreadSettings.defaults()));
    Dataset one = data(new float[][] {{1, 2}});
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Pca.fit(one, 1, true, ThreadSettings.defaults()));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }
}
