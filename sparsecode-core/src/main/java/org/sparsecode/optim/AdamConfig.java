package org.sparsecode.optim;

/**
 * The optimiser settings of a training run: Adam with a learning rate and its two decay rates and
 * epsilon. It belongs to the training configuration; a model's train step is built from it (see
 * {@link DeterministicAdam#DeterministicAdam(org.tensorflow.Graph, AdamConfig)}).
 *
 * @param learningRate step size, finite and &gt; 0 (the blog: 0.001)
 * @param beta1 decay of the first moment, in [0, 1) (usual: 0.9)
 * @param beta2 decay of the second moment, in [0, 1) (usual: 0.999)
 * @param epsilon added to the root of the second moment, &gt; 0 (usual: 1e-8)
 */
public record AdamConfig(float learningRate, float beta1, float beta2, float epsilon) {
  /** The blog's learning rate, 0.001. */
  public static final float DEFAULT_LEARNING_RATE = 1e-3f;

  /** Adam at the blog's learning rate 0.001 with the usual beta1, beta2 and epsilon. */
  public static final AdamConfig DEFAULT = withLearningRate(DEFAULT_LEARNING_RATE);

  /**
   * Checks every setting, with the fix in the message.
   *
   * @param learningRate step size, finite and &gt; 0
   * @param beta1 decay of the first moment, in [0, 1)
   * @param beta2 decay of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, finite and &gt; 0
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public AdamConfig {
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning_rate must be a finite number > 0, got "
              + learningRate
              + " (the blog used 0.001)");
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam's beta1 and beta2 must lie in [0, 1), got "
              + beta1
              + " and "
              + beta2
              + " (usual: 0.9 and 0.999)");
    }
    if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "Adam's epsilon must be finite and > 0, got " + epsilon + " (usual: 1e-8)");
    }
  }

  /**
   * Adam with the given learning rate and the usual beta1 0.9, beta2 0.999, epsilon 1e-8.
   *
   * @param learningRate step size, finite and &gt; 0
   * @return the settings
   */
  public static AdamConfig withLearningRate(float learningRate) {
    return new AdamConfig(learningRate, 0.9f, 0.999f, 1e-8f);
  }
}
