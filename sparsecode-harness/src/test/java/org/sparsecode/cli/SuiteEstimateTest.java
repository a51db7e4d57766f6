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
  void ownTimesScaledTimesAndTheMeanRate() throws Exception {
    // blog-fc: 7 trials, quick 2,000 steps, full 20,000 steps.
    store("full", 0, 100);
    store("full", 1, 60);
    store("quick", 1, 9);
    SuiteEstimate.Table quick = SuiteEstimate.of(fc, "quick", tmp);
    // trial 0 scaled from full: 100 / 10; trial 1 its own 9; trials 2..6 at the mean rate over all
    // three stored trials, (100 + 60 + 9) s / (20,000 + 20,000 + 2,000) steps, times 2,000 steps.
    double mean = 169.0 / 42000 * 2000;
    assertEquals(10 + 9 + 5 * mean, quick.wholeSeconds(), 1e-9);
    assertEquals(10 + 5 * mean, quick.remainingSeconds(), 1e-9);
    assertEquals(1, quick.done());
    assertEquals(1, quick.measured());

    SuiteEstimate.Table full = SuiteEstimate.of(fc, "full", tmp);
    // trials 2..6 have no result at any budget: the mean rate at 20,000 steps.
    assertEquals(100 + 60 + 5 * (169.0 / 42000 * 20000), full.wholeSeconds(), 1e-9);
  }

  @Test
  void nothingStoredIsUnknownNotZero() throws Exception {
    SuiteEstimate.Table t = SuiteEstimate.of(fc, "full", tmp);
    assertTrue(Double.isNaN(t.wholeSeconds()));
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
    return new SuiteEstimate.Table(name, "full", 1, 0, seconds, seconds, 0, "test");
  }
}
