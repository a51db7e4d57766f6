package org.sparsecode.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.train.TrainingListener;

/** A terminal progress bar over one training run: steps, steps per second, ETA, last loss. */
final class ProgressListener implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;

  ProgressListener(String task, int steps) {
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setUnit(" steps", 1)
            .showSpeed()
            .setUpdateIntervalMillis(500)
            .setStyle(ProgressBarStyle.ASCII)
            .build();
  }

  @Override
  public void onStep(int step, float loss) {
    bar.stepTo(step);
    if (step % 100 == 0) {
      bar.setExtraMessage(String.format("loss %.4f", loss));
    }
  }

  @Override
  public void onEvaluation(int step, Evaluation validation) {
    bar.setExtraMessage(
        String.format("val acc %.4f, AVR %.2f", validation.accuracy(), validation.avr()));
  }

  @Override
  public void close() {
    bar.close();
  }
}
