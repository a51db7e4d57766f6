package org.sparsecode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.report.SweepReports;

/** Writes a sweep's table and figure once every trial has a result. */
final class SweepReporting {
  private SweepReporting() {}

  /**
   * Writes {@code <reports>/<table>.csv}, {@code .md} and the figures under {@code <graphs>} and prints
   * the table when all {@code trials} have results; otherwise says what is missing. Returns the
   * exit code (0 in both cases: an unfinished shard is not an error).
   */
  static int writeIfComplete(
      SweepSpec spec, String budget, List<Trial> trials, ResultStore store, ReportTargets targets,
      String command, PrintStream out) throws IOException {
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
    if (!missing.isEmpty()) {
      out.printf(
          "%d of %d trials of %s have results in %s; still to run: %s.%n"
              + "Run the other shards (or this command again), then join shard folders with"
              + " `./sparsecode merge %s --budget %s DIR...`.%n",
          results.size(), trials.size(), spec.table(), store.dir(), String.join(", ", missing),
          spec.table(), budget);
      return 0;
    }
    Path csv = targets.reportsDir().resolve(spec.table() + ".csv");
    Path md = targets.reportsDir().resolve(spec.table() + ".md");
    Path png = targets.graphsDir().resolve(spec.table() + ".png");
    String markdown =
        SweepReports.forModel(spec.model())
            .write(spec, budget, results, command, csv, md, png, store.dir().resolve("artifacts"));
    out.println();
    out.println(markdown);
    out.printf("Wrote %s, %s and the figures in %s%n", csv, md, targets.graphsDir());
    return 0;
  }
}
