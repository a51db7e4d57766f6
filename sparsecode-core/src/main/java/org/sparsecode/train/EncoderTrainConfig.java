package org.sparsecode.train;

import java.util.Objects;
import org.sparsecode.optim.AdamConfig;

/**
 * How to train an encoder without labels: epochs over the training set (an epoch is {@code ceil(n /
 * batchSize)} steps), a cap on the total number of steps, the batch size, the seed of the example
 * order, the plateau schedule (multiply the rate by {@code lrFactor} after {@code lrPatience}
 * epochs without a better validation loss) and the optimiser. The encoder's train step is part of
 * its graph, so the encoder is built with this configuration's {@link #optimizer()} (for example
 * {@code OvrEncoder.build(graph, inputs, preprocess, width, encoder, training.optimizer())});
 * {@link EncoderTrainer} checks that the two agree.
 *
 * @param epochs passes over the training set, &gt; 0 (the document: 35)
 * @param maxSteps cap on the total number of steps, &gt; 0
 * @param batchSize examples per step, &gt;= 2: the OVR loss compares the codes within a batch (the
 *     document: 128)
 * @param shuffleSeed seed of the example order
 * @param lrPatience epochs without a better validation loss before the rate drops, &gt;= 1 (the
 *     document: 5)
 * @param lrFactor multiplies the rate on a plateau, in (0, 1) (the document: 0.1)
 * @param optimizer Adam's initial learning rate and constants (the document: rate 5e-4)
 */
public record EncoderTrainConfig(
    int epochs,
    int maxSteps,
    int batchSize,
    long shuffleSeed,
    int lrPatience,
    float lrFactor,
    AdamConfig optimizer) {

  /** The document's encoder rate, 5e-4. */
  public static final float DOCUMENT_LEARNING_RATE = 5e-4f;

  /**
   * Checks every setting, with the fix in the message.
   *
   * @param epochs passes over the training set, &gt; 0
   * @param maxSteps cap on the total number of steps, &gt; 0
   * @param batchSize examples per step, &gt;= 2
   * @param shuffleSeed seed of the example order
   * @param lrPatience epochs without a better validation loss before the rate drops, &gt;= 1
   * @param lrFactor multiplies the rate on a plateau, in (0, 1)
   * @param optimizer Adam's settings, not null
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public EncoderTrainConfig {
    if (epochs <= 0) {
      throw new IllegalArgumentException(
          "epochs must be > 0, got " + epochs + " (the document trains 35)");
    }
    if (maxSteps <= 0) {
      throw new IllegalArgumentException(
          "steps (the cap on encoder steps) must be > 0, got " + maxSteps);
    }
    if (batchSize <= 1) {
      throw new IllegalArgumentException(
          "batch must be >= 2, got "
              + batchSize
              + ": the OVR loss compares the codes within a batch"
              + " (the document uses 128)");
    }
    Objects.requireNonNull(
        optimizer, "optimizer must be an AdamConfig, e.g. AdamConfig.withLearningRate(5e-4f)");
    new PlateauSchedule(optimizer.learningRate(), lrFactor, lrPatience); // same checks, messages
  }

  /**
   * A builder whose defaults are the document's: 35 epochs of batches of 128 without a step cap,
   * shuffle seed 1, the rate divided by 10 after 5 epochs without a better validation loss, Adam at
   * 5e-4.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the settings of an {@link EncoderTrainConfig}; every setting has the document's. */
  public static final class Builder {
    private int epochs = 35;
    private int maxSteps = Integer.MAX_VALUE;
    private int batchSize = 128;
    private long shuffleSeed = 1;
    private int lrPatience = 5;
    private float lrFactor = 0.1f;
    private AdamConfig optimizer = AdamConfig.withLearningRate(DOCUMENT_LEARNING_RATE);

    private Builder() {}

    /**
     * @param epochs passes over the training set, &gt; 0
     * @return this builder
     */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /**
     * @param maxSteps cap on the total number of steps, &gt; 0 (default: none)
     * @return this builder
     */
    public Builder maxSteps(int maxSteps) {
      this.maxSteps = maxSteps;
      return this;
    }

    /**
     * @param batchSize examples per step, &gt;= 2
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * @param shuffleSeed seed of the example order
     * @return this builder
     */
    public Builder shuffleSeed(long shuffleSeed) {
      this.shuffleSeed = shuffleSeed;
      return this;
    }

    /**
     * @param lrPatience epochs without a better validation loss before the rate drops, &gt;= 1
     * @return this builder
     */
    public Builder lrPatience(int lrPatience) {
      this.lrPatience = lrPatience;
      return this;
    }

    /**
     * @param lrFactor multiplies the rate on a plateau, in (0, 1)
     * @return this builder
     */
    public Builder lrFactor(float lrFactor) {
      this.lrFactor = lrFactor;
      return this;
    }

    /**
     * Adam with this initial learning rate and the usual constants.
     *
     * @param learningRate finite and &gt; 0 (the document: 5e-4)
     * @return this builder
     */
    public Builder learningRate(float learningRate) {
      this.optimizer = AdamConfig.withLearningRate(learningRate);
      return this;
    }

    /**
     * @param optimizer Adam's settings; its learning rate is the first epoch's
     * @return this builder
     */
    public Builder optimizer(AdamConfig optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /**
     * @return the checked configuration
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public EncoderTrainConfig build() {
      return new EncoderTrainConfig(
          epochs, maxSteps, batchSize, shuffleSeed, lrPatience, lrFactor, optimizer);
    }
  }
}
