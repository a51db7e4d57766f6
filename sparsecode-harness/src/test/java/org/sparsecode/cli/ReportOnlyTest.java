package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce --report-only} writes a report from stored trials and trains nothing. */
class ReportOnlyTest {
  @TempDir Path tmp;

  private static String sphere(String seeds) {
    return """
        table: ovr-sphere
        model: ovr_sphere
        params:
          points: 200
          lambda: 0
          learning_rate: 0.01
          batch: 16
          seed: 1
        %s
        budgets:
          tiny: {steps: 20, eval_every: 10}
        grid:
          hidden: [8]
          partitions: [4, 256]
        """
        .formatted(seeds);
  }

  private String run(Path harness, String... extra) {
    String[] base = {
      "reproduce",
      "ovr-sphere",
      "--budget",
      "tiny",
      "--no-progress",
      "--harness-dir",
      harness.toString(),
      "--results-dir",
      tmp.resolve("results").toString(),
      "--reports-dir",
      tmp.resolve("reports").toString(),
      "--graphs-dir",
      tmp.resolve("graphs").toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return ReproduceAllTest.captured(args);
  }

  @Test
  void laterSeedsStillToRunAreNamedAndNothingTrains() throws Exception {
    Path harness = Files.createDirectories(tmp.resolve("harness"));
    Path sweep = harness.resolve("ovr-sphere.yaml");
    Path md = tmp.resolve("reports").resolve("ovr-sphere.md");

    // Nothing stored yet: no report, and the trials still to run are named.
    Files.writeString(sweep, sphere("seeds: [1]"));
    String none = run(harness, "--report-only");
    assertTrue(none.contains("0 of 2 trials of ovr-sphere have results"), none);
    assertFalse(Files.exists(md));

    run(harness); // the first seed's two trials
    Files.writeString(sweep, sphere("seeds: [1, 2]"));
    String out = run(harness, "--report-only");
    assertTrue(out.contains("2 trial(s) of later seeds still to run"), out);
    assertFalse(out.contains("training"), out);
    String report = Files.readString(md);
    assertTrue(
        report.contains(
            "Seeds still to run: 2 trial(s) (hidden_8__partitions_4__seed_2,"
                + " hidden_8__partitions_256__seed_2)"),
        report);
    assertTrue(report.contains("--report-only"), report);
    assertFalse(
        Files.exists(
            tmp.resolve("results/ovr-sphere/tiny/trials/hidden_8__partitions_4__seed_2.yaml")));
  }
}
