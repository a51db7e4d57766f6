package org.sparsecode.train;

/**
 * How to train an encoder without labels: epochs over the training set (an epoch is {@code ceil(n /
 * batchSize)} steps), a cap on the total number of steps, the batch size, the seed of the example
 * order, and the plateau schedule (multiply the rate by {@code lrFactor} after {@code lrPatience}
 * epochs without a better validation loss).
 */
public record EncoderTrainConfig(
    int epochs, int maxSteps, int batchSize, long shuffleSeed, int lrPatience, float lrFactor) {

  /** Checks every setting, with the fix in the message. */
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
    new PlateauSchedule(1f, lrFactor, lrPatience); // same checks and messages
  }
}
