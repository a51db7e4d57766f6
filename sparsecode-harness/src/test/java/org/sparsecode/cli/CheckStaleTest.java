package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.Fingerprint;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/**
 * {@code check-stale} passes on trials whose recorded fingerprint matches the code, fails on one
 * whose graph was built differently, counts trials without a fingerprint as unverified, and passes
 * on the committed results.
 */
class CheckStaleTest {
  @TempDir Path tmp;

  private static final String SPEC =
      """
      table: tiny-fc
      model: fc
      params: {hidden: %d, batch: 10, learning_rate: 0.001, init_stddev: 0.1, bias_init: 0.1, seed: 1}
      budgets:
        quick: {steps: 10, eval_every: 5}
      grid:
        lambda: [0]
      """;

  private SweepSpec spec(Path harness, int hidden) throws Exception {
    Files.createDirectories(harness);
    Files.writeString(harness.resolve("tiny-fc.yaml"), SPEC.formatted(hidden));
    return SweepSpec.load(harness, "tiny-fc");
  }

  private static void store(Path results, Trial trial, Fingerprint fingerprint) throws Exception {
    TrialResult r =
        new TrialResult(
            trial,
            TrialResult.Status.OK,
            "",
            Map.of(Metrics.TEST_ACCURACY, 0.9),
            null,
            fingerprint);
    new ResultStore(results, "tiny-fc", "quick").save(r);
  }

  private static String[] check(Path harness, Path results) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        CheckStaleCommand.run(
            harness, results, 5000, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), bytes.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void matchingFingerprintPassesAndAnotherGraphFails() throws Exception {
    Path harness = tmp.resolve("harness");
    SweepSpec wide = spec(tmp.resolve("other"), 32);
    SweepSpec spec = spec(harness, 16);
    Trial trial = spec.expand("quick").get(0);
    Fingerprint now = new TrialFingerprints(harness, 5000).of(spec, "quick", trial);

    Path results = tmp.resolve("results");
    store(results, trial, now);
    String[] ok = check(harness, results);
    assertEquals("0", ok[0], ok[1]);
    assertTrue(ok[1].contains("1 verified, 0 unverified"), ok[1]);

    // The result as a build of the model with a wider hidden layer would have recorded it, under
    // the
    // same params: what a code change that alters the graph leaves behind.
    Fingerprint widerBuild =
        new TrialFingerprints(harness, 5000).of(wide, "quick", wide.expand("quick").get(0));
    assertNotEquals(now.graph(), widerBuild.graph());
    store(
        results,
        trial,
        new Fingerprint(
            widerBuild.graph(),
            now.params(),
            now.data(),
            now.scheme(),
            now.versions(),
            now.inputs()));
    String[] stale = check(harness, results);
    assertEquals("1", stale[0], stale[1]);
    assertTrue(stale[1].contains("stale      tiny-fc/quick/lambda_0: changed: graph"), stale[1]);
    assertTrue(stale[1].contains("1 stale"), stale[1]);
    // the same through the command line, as `check --stale`
    assertEquals(
        1,
        Main.commandLine()
            .execute(
                "check",
                "--stale",
                "--harness-dir",
                harness.toString(),
                "--results-dir",
                results.toString()));
  }

  @Test
  void aResultWithoutFingerprintIsUnverifiedNotAFailure() throws Exception {
    Path harness = tmp.resolve("harness");
    SweepSpec spec = spec(harness, 16);
    Path results = tmp.resolve("results");
    store(results, spec.expand("quick").get(0), null);
    String[] r = check(harness, results);
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("0 verified, 1 unverified"), r[1]);
  }

  @Test
  void aResultWhoseSweepChangedIsStale() throws Exception {
    Path harness = tmp.resolve("harness");
    SweepSpec old = spec(harness, 16);
    Trial trial = old.expand("quick").get(0);
    Path results = tmp.resolve("results");
    store(results, trial, new TrialFingerprints(harness, 5000).of(old, "quick", trial));
    spec(harness, 24); // the sweep file now asks for another width
    String[] r = check(harness, results);
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("its params differ"), r[1]);
  }

  /** The committed results: none may be stale (the default test run is the CI check). */
  @Test
  void committedResultsAreNotStale() throws Exception {
    String[] r = check(Path.of("harness"), Path.of("results"));
    System.out.print(
        r[1].lines().filter(l -> !l.startsWith("unverified")).reduce("", (a, b) -> a + b + "\n"));
    assertEquals("0", r[0], r[1]);
  }
}
