package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.Fingerprint;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.Staleness;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/** Verdicts: the published value against our seeds' range widened by the 95% Wilson interval. */
class SummaryTest {
  @TempDir Path tmp;

  private final SweepSpec spec = SweepSpec.load(Path.of("harness"), "blog-fc");

  private static TrialResult seed(Trial t, double accuracy, Fingerprint f) {
    return new TrialResult(
        t, TrialResult.Status.OK, "", Map.of(Metrics.TEST_ACCURACY, accuracy), null, f);
  }

  private Summary.Row row(double paper, Staleness.State state) {
    Trial t = spec.expand("full").get(1);
    List<TrialResult> seeds = List.of(seed(t, 0.9749, null), seed(t, 0.9761, null));
    Summary.TableResults table =
        new Summary.TableResults(spec, Map.of(t.id(), seeds), Map.of(t.id(), state));
    Summary s =
        new Summary(
            Path.of("harness"), tmp, "full", new TrialFingerprints(Path.of("harness"), 5000));
    return s.number(spec, table, "lambda=1e-05", Metrics.TEST_ACCURACY, paper, seeds);
  }

  @Test
  void meanSdAndTheWidenedRange() {
    Summary.Row r = row(0.9743, Staleness.State.VERIFIED);
    assertEquals(0.9755, r.oursMean(), 1e-12);
    assertEquals(0.000848528, r.oursSd(), 1e-9); // |0.9761 - 0.9749| / sqrt(2)
    assertEquals(2, r.seeds());
    assertEquals(
        0.971646, r.low(), 1e-6); // Wilson low of 0.9749 on 10,000 (see WilsonIntervalTest)
    assertEquals(0.978916, r.high(), 1e-6); // Wilson high of 0.9761 on 10,000
    assertEquals("reproduced", r.verdict());
    assertEquals("+0.12 pt", r.difference());
    assertEquals("false", r.stale());
  }

  @Test
  void outsideTheRangeIsAboveOrBelow() {
    Summary.Row above = row(0.9702, Staleness.State.UNVERIFIED);
    assertEquals("above", above.verdict());
    assertEquals("+0.53 pt", above.difference());
    assertEquals("unverified", above.stale());
    Summary.Row below = row(0.9800, Staleness.State.STALE);
    assertEquals("below", below.verdict());
    assertEquals("-0.45 pt", below.difference());
    assertEquals("true", below.stale());
  }

  @Test
  void countsOpenTheMarkdown() {
    String counts =
        SummaryReport.counts(
            List.of(
                row(0.9743, Staleness.State.VERIFIED),
                row(0.9702, Staleness.State.UNVERIFIED),
                row(0.98, Staleness.State.VERIFIED)));
    assertTrue(
        counts.startsWith(
            "**3 published numbers: 1 reproduced, 1 above, 1 below, 0 not measured.**"),
        counts);
    assertTrue(
        counts.contains("on an unverified trial (stored before fingerprints were recorded): 1"),
        counts);
  }

  @Test
  void theHeadlineTableCountsEachTableAndAll() {
    Summary.Row number = row(0.9743, Staleness.State.VERIFIED); // blog-fc, reproduced
    Summary.Row claim =
        new Summary.Row(
            "Doc 001: One-vs-Rest",
            "ovr-sphere",
            "a claim",
            "a check",
            null,
            1.0,
            null,
            3,
            null,
            null,
            "fails",
            "false",
            "",
            "");
    Summary.Row unmeasured =
        new Summary.Row(
            "Doc 001: One-vs-Rest",
            "ovr-sphere",
            "another",
            "a check",
            null,
            null,
            null,
            0,
            null,
            null,
            "not measured",
            "",
            "",
            "");
    assertEquals(
        "| table | document | published numbers | reproduced | above | below | claims | hold | fail"
            + " | not measured |\n"
            + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
            + "| `blog-fc` | Doc 000 (a) | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |\n"
            + "| `ovr-sphere` | Doc 001 | 0 | 0 | 0 | 0 | 2 | 0 | 1 | 1 |\n"
            + "| all |  | 2 | 1 | 1 | 0 | 2 | 0 | 1 | 1 |\n",
        SummaryReport.byTable(
            List.of(number, claim, row(0.9702, Staleness.State.VERIFIED), unmeasured)));
  }
}
