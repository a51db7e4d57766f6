package org.sparsecode.model;

/**
 * The blog's fully connected classifier: inputs -> hidden ReLU -> classes, with {@code lambda *
 * sum(hidden)} added to the mean cross-entropy.
 */
public record FcConfig(
    int inputs,
    int hidden,
    int classes,
    float lambda,
    float learningRate,
    float initStddev,
    float biasInit,
    long seed) {

  public FcConfig {
    requirePositive("inputs", inputs);
    requirePositive("hidden", hidden);
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + lambda + " (use 0 for no penalty)");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning_rate must be a finite number > 0, got " + learningRate + " (the blog used 0.001)");
    }
    if (!(initStddev > 0) || Float.isInfinite(initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got " + initStddev + " (the blog used 0.1)");
    }
    if (!Float.isFinite(biasInit)) {
      throw new IllegalArgumentException("bias_init must be finite, got " + biasInit);
    }
  }

  /** The blog's 784-784-10 network with its initialisation and learning rate. */
  public static FcConfig blog(float lambda, long seed) {
    return new FcConfig(784, 784, 10, lambda, 1e-3f, 0.1f, 0.1f, seed);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
