package org.sparsecode.train;

import java.util.List;
import org.sparsecode.eval.Evaluation;

/**
 * What a training run produced.
 *
 * @param losses the training loss after every step (index 0 = step 1)
 * @param curve validation evaluations every {@code evalEvery} steps and at the end
 * @param lastBatch the final model on the last training batch (its AVR is the blog's AVR)
 * @param test the final model on the whole test split
 * @param curveSeconds time spent recording the curve beyond the periodic validation (inside {@code
 *     trainSeconds})
 * @param rssMibAtStep1000 resident memory at step 1,000 (NaN for shorter runs)
 * @param rssMibAtEnd resident memory after the last step
 */
public record TrainingResult(
    int steps,
    float[] losses,
    List<EvalPoint> curve,
    Evaluation lastBatch,
    Evaluation validation,
    Evaluation test,
    double trainSeconds,
    double curveSeconds,
    double rssMibAtStep1000,
    double rssMibAtEnd) {

  /**
   * @return the training loss of the last step
   */
  public float finalLoss() {
    return losses[losses.length - 1];
  }

  /**
   * The first evaluated step whose validation accuracy reached {@code accuracy}, if any.
   *
   * @param accuracy the validation accuracy to reach, in [0, 1]
   * @return that step, or empty when no evaluation reached it
   */
  public java.util.OptionalInt firstStepReaching(double accuracy) {
    return curve.stream()
        .filter(p -> p.validation().accuracy() >= accuracy)
        .mapToInt(EvalPoint::step)
        .findFirst();
  }

  /**
   * Steps per second of the whole run, periodic evaluations included.
   *
   * @return optimiser steps per second of wall time
   */
  public double stepsPerSecond() {
    return steps / trainSeconds;
  }
}
