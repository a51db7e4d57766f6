package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Staleness;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the tables that can be regenerated, their budgets and how far each sweep has got. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the tables, their budgets, how many trials of each have results, and how long"
            + " `reproduce all` would take at each budget (from the stored trials' wall times).")
final class ListCommand implements Callable<Integer> {
  @Option(
      names = "--harness-dir",
      paramLabel = "DIR",
      defaultValue = "harness",
      description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Where trial results are kept (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--trials", description = "Also list every trial id and its parameters.")
  boolean trials;

  @Override
  public Integer call() throws Exception {
    List<SweepSpec> specs = SweepSpec.listTables(harnessDir);
    if (specs.isEmpty()) {
      throw new IllegalArgumentException(
          "no sweep files (*.yaml) in "
              + harnessDir.toAbsolutePath()
              + "; run from the repository root or pass --harness-dir");
    }
    // Only trials with a recorded fingerprint have their graphs built, so list stays quick.
    TrialFingerprints fingerprints = new TrialFingerprints(harnessDir, 5000);
    for (SweepSpec spec : specs) {
      System.out.printf("%s  (%s)%n  %s%n", spec.table(), spec.document(), spec.title());
      for (String budget : spec.budgets().keySet()) {
        List<Trial> all = spec.expand(budget);
        ResultStore store = new ResultStore(resultsDir, spec.table(), budget);
        long done = 0;
        for (Trial t : all) {
          if (java.nio.file.Files.exists(store.fileFor(t.id()))) {
            done++;
          }
        }
        List<Staleness.Entry> standing = Staleness.scan(spec, budget, store, fingerprints, false);
        Map<Staleness.State, Integer> counts = Staleness.counts(standing);
        System.out.printf(
            "  --budget %-6s %d trials of %d steps, %d with results%s%n",
            budget,
            all.size(),
            spec.steps(budget),
            done,
            standing.isEmpty()
                ? ""
                : String.format(
                    " (%d verified, %d unverified, %d STALE)",
                    counts.get(Staleness.State.VERIFIED),
                    counts.get(Staleness.State.UNVERIFIED),
                    counts.get(Staleness.State.STALE)));
        for (Staleness.Entry e : standing) {
          if (e.state() == Staleness.State.STALE
              || (trials && e.state() == Staleness.State.UNVERIFIED)) {
            System.out.printf(
                "    %-10s %s%s%n",
                e.state().name().toLowerCase(java.util.Locale.ROOT),
                e.trial(),
                e.why().isEmpty() ? "" : ": " + e.why());
          }
        }
      }
      if (trials) {
        for (Trial t : spec.expand(spec.budgets().keySet().iterator().next())) {
          System.out.printf("    %-16s %s%n", t.id(), t.params());
        }
      }
    }
    for (String budget : List.of("quick", "full")) {
      System.out.printf(
          "%nreproduce all --budget %s, estimated from the stored trials' wall times:%n", budget);
      SuiteEstimate.print(SuiteEstimate.all(specs, budget, resultsDir), System.out);
    }
    return 0;
  }
}
