package org.sparsecode.cli;

import java.io.PrintStream;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepRunner;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.train.TrainingListener;

/** Prints a line per trial of a sweep, and a progress bar while a trial trains. */
final class SweepProgress implements SweepRunner.Listener {
  private final PrintStream out;
  private final boolean bars;
  private ProgressListener current;

  SweepProgress(PrintStream out, boolean bars) {
    this.out = out;
    this.bars = bars;
  }

  /** The listener for the trial about to train. */
  TrainingListener trainingListener(Trial trial) {
    closeBar();
    if (!bars) {
      return TrainingListener.NONE;
    }
    current = new ProgressListener(trial.id(), trial.intParam("steps"));
    return current;
  }

  @Override
  public void starting(Trial trial, int position, int total) {
    out.printf("[%d/%d] %s: training%n", position, total, trial.id());
  }

  @Override
  public void skipped(Trial trial, TrialResult stored, int position, int total) {
    out.printf("[%d/%d] %s: already done, skipped%n", position, total, trial.id());
  }

  @Override
  public void finished(Trial trial, TrialResult result, int position, int total) {
    closeBar();
    if (result.status() == TrialResult.Status.DIVERGED) {
      out.printf("[%d/%d] %s: DIVERGED: %s%n", position, total, trial.id(), result.message());
    } else if (!result.metrics().containsKey(Metrics.TEST_ACCURACY)) {
      // Not a classifier (a dictionary, say): its first metrics.
      String headline =
          result.metrics().entrySet().stream()
              .limit(4)
              .map(e -> String.format(java.util.Locale.ROOT, "%s %.4g", e.getKey(), e.getValue()))
              .collect(java.util.stream.Collectors.joining(", "));
      out.printf(
          "[%d/%d] %s: %s, %.0f s%n",
          position, total, trial.id(), headline, result.metric(Metrics.WALL_SECONDS));
    } else {
      out.printf(
          "[%d/%d] %s: test accuracy %.4f, AVR %.2f (train batch) %.2f (test), %.0f s%n",
          position,
          total,
          trial.id(),
          result.metric(Metrics.TEST_ACCURACY),
          result.metric(Metrics.AVR_TRAIN),
          result.metric(Metrics.AVR_TEST),
          result.metric(Metrics.WALL_SECONDS));
    }
  }

  private void closeBar() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
