package org.sparsecode.train;

import org.sparsecode.eval.Evaluation;

/** Hears about a training run as it goes: for progress bars, TensorBoard, logs. */
public interface TrainingListener {
  /**
   * After every optimiser step; {@code step} counts from 1. Must be cheap.
   *
   * @param step the step just taken, from 1
   * @param loss that step's training loss, before the update
   */
  default void onStep(int step, float loss) {}

  /**
   * After each periodic evaluation on the validation split.
   *
   * @param step the step after which the evaluation ran
   * @param validation the evaluation on the validation split
   */
  default void onEvaluation(int step, Evaluation validation) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};
}
