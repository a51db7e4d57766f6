package org.sparsecode.features;

import org.sparsecode.data.Dataset;
import org.sparsecode.eval.Tensors;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.nn.Layer;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Principal component analysis fitted on a training set: a {@link Standardizer} (centring, and
 * optionally per-feature scaling), then the projection onto the top-k principal axes, without
 * whitening: {@code transform(x) = ((x - mean) / scale) W}, W the d x k matrix of unit axes.
 *
 * <p>The covariance {@code Z^T Z / (n - 1)} is accumulated in float64 by TensorFlow matrix
 * products, chunk by chunk, and decomposed by TensorFlow's {@code SelfAdjointEigV2}. Axes are
 * ordered by decreasing variance; each axis's sign is fixed so that its largest-magnitude entry is
 * positive, which makes the fit reproducible whatever the solver's sign choice.
 */
public final class Pca implements Layer {
  /** Rows per covariance chunk: bounds the float64 copy TensorFlow makes of a chunk. */
  static final int CHUNK = 5_000;

  private final Standardizer standardizer;
  private final int components;

  /** d x k, row-major: {@code axes[f * k + c]} is feature f's weight in component c. */
  private final float[] axes;

  private final double[] variances;

  private Pca(Standardizer standardizer, int components, float[] axes, double[] variances) {
    this.standardizer = standardizer;
    this.components = components;
    this.axes = axes;
    this.variances = variances;
  }

  /**
   * A PCA from given parts: {@code axes} d x k row-major, {@code variances} k, largest first. For a
   * projection computed elsewhere, or a stand-in of the right shape when only the graph matters.
   *
   * @param standardizer the centring and scaling applied first
   * @param components k, the number of axes
   * @param axes d x k unit axes, row-major; copied
   * @param variances the training variance along each axis, k values, largest first; copied
   * @return the PCA
   */
  public static Pca of(
      Standardizer standardizer, int components, float[] axes, double[] variances) {
    if (components < 1
        || axes.length != (long) standardizer.features() * components
        || variances.length != components) {
      throw new IllegalArgumentException(
          "a PCA to "
              + components
              + " components of "
              + standardizer.features()
              + " features needs "
              + standardizer.features() * components
              + " axis entries and "
              + components
              + " variances, got "
              + axes.length
              + " and "
              + variances.length);
    }
    return new Pca(standardizer, components, axes.clone(), variances.clone());
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the examples to fit on
   * @param components k, how many axes to keep: 1 &lt;= k &lt;= number of features
   * @param standardize scale every feature to unit variance before the PCA (the document does)
   * @param threads the thread pools of the graph that computes the covariance
   * @return the fitted PCA: the k axes of largest variance, as a {@link org.sparsecode.nn.Layer}
   *     from [batch, d] to [batch, k]
   */
  public static Pca fit(
      Dataset train, int components, boolean standardize, ThreadSettings threads) {
    int d = train.featureSize();
    if (components < 1 || components > d) {
      throw new IllegalArgumentException(
          "PCA to "
              + components
              + " components is impossible on "
              + train.name()
              + ", which has "
              + d
              + " features; choose pca_components between 1 and "
              + d);
    }
    if (train.size() < 2) {
      throw new IllegalArgumentException(
          "PCA needs at least 2 training examples to estimate a covariance; "
              + train.name()
              + " has "
              + train.size());
    }
    Standardizer standardizer = Standardizer.fit(train, standardize);
    double[] covariance = covariance(train, standardizer, threads);
    double[] eigenvalues = new double[d];
    double[] eigenvectors = new double[d * d];
    try (ModelGraph g = new ModelGraph(threads)) {
      Ops tf = g.tf();
      Placeholder<TFloat64> matrix =
          tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(d, d)));
      SelfAdjointEig<TFloat64> eig =
          tf.linalg.selfAdjointEig(matrix, SelfAdjointEig.computeV(true));
      try (TFloat64 c = TFloat64.tensorOf(Shape.of(d, d), DataBuffers.of(covariance, true, false));
          Result r = g.session().runner().feed(matrix, c).fetch(eig.e()).fetch(eig.v()).run()) {
        ((TFloat64) r.get(0)).copyTo(DataBuffers.of(eigenvalues, false, false));
        ((TFloat64) r.get(1)).copyTo(DataBuffers.of(eigenvectors, false, false));
      }
    }
    // Eigenvalues come in ascending order; eigenvector j is column j of the row-major d x d matrix.
    float[] axes = new float[d * components];
    double[] variances = new double[components];
    for (int c = 0; c < components; c++) {
      int column = d - 1 - c;
      variances[c] = Math.max(0, eigenvalues[column]);
      int largest = 0;
      for (int f = 1; f < d; f++) {
        if (Math.abs(eigenvectors[f * d + column]) > Math.abs(eigenvectors[largest * d + column])) {
          largest = f;
        }
      }
      double sign = eigenvectors[largest * d + column] < 0 ? -1 : 1;
      for (int f = 0; f < d; f++) {
        axes[f * components + c] = (float) (sign * eigenvectors[f * d + column]);
      }
    }
    return new Pca(standardizer, components, axes, variances);
  }

  /** {@code Z^T Z / (n - 1)} of the standardised training set, as a row-major d x d array. */
  private static double[] covariance(
      Dataset train, Standardizer standardizer, ThreadSettings threads) {
    int d = train.featureSize();
    double[] sum = new double[d * d];
    double[] chunkProduct = new double[d * d];
    try (ModelGraph g = new ModelGraph(threads)) {
      Ops tf = g.tf();
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
      Operand<TFloat64> z = tf.dtypes.cast(standardizer.apply(tf, x), TFloat64.class);
      Operand<TFloat64> gram = tf.linalg.matMul(z, z, MatMul.transposeA(true));
      for (int from = 0; from < train.size(); from += CHUNK) {
        int count = Math.min(CHUNK, train.size() - from);
        try (TFloat32 chunk = Tensors.features(train, from, count);
            Result r = g.session().runner().feed(x, chunk).fetch(gram).run()) {
          ((TFloat64) r.get(0)).copyTo(DataBuffers.of(chunkProduct, false, false));
        }
        for (int i = 0; i < sum.length; i++) {
          sum[i] += chunkProduct[i];
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= train.size() - 1;
    }
    return sum;
  }

  /**
   * @return d, the number of input features
   */
  public int inputs() {
    return standardizer.features();
  }

  /**
   * @return k, the number of components (the output width)
   */
  public int components() {
    return components;
  }

  /**
   * @return the centring and scaling applied before the projection
   */
  public Standardizer standardizer() {
    return standardizer;
  }

  /**
   * @return the unit axes, d x k row-major (a copy)
   */
  public float[] axes() {
    return axes.clone();
  }

  /**
   * @return the training variance along each kept axis, k values, largest first (a copy)
   */
  public double[] variances() {
    return variances.clone();
  }

  /** The projection as graph ops; {@code x} is [batch, d], the result [batch, k]. */
  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> w =
        tf.reshape(tf.constant(axes), tf.constant(new long[] {inputs(), components}));
    return tf.linalg.matMul(standardizer.apply(tf, x), w);
  }
}
