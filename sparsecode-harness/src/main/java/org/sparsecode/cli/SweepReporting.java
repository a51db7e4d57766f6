package org.sparsecode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.data.Mnist;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Staleness;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.report.SweepReports;

/** Writes a sweep's table and figure once every trial has a result. */
final class SweepReporting {
  private SweepReporting() {}

  /**
   * One line saying whether any row rests on a stale or unverified trial (fingerprints checked as
   * `check-stale` does, for the default validation split).
   */
  static String standing(SweepSpec spec, String budget, ResultStore store) throws IOException {
    List<Staleness.Entry> entries =
        Staleness.scan(
            spec,
            budget,
            store,
            new TrialFingerprints(spec.file().getParent(), Mnist.DEFAULT_VALIDATION_SIZE),
            false);
    Map<Staleness.State, Integer> counts = Staleness.counts(entries);
    List<String> stale =
        entries.stream()
            .filter(e -> e.state() == Staleness.State.STALE)
            .map(Staleness.Entry::trial)
            .toList();
    return String.format(
        java.util.Locale.ROOT,
        "Fingerprints: %d of %d trials verified against the current code, %d unverified (stored before"
            + " fingerprints were recorded), %d stale%s.",
        counts.get(Staleness.State.VERIFIED),
        entries.size(),
        counts.get(Staleness.State.UNVERIFIED),
        counts.get(Staleness.State.STALE),
        stale.isEmpty()
            ? ""
            : " ("
                + String.join(", ", stale)
                + "; their rows may not match the code: rerun"
                + " with --rerun-stale)");
  }

  /** The compact table of the columns a reader compares, then the report's findings. */
  static void printSummary(SweepSpec spec, String table, String report, PrintStream out) {
    TerminalSummary.table(spec, table).forEach(out::println);
    List<String> findings = TerminalSummary.findings(report);
    if (!findings.isEmpty()) {
      out.println();
      findings.forEach(out::println);
    }
  }

  /**
   * Writes {@code <reports>/<table>.csv}, {@code .md} and the figures under {@code <graphs>} and
   * prints a compact table and the findings when all {@code trials} have results; otherwise says
   * what is missing. Returns the exit code (0 in both cases: an unfinished shard is not an error).
   */
  static int writeIfComplete(
      SweepSpec spec,
      String budget,
      List<Trial> trials,
      ResultStore store,
      ReportTargets targets,
      String command,
      PrintStream out)
      throws IOException {
    List<TrialResult> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Trial trial : trials) {
      Optional<TrialResult> r = store.find(trial);
      if (r.isPresent()) {
        results.add(r.get());
      } else {
        missing.add(trial.id());
      }
    }
    // Every grid point's first seed stored, only later seeds missing: the report covers the seeds
    // there are and names the ones still to run, so a table's findings need not wait for them.
    List<String> laterSeeds =
        missing.stream().filter(id -> !SweepSpec.pointId(id).equals(id)).toList();
    if (!missing.isEmpty() && laterSeeds.size() < missing.size()) {
      out.printf(
          "%d of %d trials of %s have results in %s; still to run: %s.%n"
              + "Run the other shards (or this command again), then join shard folders with"
              + " `./sparsecode merge %s --budget %s DIR...`.%n",
          results.size(),
          trials.size(),
          spec.table(),
          store.dir(),
          String.join(", ", missing),
          spec.table(),
          budget);
      return 0;
    }
    Path csv = targets.reportsDir().resolve(spec.table() + ".csv");
    Path md = targets.reportsDir().resolve(spec.table() + ".md");
    Path png = targets.graphsDir().resolve(spec.table() + ".png");
    ReportRollback previous =
        ReportRollback.snapshot(spec.table(), targets.reportsDir(), targets.graphsDir());
    String markdown;
    String report;
    String standing;
    try {
      markdown =
          SweepReports.forModel(spec.model())
              .write(
                  spec, budget, results, command, csv, md, png, store.dir().resolve("artifacts"));
      standing = standing(spec, budget, store);
      if (!laterSeeds.isEmpty()) {
        standing =
            String.format(
                java.util.Locale.ROOT,
                "Seeds still to run: %d trial(s) (%s); every grid point's first seed is stored, and"
                    + " the means and spreads above are over the seeds stored (`./sparsecode"
                    + " reproduce %s --budget %s` runs the rest). %s",
                laterSeeds.size(),
                String.join(", ", laterSeeds),
                spec.table(),
                budget,
                standing);
        out.printf(
            "%d trial(s) of later seeds still to run (%s); writing the report over the seeds"
                + " stored. `./sparsecode reproduce %s --budget %s` runs the rest.%n",
            laterSeeds.size(), String.join(", ", laterSeeds), spec.table(), budget);
      }
      report = java.nio.file.Files.readString(md);
      java.nio.file.Files.writeString(md, report.stripTrailing() + "\n\n" + standing + "\n");
    } catch (IOException | RuntimeException e) {
      previous.restore();
      throw e;
    }
    out.println();
    printSummary(spec, markdown, report, out);
    out.println();
    out.println(standing);
    out.printf("Full report: %s (every column: %s; figures in %s)%n", md, csv, targets.graphsDir());
    return 0;
  }
}
