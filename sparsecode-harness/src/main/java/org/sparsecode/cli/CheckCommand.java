package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Shard;
import org.sparsecode.harness.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs only the checks `reproduce` makes before it trains, and lists the trials it would run. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check TABLE's sweep file (every trial of every budget against the model's declared parameters),"
          + " its stored results and the data its unfinished trials need, then list the trials"
          + " `reproduce` would run. Trains nothing and takes no lock.",
      "With --stale (no TABLE): check every stored trial against the current code by its fingerprint,"
          + " as `check-stale` does; exits 1 when one is stale."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TABLE",
      description = "Table to check, e.g. blog-fc.")
  String table;

  @Option(
      names = "--stale",
      description =
          "Check every stored trial's fingerprint against the current code instead (see check-stale).")
  boolean stale;

  @Option(
      names = "--budget",
      defaultValue = "quick",
      description = "Budget to list (default: ${DEFAULT-VALUE}).")
  String budget;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      defaultValue = "0/1",
      description = "Only this shard's trials (default: all).")
  String shard;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Where trial results are kept (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (stale) {
      if (table != null) {
        throw new IllegalArgumentException(
            "check --stale checks every table's stored trials; leave out " + table);
      }
      return CheckStaleCommand.run(
          common.harnessDir, resultsDir, common.validationSize, false, System.out);
    }
    if (table == null) {
      throw new IllegalArgumentException(
          "check needs a TABLE (e.g. check blog-fc), or --stale to check every"
              + " stored trial against the code");
    }
    common.threadSettings(); // the same word about --threads as reproduce
    ResultStore store = new ResultStore(resultsDir, table, budget);
    SweepPreflight checked = SweepPreflight.run(common, table, budget, Shard.parse(shard), store);
    System.out.printf(
        "%s: OK. %s --budget %s: %d trial(s), %d with results, %d to run%n",
        checked.spec().file(),
        table,
        budget,
        checked.trials().size(),
        checked.trials().size() - checked.pending().size(),
        checked.pending().size());
    for (Trial t : checked.pending()) {
      String grid =
          t.params().entrySet().stream()
              .filter(e -> checked.spec().grid().containsKey(e.getKey()))
              .map(Map.Entry::toString)
              .collect(Collectors.joining(" "));
      System.out.printf("  %3d  %-32s %s%n", t.index(), t.id(), grid);
    }
    return 0;
  }
}
