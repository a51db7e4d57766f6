package org.sparsecode.features;

import org.sparsecode.data.Dataset;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-feature centring and scaling fitted on a training set: {@code z = (x - mean) / scale}, with
 * {@code scale} the feature's standard deviation (population, as scikit-learn's StandardScaler). A
 * feature that never varies in the training set (MNIST's border pixels) gets scale 1, so it is only
 * centred instead of divided by zero.
 */
public final class Standardizer {
  private final float[] mean;
  private final float[] scale;

  private Standardizer(float[] mean, float[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /**
   * Fits on {@code train}; with {@code scaleToUnitVariance} false the features are only centred
   * (scale 1 everywhere).
   *
   * @param train the examples to fit on
   * @param scaleToUnitVariance divide every feature by its standard deviation (a constant feature
   *     by 1)
   * @return the fitted map
   */
  public static Standardizer fit(Dataset train, boolean scaleToUnitVariance) {
    int n = train.size();
    int d = train.featureSize();
    if (n == 0) {
      throw new IllegalArgumentException(
          "cannot standardise on the empty data set " + train.name());
    }
    double[] sum = new double[d];
    float[] x = train.features();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        sum[j] += x[i * d + j];
      }
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = sum[j] / n;
    }
    // Second pass on centred values: no cancellation between two large sums.
    double[] squares = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x[i * d + j] - mean[j];
        squares[j] += c * c;
      }
    }
    float[] m = new float[d];
    float[] s = new float[d];
    for (int j = 0; j < d; j++) {
      m[j] = (float) mean[j];
      double std = Math.sqrt(squares[j] / n);
      s[j] = scaleToUnitVariance && std > 0 ? (float) std : 1f;
    }
    return new Standardizer(m, s);
  }

  /**
   * @return number of features
   */
  public int features() {
    return mean.length;
  }

  /**
   * @return the training mean of each feature (a copy)
   */
  public float[] mean() {
    return mean.clone();
  }

  /**
   * @return the divisor of each feature (a copy): its standard deviation, or 1
   */
  public float[] scale() {
    return scale.clone();
  }

  /**
   * {@code (x - mean) / scale} as graph ops; {@code x} is [batch, features].
   *
   * @param tf ops of the graph to build into
   * @param x float32 [batch, features]
   * @return float32 [batch, features], standardised
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.math.div(tf.math.sub(x, tf.constant(mean)), tf.constant(scale));
  }
}
