package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner records each new result's fingerprint and, when asked, reruns stale and unverified
 * ones.
 */
class SweepRunnerFingerprintTest {
  @TempDir Path tmp;

  private final SweepSpec spec = SweepSpec.load(Fakes.BLOG_FC);

  private static Fingerprint fingerprint(Trial t, String graph) {
    return new Fingerprint(graph, t.id(), "data", "scheme", "versions", Fingerprint.NONE);
  }

  private List<Integer> run(String graph, boolean rerunStale) throws IOException {
    List<Integer> ran = new ArrayList<>();
    new SweepRunner(
            spec,
            "quick",
            Shard.ALL,
            ResultStore.of(tmp, spec, "quick"),
            t -> {
              ran.add(t.index());
              return Fakes.result(t);
            })
        .fingerprints(t -> fingerprint(t, graph))
        .rerunStale(rerunStale)
        .run();
    return ran;
  }

  @Test
  void recordsFingerprintsAndRerunsOnlyStaleTrialsWhenAsked() throws IOException {
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), run("g1", false));
    ResultStore store = ResultStore.of(tmp, spec, "quick");
    Trial first = spec.expand("quick").get(0);
    assertEquals(fingerprint(first, "g1"), store.find(first).orElseThrow().fingerprint());

    assertEquals(List.of(), run("g1", true)); // nothing stale
    assertEquals(List.of(), run("g2", false)); // stale, but not asked to rerun
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), run("g2", true));
    assertEquals(fingerprint(first, "g2"), store.find(first).orElseThrow().fingerprint());
  }

  @Test
  void mergeReplacesAnUnverifiedResultByTheSameNumbersWithAFingerprint() throws IOException {
    Trial t = spec.expand("quick").get(0);
    ResultStore committed = ResultStore.of(tmp.resolve("committed"), spec, "quick");
    committed.save(Fakes.result(t)); // stored before fingerprints were recorded
    ResultStore rerun = ResultStore.of(tmp.resolve("rerun"), spec, "quick");
    rerun.save(Fakes.result(t).withFingerprint(fingerprint(t, "g1")));
    ResultStore.MergeReport report = committed.merge(List.of(tmp.resolve("rerun")));
    assertEquals(List.of(t.id()), report.copied());
    assertEquals(fingerprint(t, "g1"), committed.find(t).orElseThrow().fingerprint());
    // merging the old copy back changes nothing: the fingerprinted one stays
    ResultStore old = ResultStore.of(tmp.resolve("old"), spec, "quick");
    old.save(Fakes.result(t));
    assertEquals(List.of(t.id()), committed.merge(List.of(tmp.resolve("old"))).duplicates());
    assertEquals(fingerprint(t, "g1"), committed.find(t).orElseThrow().fingerprint());
  }
}
