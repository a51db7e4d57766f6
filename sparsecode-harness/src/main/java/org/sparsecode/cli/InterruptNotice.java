package org.sparsecode.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.sparsecode.harness.SweepRunner;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/**
 * Says, when the JVM is stopped mid-sweep (SIGTERM, Ctrl-C), which trial was interrupted and how to
 * resume. Forwards every event to the progress listener it wraps.
 */
final class InterruptNotice implements SweepRunner.Listener {
  private final SweepRunner.Listener inner;
  private final String sweep;
  private final Path trialsDir;
  private final String resumeCommand;
  private final PrintStream err;
  private final Thread hook = new Thread(this::report, "sparsecode-interrupt-notice");
  private volatile String current;
  private volatile int finished;
  private volatile boolean active = true;

  InterruptNotice(
      SweepRunner.Listener inner,
      String sweep,
      Path trialsDir,
      String resumeCommand,
      PrintStream err) {
    this.inner = inner;
    this.sweep = sweep;
    this.trialsDir = trialsDir;
    this.resumeCommand = resumeCommand;
    this.err = err;
  }

  InterruptNotice install() {
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  /** The sweep ended by itself: nothing to say at exit. */
  void done() {
    active = false;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, sees active == false and says nothing
    }
  }

  private void report() {
    if (!active) {
      return;
    }
    String where = current == null ? "between trials" : "during trial " + current;
    err.println();
    err.println(
        "sparsecode: interrupted "
            + where
            + " of "
            + sweep
            + "; "
            + finished
            + " trial(s) finished in this run, all finished trials are kept in "
            + trialsDir
            + (current == null ? "" : " (the interrupted trial reruns from its start)")
            + ". Resume with: "
            + resumeCommand);
    err.flush();
  }

  @Override
  public void starting(Trial trial, int position, int total) {
    current = trial.id() + " (" + position + " of " + total + ")";
    inner.starting(trial, position, total);
  }

  @Override
  public void skipped(Trial trial, TrialResult stored, int position, int total) {
    inner.skipped(trial, stored, position, total);
  }

  @Override
  public void finished(Trial trial, TrialResult result, int position, int total) {
    current = null;
    finished++;
    inner.finished(trial, result, position, total);
  }
}
