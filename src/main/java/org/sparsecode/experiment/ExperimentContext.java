package org.sparsecode.experiment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.ThreadSettings;
import org.sparsecode.train.TrainingListener;

/**
 * What an experiment needs besides the trial itself: the data (supplied on first use, so that an
 * experiment that makes its own data never loads it), TensorFlow's threads, where (if
 * anywhere) each trial writes TensorBoard logs, its SavedModel and its artifacts (files the
 * reports draw from, such as sample reconstructions), and who listens to training.
 */
public record ExperimentContext(
    Supplier<Splits> data,
    ThreadSettings threads,
    Function<Trial, Optional<Path>> tensorboardDir,
    Function<Trial, Optional<Path>> exportDir,
    Function<Trial, Optional<Path>> artifactsDir,
    Function<Trial, TrainingListener> listener) {

  /** Nowhere: no TensorBoard logs, no export. */
  public static Function<Trial, Optional<Path>> nowhere() {
    return trial -> Optional.empty();
  }

  /** One folder per trial under {@code root} ({@code <root>/<trial id>}), or nowhere if null. */
  public static Function<Trial, Optional<Path>> perTrialUnder(Path root) {
    return root == null ? nowhere() : trial -> Optional.of(root.resolve(trial.id()));
  }

  /** A context for library use: no logs, no export, no listener. */
  public static ExperimentContext of(Splits data, ThreadSettings threads) {
    return new ExperimentContext(() -> data, threads, nowhere(), nowhere(), nowhere(), trial -> TrainingListener.NONE);
  }
}
