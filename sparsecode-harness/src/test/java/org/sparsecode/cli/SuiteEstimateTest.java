package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

class SuiteEstimateTest {
  @TempDir Path tmp;

  private static final RunProvenance PROVENANCE =
      new RunProvenance(
          "0123abc", "1.1.0", 1, "jvm", "os", "cpu", 2, 1, "2024-01-01T00:00:00Z", 1.5);

  private final SweepSpec fc = SweepSpec.load(Path.of("harness", "blog-fc.yaml"));

  private void store(String budget, int trialIndex, double wallSeconds) throws Exception {
    Trial t = fc.expand(budget).get(trialIndex);
    ResultStore.of(tmp, fc, budget)
        .save(
            new TrialResult(
                t, TrialResult.Status.OK, "", Map.of("wall_seconds", wallSeconds), PROVENANCE));
  }

  @Test
  void ownTimesScaledTimesOtherSeedsAndTheMeanRate() throws Exception {
    // blog-fc: 7 lambdas x seeds 1, 2, 3 (trial i + 7 is trial i at seed 2, i + 14 at seed 3);
    // quick 2,000 steps, full 20,000 steps.
    store("full", 0, 100);
    store("full", 1, 60);
    store("quick", 1, 9);
    store("full", 9, 70); // lambda 5e-5 at seed 2
    SuiteEstimate.Table quick = SuiteEstimate.of(fc, "quick", tmp);
    // lambda 0: all three seeds from full seed 1, 100 / 10; lambda 1e-5: seed 1 its own 9, seeds 2
    // and 3 borrow it (this budget beats a scaled time); lambda 5e-5: seed 2 scaled from full,
    // 70 / 10, and seeds 1 and 3 borrow that; lambdas 1e-4 .. 2.7e-3 (12 trials): the mean rate
    // over all four stored trials, (100 + 60 + 9 + 70) s / (3 x 20,000 + 2,000) steps x 2,000.
    double mean = 239.0 / 62000 * 2000;
    assertEquals(3 * 10 + 3 * 9 + 3 * 7 + 12 * mean, quick.wholeSeconds(), 1e-9);
    assertEquals(3 * 10 + 2 * 9 + 3 * 7 + 12 * mean, quick.remainingSeconds(), 1e-9);
    // one seed: the seed-1 trials only, lambdas 0, 1e-5 and 5e-5 and the 4 at the mean rate
    assertEquals(10 + 9 + 7 + 4 * mean, quick.firstSeedSeconds(), 1e-9);
    assertEquals(1, quick.done());
    assertEquals(1, quick.measured());
    assertEquals(
        "1 measured at this budget, 2 scaled by steps from another budget,"
            + " 6 from the same grid point at another seed, 12 at the table's mean time per step",
        quick.basis());

    SuiteEstimate.Table full = SuiteEstimate.of(fc, "full", tmp);
    // seeds 2 and 3 of lambdas 0 and 1e-5 and seeds 1 and 3 of 5e-5 borrow their seed's full time;
    // the other 12 trials have no result at any seed: the mean rate at 20,000 steps.
    assertEquals(
        3 * 100 + 3 * 60 + 3 * 70 + 12 * (239.0 / 62000 * 20000), full.wholeSeconds(), 1e-9);
    assertEquals(3, full.measured());
  }

  @Test
  void oneSeedCountsTheFirstSeedWhenSeedsAreAGridKey() throws Exception {
    // ovr-sphere: 6 widths x 4 partition counts x seed [1, 2, 3] in its grid; one stored trial
    // of 30 s sets every trial's time (its own, or the same rate per step).
    SweepSpec sphere = SweepSpec.load(Path.of("harness", "ovr-sphere.yaml"));
    Trial t = sphere.expand("full").get(0);
    ResultStore.of(tmp, sphere, "full")
        .save(
            new TrialResult(
                t, TrialResult.Status.OK, "", Map.of("wall_seconds", 30.0), PROVENANCE));
    SuiteEstimate.Table full = SuiteEstimate.of(sphere, "full", tmp);
    assertEquals(72 * 30, full.wholeSeconds(), 1e-9);
    assertEquals(24 * 30, full.firstSeedSeconds(), 1e-9);
  }

  @Test
  void nothingStoredIsUnknownNotZero() throws Exception {
    SuiteEstimate.Table t = SuiteEstimate.of(fc, "full", tmp);
    assertTrue(Double.isNaN(t.wholeSeconds()));
    assertTrue(Double.isNaN(t.firstSeedSeconds()));
    assertEquals("unknown", SuiteEstimate.duration(t.wholeSeconds()));
    assertEquals("1h01m", SuiteEstimate.duration(3690));
    assertEquals("2m05s", SuiteEstimate.duration(125));
  }

  @Test
  void aTableRunsAfterTheTableWhoseCodesItReads() throws Exception {
    SweepSpec linked = SweepSpec.load(Path.of("harness", "lca-linked.yaml"));
    SweepSpec table1 = SweepSpec.load(Path.of("harness", "linked-table1.yaml"));
    // Even when the reader looks cheaper, it waits for lca-linked.
    Map<String, SuiteEstimate.Table> estimates =
        Map.of(
            "blog-fc", table("blog-fc", 300),
            "lca-linked", table("lca-linked", 4000),
            "linked-table1", table("linked-table1", 10));
    List<String> order =
        ReproduceAll.order(List.of(table1, linked, fc), estimates).stream()
            .map(SweepSpec::table)
            .toList();
    assertEquals(List.of("blog-fc", "lca-linked", "linked-table1"), order);
  }

  private static SuiteEstimate.Table table(String name, double seconds) {
    return new SuiteEstimate.Table(name, "full", 1, 0, seconds, seconds, seconds, 0, "test");
  }
}
