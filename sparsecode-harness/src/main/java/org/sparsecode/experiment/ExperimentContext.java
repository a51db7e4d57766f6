package org.sparsecode.experiment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;

/**
 * What an experiment needs besides the trial itself: the data sets its trials may name,
 * TensorFlow's threads, where (if anywhere) each trial writes TensorBoard logs, its SavedModel and
 * its artifacts (files the reports draw from, such as sample reconstructions), and who listens to
 * training.
 */
public record ExperimentContext(
    DataSets dataSets,
    ThreadSettings threads,
    Function<Trial, Optional<Path>> tensorboardDir,
    Function<Trial, Optional<Path>> exportDir,
    Function<Trial, Optional<Path>> artifactsDir,
    Function<Trial, TrainingListener> listener) {

  /** The trial parameter that names the data set; trials without it use {@link DataSets#MNIST}. */
  public static final String DATASET = "dataset";

  /** The data set the trial names in {@link #DATASET}, or MNIST. */
  public Splits data(Trial trial) {
    Object name = trial.params().get(DATASET);
    return dataSets.get(name == null ? DataSets.MNIST : name.toString());
  }

  /** Nowhere: no TensorBoard logs, no export. */
  public static Function<Trial, Optional<Path>> nowhere() {
    return trial -> Optional.empty();
  }

  /** One folder per trial under {@code root} ({@code <root>/<trial id>}), or nowhere if null. */
  public static Function<Trial, Optional<Path>> perTrialUnder(Path root) {
    return root == null ? nowhere() : trial -> Optional.of(root.resolve(trial.id()));
  }

  /** A context for library use: {@code data} as MNIST, no logs, no export, no listener. */
  public static ExperimentContext of(Splits data, ThreadSettings threads) {
    return new ExperimentContext(
        DataSets.of(java.util.Map.of(DataSets.MNIST, data)),
        threads,
        nowhere(),
        nowhere(),
        nowhere(),
        trial -> TrainingListener.NONE);
  }
}
