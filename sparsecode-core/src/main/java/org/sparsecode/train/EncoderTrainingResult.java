package org.sparsecode.train;

/**
 * What an encoder's training produced, one entry per epoch (a last epoch cut short by the step cap
 * counts as an epoch).
 *
 * @param steps optimiser steps run
 * @param trainLoss mean training loss of the epoch's steps
 * @param validationLoss mean loss over the validation set in batches of the training batch size,
 *     after the epoch
 * @param learningRate the rate the epoch's steps used
 * @param trainSeconds wall time of training, validation included
 */
public record EncoderTrainingResult(
    int steps,
    double[] trainLoss,
    double[] validationLoss,
    float[] learningRate,
    double trainSeconds) {

  /**
   * @return number of epochs run
   */
  public int epochs() {
    return trainLoss.length;
  }

  /**
   * @return the validation loss after the last epoch
   */
  public double finalValidationLoss() {
    return validationLoss[validationLoss.length - 1];
  }

  /**
   * @return optimiser steps per second of wall time, validation included
   */
  public double stepsPerSecond() {
    return steps / trainSeconds;
  }

  /**
   * @return how many times the schedule lowered the rate
   */
  public int rateDrops() {
    int drops = 0;
    for (int e = 1; e < learningRate.length; e++) {
      if (learningRate[e] < learningRate[e - 1]) {
        drops++;
      }
    }
    return drops;
  }
}
