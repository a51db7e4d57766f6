package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
  @TempDir Path tmp;

  private final SweepSpec spec = SweepSpec.load(Fakes.BLOG_FC);

  /** Records the trial indices an executor was asked to run. */
  private static final class Recorder implements TrialExecutor {
    final List<Integer> ran = new ArrayList<>();
    final int failAt;

    Recorder(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public TrialResult run(Trial trial) throws IOException {
      if (trial.index() == failAt) {
        throw new IOException("disk full.");
      }
      ran.add(trial.index());
      return Fakes.result(trial);
    }
  }

  private SweepRunner runner(Path root, Shard shard, TrialExecutor ex) {
    return new SweepRunner(spec, "quick", shard, ResultStore.of(root, spec, "quick"), ex);
  }

  @Test
  void failureKeepsFinishedTrialsAndRerunResumes() throws IOException {
    Recorder first = new Recorder(3); // the 4th trial throws
    HarnessException e =
        assertThrows(
            HarnessException.class, () -> runner(tmp.resolve("r"), Shard.ALL, first).run());
    assertTrue(e.getMessage().contains("trial lambda_0.0001 (4 of 7) failed"), e.getMessage());
    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    assertTrue(e.getMessage().contains("run the same command again to resume"), e.getMessage());
    assertFalse(e.getMessage().contains(".."), "a cause ending in a full stop gets no second one");
    assertEquals(List.of(0, 1, 2), first.ran);
    ResultStore store = ResultStore.of(tmp.resolve("r"), spec, "quick");
    List<Trial> trials = spec.expand("quick");
    assertEquals(
        List.of(0, 1, 2), store.loadAll(trials).stream().map(r -> r.trial().index()).toList());

    Recorder second = new Recorder(-1);
    List<String> events = new ArrayList<>();
    SweepRunner.Summary s =
        runner(tmp.resolve("r"), Shard.ALL, second)
            .listener(
                new SweepRunner.Listener() {
                  @Override
                  public void skipped(Trial t, TrialResult r, int i, int n) {
                    events.add("skip " + i + "/" + n);
                  }

                  @Override
                  public void starting(Trial t, int i, int n) {
                    events.add("start " + i + "/" + n);
                  }

                  @Override
                  public void finished(Trial t, TrialResult r, int i, int n) {
                    events.add("done " + i + "/" + n);
                  }
                })
            .run();
    assertEquals(List.of(3, 4, 5, 6), second.ran);
    assertEquals(
        List.of(
            "skip 1/7",
            "skip 2/7",
            "skip 3/7",
            "start 4/7",
            "done 4/7",
            "start 5/7",
            "done 5/7",
            "start 6/7",
            "done 6/7",
            "start 7/7",
            "done 7/7"),
        events);
    assertEquals(7, s.total());
    assertEquals(4, s.executed());
    assertEquals(3, s.skipped());

    SweepRunner.Summary uninterrupted = runner(tmp.resolve("u"), Shard.ALL, new Recorder(-1)).run();
    assertEquals(uninterrupted.results(), s.results());
    assertEquals(
        ResultStore.of(tmp.resolve("u"), spec, "quick").loadAll(trials), store.loadAll(trials));

    // a third run has nothing left to do
    Recorder third = new Recorder(-1);
    assertEquals(7, runner(tmp.resolve("r"), Shard.ALL, third).run().skipped());
    assertEquals(List.of(), third.ran);
  }

  @Test
  void divergedTrialIsStoredAndTheSweepGoesOn() throws IOException {
    TrialExecutor ex =
        t -> {
          if (t.index() == 6) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(Metrics.FINAL_LOSS, Double.NaN);
            return new TrialResult(
                t, TrialResult.Status.DIVERGED, "loss is NaN at step 300", m, Fakes.PROVENANCE);
          }
          return Fakes.result(t);
        };
    SweepRunner.Summary s = runner(tmp, new Shard(0, 3), ex).run();
    assertEquals(List.of(0, 3, 6), s.results().stream().map(r -> r.trial().index()).toList());
    assertEquals(1, s.diverged());
    TrialResult stored =
        ResultStore.of(tmp, spec, "quick").find(spec.expand("quick").get(6)).orElseThrow();
    assertEquals(TrialResult.Status.DIVERGED, stored.status());
    assertTrue(Double.isNaN(stored.metric(Metrics.FINAL_LOSS)));
  }

  @Test
  void shardsRunTheirOwnTrialsAndMergeToTheWhole() throws IOException {
    List<Path> roots = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Path root = tmp.resolve("shard" + k);
      runner(root, new Shard(k, 3), new Recorder(-1)).run();
      roots.add(root);
    }
    ResultStore merged = ResultStore.of(tmp.resolve("merged"), spec, "quick");
    merged.merge(roots);
    runner(tmp.resolve("whole"), Shard.ALL, new Recorder(-1)).run();
    List<Trial> trials = spec.expand("quick");
    assertEquals(
        ResultStore.of(tmp.resolve("whole"), spec, "quick").loadAll(trials),
        merged.loadAll(trials));
    assertEquals(7, merged.loadAll(trials).size());
  }

  @Test
  void corruptStoredResultStopsBeforeAnyTraining() throws IOException {
    ResultStore store = ResultStore.of(tmp, spec, "quick");
    Trial last = spec.expand("quick").get(6);
    store.save(Fakes.result(last));
    java.nio.file.Files.writeString(store.fileFor(last.id()), "metrics: {");
    Recorder r = new Recorder(-1);
    HarnessException e =
        assertThrows(HarnessException.class, () -> runner(tmp, Shard.ALL, r).run());
    assertTrue(e.getMessage().contains("delete it to rerun that trial"), e.getMessage());
    assertEquals(List.of(), r.ran);
  }

  @Test
  void executorReturningAnotherTrialIsAnError() {
    List<Trial> trials = spec.expand("quick");
    TrialExecutor wrong = t -> Fakes.result(trials.get((t.index() + 1) % 7));
    HarnessException e =
        assertThrows(HarnessException.class, () -> runner(tmp, Shard.ALL, wrong).run());
    assertTrue(e.getMessage().contains("bug in the executor"), e.getMessage());
  }
}
