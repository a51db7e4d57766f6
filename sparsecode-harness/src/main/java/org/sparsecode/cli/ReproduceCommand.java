package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparsecode.data.DataSets;
import org.sparsecode.experiment.Experiment;
import org.sparsecode.experiment.ExperimentContext;
import org.sparsecode.experiment.Experiments;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Shard;
import org.sparsecode.harness.SweepRunner;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.runtime.ThreadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a table's sweep, trial by trial, then writes its report and figure. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Run the sweep of TABLE (see `sparsecode list`), or this machine's shard of it, then write the"
          + " table (CSV + Markdown) and its figure, our numbers beside the document's.",
      "Each trial's result is saved as soon as it ends: after an interruption, run the same command"
          + " again and finished trials are skipped."
    })
final class ReproduceCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "Table to regenerate, e.g. blog-fc; `all` runs every table in turn.")
  String table;

  @Option(
      names = "--budget",
      defaultValue = "quick",
      description =
          "quick (a short first look) or full (the document's budget). Default: ${DEFAULT-VALUE}.")
  String budget;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      defaultValue = "0/1",
      description =
          "Run only trials i with i %% N == K (0 <= K < N), e.g. one per Slurm array task. Default: all.")
  String shard;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Where each trial's result is kept (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      description =
          "Where the table goes. Default: reports/ for the full budget, target/reports/<budget>/ otherwise.")
  Path reportsDir;

  @Option(
      names = "--graphs-dir",
      paramLabel = "DIR",
      description =
          "Where the figure goes. Default: graphs/ for the full budget, target/graphs/<budget>/ otherwise.")
  Path graphsDir;

  @Option(
      names = "--tensorboard",
      paramLabel = "DIR",
      description = "Write TensorBoard event files under DIR/<trial>.")
  Path tensorboard;

  @Option(
      names = "--export-dir",
      paramLabel = "DIR",
      description = "Export each trained model as a SavedModel under DIR/<trial>.")
  Path exportDir;

  @Option(names = "--no-progress", description = "No progress bars (for logs).")
  boolean noProgress;

  @Option(
      names = "--rerun-stale",
      description =
          "Rerun stored trials that are stale (their fingerprint no longer matches the code) or"
              + " unverified (stored before fingerprints were recorded); see `sparsecode check-stale`.")
  boolean rerunStale;

  @Option(
      names = "--report-only",
      description =
          "Train nothing: write the table's report from the trials already stored. Every grid"
              + " point's first seed must be stored; later seeds still to run are named in the"
              + " report, whose means and spreads are then over the seeds stored.")
  boolean reportOnly;

  @Mixin CommonOptions common;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    if (ReproduceAll.ALL.equals(table)) {
      return ReproduceAll.run(this);
    }
    return reproduce(table);
  }

  /** Runs one table's sweep and writes its report when complete; returns the exit code. */
  Integer reproduce(String table) throws Exception {
    Shard selected = Shard.parse(shard);
    ThreadSettings threads = common.threadSettings();
    ReportTargets targets = ReportTargets.resolve(budget, reportsDir, graphsDir);
    ResultStore store = new ResultStore(resultsDir, table, budget);
    if (reportOnly) {
      SweepSpec spec = SweepSpec.load(common.harnessDir, table);
      return SweepReporting.writeIfComplete(
          spec, budget, spec.expand(budget), store, targets, commandLine(table), System.out);
    }
    // Every check that can fail without training runs now, before the lock and the first trial.
    SweepPreflight checked = SweepPreflight.run(common, table, budget, selected, store);
    SweepSpec spec = checked.spec();
    List<Trial> trials = spec.expand(budget);
    Experiment experiment = Experiments.forModel(spec.model());
    DataSets data = checked.data();
    SweepProgress progress = new SweepProgress(System.out, !noProgress);
    TrialFingerprints fingerprints =
        new TrialFingerprints(common.harnessDir, common.validationSize);
    InterruptNotice notice =
        new InterruptNotice(
                progress,
                table + "/" + budget,
                store.trialsDir(),
                "./sparsecode "
                    + String.join(" ", self.commandLine().getParseResult().originalArgs()),
                System.err)
            .install();
    try {
      new SweepRunner(
              spec,
              budget,
              selected,
              store,
              trial ->
                  experiment.run(
                      trial,
                      new ExperimentContext(
                          data,
                          threads,
                          ExperimentContext.perTrialUnder(tensorboard),
                          ExperimentContext.perTrialUnder(exportDir),
                          ExperimentContext.perTrialUnder(store.dir().resolve("artifacts")),
                          progress::trainingListener)))
          .listener(notice)
          .fingerprints(trial -> fingerprints.of(spec, budget, trial))
          .rerunStale(rerunStale)
          .run();
    } finally {
      notice.done();
    }

    return SweepReporting.writeIfComplete(
        spec, budget, trials, store, targets, commandLine(table), System.out);
  }

  private String commandLine(String table) {
    StringBuilder sb =
        new StringBuilder("./sparsecode reproduce ")
            .append(table)
            .append(" --budget ")
            .append(budget);
    if (!"0/1".equals(shard)) {
      sb.append(" --shard ").append(shard);
    }
    if (reportOnly) {
      sb.append(" --report-only");
    }
    return sb.toString();
  }
}
