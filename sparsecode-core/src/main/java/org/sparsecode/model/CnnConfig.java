package org.sparsecode.model;

/**
 * The blog's sparse CNN: one convolution ({@code kernel} x {@code kernel}, {@code filters} maps,
 * {@code stride}, SAME padding) and ReLU over a square single-channel image, then a dense layer to
 * the classes; {@code lambda * sum} of the conv activations is added to the mean cross-entropy.
 */
public record CnnConfig(
    int side,
    int filters,
    int kernel,
    int stride,
    int classes,
    float lambda,
    float learningRate,
    float initStddev,
    float biasInit,
    long seed) {

  public CnnConfig {
    if (side <= 0 || filters <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException(
          "side, filters, kernel and stride must be > 0, got " + side + ", " + filters + ", " + kernel + ", " + stride);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda + " (use 0 for no penalty)");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning_rate must be a finite number > 0, got " + learningRate + " (the blog used 0.001)");
    }
    if (!(initStddev > 0) || Float.isInfinite(initStddev)) {
      throw new IllegalArgumentException("init_stddev must be a finite number > 0, got " + initStddev + " (the blog used 0.1)");
    }
  }

  /** Side of the feature maps after the strided SAME convolution. */
  public int hiddenSide() {
    return (side + stride - 1) / stride;
  }

  /** Units in the sparse code: hiddenSide^2 * filters (39,200 for the blog's CNN). */
  public int hiddenUnits() {
    return hiddenSide() * hiddenSide() * filters;
  }

  /** The blog's CNN on 28x28 MNIST: 200 maps of 3x3, stride 2. */
  public static CnnConfig blog(float lambda, long seed) {
    return new CnnConfig(28, 200, 3, 2, 10, lambda, 1e-3f, 0.1f, 0.1f, seed);
  }
}
