package org.sparsecode.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.Staleness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks every stored trial against the current code and sweep files by its fingerprint, building
 * the graphs without training. Fails when any trial is stale, so a change that would alter
 * committed numbers without a rerun is caught.
 */
@Command(
    name = "check-stale",
    mixinStandardHelpOptions = true,
    description = {
      "Check every stored trial under the results folder against the current code and sweep files:"
          + " rebuild each trial's graphs (no training) and compare the fingerprint with the one"
          + " recorded in its result. Exits 1 when a trial is stale; trials recorded before"
          + " fingerprints existed count as unverified, which does not fail."
    })
final class CheckStaleCommand implements Callable<Integer> {
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

  @Option(
      names = "--validation-size",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "The validation split size the trials were run with (default: ${DEFAULT-VALUE}).")
  int validationSize;

  @Option(
      names = "--verbose",
      description = "Print every trial's standing, not only the stale ones.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    return run(harnessDir, resultsDir, validationSize, verbose, System.out);
  }

  /** Prints the standing and returns 0, or 1 when a trial is stale. */
  static int run(
      Path harnessDir, Path resultsDir, int validationSize, boolean verbose, PrintStream out)
      throws Exception {
    long start = System.nanoTime();
    List<Staleness.Entry> entries =
        Staleness.scan(
            harnessDir, resultsDir, new TrialFingerprints(harnessDir, validationSize), true);
    for (Staleness.Entry e : entries) {
      if (verbose || e.state() == Staleness.State.STALE) {
        out.printf(
            "%-10s %s/%s/%s%s%n",
            e.state().name().toLowerCase(java.util.Locale.ROOT),
            e.table(),
            e.budget(),
            e.trial(),
            e.why().isEmpty() ? "" : ": " + e.why());
      }
    }
    Map<Staleness.State, Integer> counts = Staleness.counts(entries);
    out.printf(
        java.util.Locale.ROOT,
        "%d stored trial(s) in %s: %d verified, %d unverified (stored before fingerprints were recorded;"
            + " rerun to verify), %d stale (%.1f s)%n",
        entries.size(),
        resultsDir,
        counts.get(Staleness.State.VERIFIED),
        counts.get(Staleness.State.UNVERIFIED),
        counts.get(Staleness.State.STALE),
        (System.nanoTime() - start) / 1e9);
    if (counts.get(Staleness.State.STALE) > 0) {
      out.println(
          "Stale trials no longer match the code or the sweep files. Rerun them with"
              + " `./sparsecode reproduce TABLE --budget BUDGET --rerun-stale`, or restore what changed.");
      return Main.EXIT_FAILURE;
    }
    return 0;
  }
}
