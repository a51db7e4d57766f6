package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sparsecode.experiment.Experiment;
import org.sparsecode.experiment.ExperimentContext;
import org.sparsecode.experiment.Experiments;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains one trial of a table and exports the trained model as a SavedModel. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Train one model of TABLE and export it as a SavedModel with a serve signature: input"
            + " `features` [batch, 784] float32 in [0,1] (`images` for the CNN tables); outputs `logits`,"
            + " `probabilities`, `hidden` (and `reconstruction` for autoencoders). The ovr-encoder table"
            + " exports its encoder instead: `features` in, `codes` out (choose it with --set features=ovr_encoder).")
final class ExportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "TABLE",
      description = "Table whose model to train, e.g. blog-fc.")
  String table;

  @Option(
      names = "--lambda",
      required = true,
      description = "Weight of the L1 activity penalty, >= 0 (e.g. 1e-5).")
  double lambda;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Training steps (default: the budget's).")
  Integer steps;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override another parameter of the sweep's first trial, e.g. --set decoder=subpixel (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--budget",
      defaultValue = "quick",
      description = "quick or full (default: ${DEFAULT-VALUE}).")
  String budget;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "New folder for the SavedModel.")
  Path out;

  @Option(
      names = "--tensorboard",
      paramLabel = "DIR",
      description = "Also write TensorBoard event files to DIR.")
  Path tensorboard;

  @Option(names = "--no-progress", description = "No progress bar (for logs).")
  boolean noProgress;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    SweepSpec spec = SweepSpec.load(common.harnessDir, table);
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "--lambda must be a finite number >= 0, got " + lambda + " (0 = no penalty)");
    }
    if (steps != null && steps <= 0) {
      throw new IllegalArgumentException(
          "--steps must be > 0, got " + steps + " (the documents train for 20000)");
    }
    // The sweep's first trial supplies every other parameter.
    Map<String, Object> params = new LinkedHashMap<>(spec.expand(budget).get(0).params());
    params.put("lambda", lambda);
    if (steps != null) {
      params.put("steps", steps);
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      if (!params.containsKey(o.getKey())) {
        throw new IllegalArgumentException(
            "--set "
                + o.getKey()
                + ": "
                + table
                + " has no parameter '"
                + o.getKey()
                + "'; its parameters are "
                + params.keySet());
      }
      params.put(o.getKey(), o.getValue());
    }
    Trial trial = new Trial(spec.table(), 0, "lambda_" + SweepSpec.formatValue(lambda), params);
    // The same declared types and ranges as a sweep, checked before anything trains.
    java.util.List<String> problems =
        org.sparsecode.experiment.ParamDeclarations.forModel(spec.model()).problems(trial);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    SavedModelExport.checkTarget(out); // before any training
    Experiment experiment = Experiments.forModel(spec.model());
    SweepProgress progress = new SweepProgress(System.out, !noProgress);
    TrialResult result =
        experiment.run(
            trial,
            new ExperimentContext(
                common.dataSets(),
                common.threadSettings(),
                t -> Optional.ofNullable(tensorboard),
                t -> Optional.of(out),
                ExperimentContext.nowhere(),
                progress::trainingListener));
    progress.finished(trial, result, 1, 1);
    if (result.status() != TrialResult.Status.OK) {
      System.err.println("sparsecode: nothing exported: " + result.message());
      return Main.EXIT_FAILURE;
    }
    System.out.printf(
        "SavedModel written to %s (test accuracy %.4f)%n",
        out, result.metric(Metrics.TEST_ACCURACY));
    return 0;
  }
}
