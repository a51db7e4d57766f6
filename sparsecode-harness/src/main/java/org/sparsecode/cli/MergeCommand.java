package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Joins the results of a sweep's shards, run on several machines, and writes the table. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Copy the trial results of shards (each a results folder from `reproduce --shard K/N`) into"
            + " one results folder, then write the table and figure when every trial has a result.")
final class MergeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TABLE", description = "Table whose shards to join.")
  String table;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "SHARD_RESULTS_DIR",
      description = "Results folders of the shards.")
  List<Path> sources;

  @Option(
      names = "--budget",
      defaultValue = "quick",
      description = "Budget the shards ran (default: ${DEFAULT-VALUE}).")
  String budget;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Folder to merge into (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--harness-dir",
      paramLabel = "DIR",
      defaultValue = "harness",
      description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      description = "Where the table goes (defaults as for reproduce).")
  Path reportsDir;

  @Option(
      names = "--graphs-dir",
      paramLabel = "DIR",
      description = "Where the figure goes (defaults as for reproduce).")
  Path graphsDir;

  @Override
  public Integer call() throws Exception {
    SweepSpec spec = SweepSpec.load(harnessDir, table);
    ReportTargets targets = ReportTargets.resolve(budget, reportsDir, graphsDir);
    ResultStore store = new ResultStore(resultsDir, spec.table(), budget);
    System.out.println(store.merge(sources));
    return SweepReporting.writeIfComplete(
        spec,
        budget,
        spec.expand(budget),
        store,
        targets,
        "./sparsecode merge " + table + " --budget " + budget + " <shard results folders>",
        System.out);
  }
}
