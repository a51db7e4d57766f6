package org.sparsecode.train;

import java.util.Objects;
import org.sparsecode.optim.AdamConfig;

/**
 * How to train a classifier: number of optimiser steps, examples per step, how often to evaluate on
 * the validation split, the seed of the example order, and the optimiser. The model's train step is
 * part of its graph, so the model is built with this configuration's {@link #optimizer()} (for
 * example {@code MlpClassifier.build(graph, mlp, training.optimizer())}); {@link Trainer} checks
 * that the two agree.
 *
 * @param steps optimiser steps, &gt; 0 (the documents: 20,000)
 * @param batchSize examples per step, &gt; 0 (the documents: 100)
 * @param evalEvery evaluate on the validation split every this many steps, &gt; 0
 * @param shuffleSeed seed of the example order
 * @param optimizer Adam's learning rate and constants
 */
public record TrainConfig(
    int steps, int batchSize, int evalEvery, long shuffleSeed, AdamConfig optimizer) {

  /**
   * Checks every setting, with the fix in the message.
   *
   * @param steps optimiser steps, &gt; 0
   * @param batchSize examples per step, &gt; 0
   * @param evalEvery evaluate every this many steps, &gt; 0
   * @param shuffleSeed seed of the example order
   * @param optimizer Adam's settings, not null
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public TrainConfig {
    if (steps <= 0) {
      throw new IllegalArgumentException(
          "steps must be > 0, got " + steps + " (the documents train for 20000)");
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "batch size must be > 0, got " + batchSize + " (the documents use 100)");
    }
    if (evalEvery <= 0) {
      throw new IllegalArgumentException(
          "eval_every must be > 0, got " + evalEvery + " (for example 1000)");
    }
    Objects.requireNonNull(optimizer, "optimizer must be an AdamConfig, e.g. AdamConfig.DEFAULT");
  }

  /**
   * Training with Adam at the default learning rate ({@link AdamConfig#DEFAULT}).
   *
   * @param steps optimiser steps, &gt; 0
   * @param batchSize examples per step, &gt; 0
   * @param evalEvery evaluate every this many steps, &gt; 0
   * @param shuffleSeed seed of the example order
   */
  public TrainConfig(int steps, int batchSize, int evalEvery, long shuffleSeed) {
    this(steps, batchSize, evalEvery, shuffleSeed, AdamConfig.DEFAULT);
  }

  /**
   * A builder whose defaults are the blog's: 20,000 steps of 100 examples, evaluation every 1,000
   * steps, shuffle seed 1, Adam at 0.001.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the settings of a {@link TrainConfig}; every setting has the blog's default. */
  public static final class Builder {
    private int steps = 20_000;
    private int batchSize = 100;
    private int evalEvery = 1_000;
    private long shuffleSeed = 1;
    private AdamConfig optimizer = AdamConfig.DEFAULT;

    private Builder() {}

    /**
     * @param steps optimiser steps, &gt; 0
     * @return this builder
     */
    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    /**
     * @param batchSize examples per step, &gt; 0
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * @param evalEvery evaluate on the validation split every this many steps, &gt; 0
     * @return this builder
     */
    public Builder evalEvery(int evalEvery) {
      this.evalEvery = evalEvery;
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
     * Adam with this learning rate and the usual constants.
     *
     * @param learningRate finite and &gt; 0 (the blog: 0.001)
     * @return this builder
     */
    public Builder learningRate(float learningRate) {
      this.optimizer = AdamConfig.withLearningRate(learningRate);
      return this;
    }

    /**
     * @param optimizer Adam's settings
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
    public TrainConfig build() {
      return new TrainConfig(steps, batchSize, evalEvery, shuffleSeed, optimizer);
    }
  }
}
