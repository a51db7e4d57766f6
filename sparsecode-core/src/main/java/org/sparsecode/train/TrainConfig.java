package org.sparsecode.train;

/**
 * How to train: number of Adam steps, examples per step, how often to evaluate on the validation
 * split, and the seed of the example order.
 */
public record TrainConfig(int steps, int batchSize, int evalEvery, long shuffleSeed) {

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
  }
}
