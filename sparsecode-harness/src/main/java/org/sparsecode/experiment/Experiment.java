package org.sparsecode.experiment;

import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/** Runs the trials of one kind of model named in a sweep file ({@code model: fc}). */
public interface Experiment {
  /** The {@code model} value of the sweep files this experiment runs. */
  String model();

  /** Trains and evaluates one trial; divergence is returned as a DIVERGED result, not thrown. */
  TrialResult run(Trial trial, ExperimentContext context);
}
