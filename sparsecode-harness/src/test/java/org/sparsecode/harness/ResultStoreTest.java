package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  @TempDir Path tmp;

  private final SweepSpec spec = SweepSpec.load(Fakes.BLOG_FC);
  private final List<Trial> trials = spec.expand("quick");

  @Test
  void layoutIsTableBudgetTrials() throws IOException {
    ResultStore store = ResultStore.of(tmp, spec, "quick");
    store.save(Fakes.result(trials.get(1)));
    assertTrue(Files.isRegularFile(tmp.resolve("blog-fc/quick/trials/lambda_1e-05.yaml")));
    assertEquals(tmp.resolve("blog-fc/quick"), store.dir());
    assertThrows(SpecException.class, () -> ResultStore.of(tmp, spec, "medium"));
  }

  @Test
  void roundTripIsExactIncludingNaNAndInfinity() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    Trial t = trials.get(2);
    Map<String, Double> m = new LinkedHashMap<>();
    double[] values = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0.1 + 0.2,
      1e23,
      2e-308,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -0.0,
      0.0,
      1.0 / 3,
      20000.0,
      123456789.0,
      1e16,
      9.007199254740993E15
    };
    for (int i = 0; i < values.length; i++) {
      m.put("m" + i, values[i]);
    }
    RunProvenance p =
        new RunProvenance(
            "abc-dirty",
            "1.1.0",
            42L,
            "Vendor 17",
            "Linux 6 amd64",
            "Intel(R) Xeon(R): \"x\"",
            8,
            2,
            "2024-05-06T07:08:09.123Z",
            0.1 + 0.7);
    TrialResult r =
        new TrialResult(
            t, TrialResult.Status.DIVERGED, "loss became NaN at step 12\nyes: 'quoted'", m, p);
    store.save(r);
    TrialResult back = store.find(t).orElseThrow();
    assertEquals(r.status(), back.status());
    assertEquals(r.message(), back.message());
    assertEquals(r.provenance(), back.provenance());
    assertEquals(List.copyOf(m.keySet()), List.copyOf(back.metrics().keySet()));
    for (String k : m.keySet()) {
      assertEquals(
          Double.doubleToRawLongBits(m.get(k)),
          Double.doubleToRawLongBits(back.metrics().get(k)),
          k);
    }
    assertEquals(t, back.trial());
    // the stored trial (read without a spec) also round-trips
    TrialResult stored = store.readAll().get(0);
    assertEquals(t.id(), stored.trial().id());
    assertEquals(t.index(), stored.trial().index());
    assertEquals(t.params(), stored.trial().params());
    assertEquals(
        r, new TrialResult(t, back.status(), back.message(), back.metrics(), back.provenance()));
  }

  @Test
  void missingResultIsEmpty() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    assertTrue(store.find(trials.get(0)).isEmpty());
    store.save(Fakes.result(trials.get(0)));
    store.save(Fakes.result(trials.get(5)));
    assertEquals(
        List.of(0, 5), store.loadAll(trials).stream().map(r -> r.trial().index()).toList());
  }

  @Test
  void corruptOrTruncatedFileNamesFileAndFix() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    Trial t = trials.get(0);
    store.save(Fakes.result(t));
    Path f = store.fileFor(t.id());
    String good = Files.readString(f);
    for (String bad :
        List.of(
            good.substring(0, good.length() / 2),
            "",
            "metrics: [unclosed\n",
            good.replace("status: OK", "status: MAYBE"),
            good.replace("test_accuracy: ", "test_accuracy: x"))) {
      Files.writeString(f, bad);
      HarnessException e = assertThrows(HarnessException.class, () -> store.find(t));
      assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("delete it to rerun that trial"), e.getMessage());
    }
  }

  @Test
  void resultFromAnEditedSpecIsNotReused() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    Trial t = trials.get(1);
    store.save(Fakes.result(t));
    Map<String, Object> edited = new LinkedHashMap<>(t.params());
    edited.put("batch", 50);
    Trial changed = new Trial(t.table(), t.index(), t.id(), edited);
    HarnessException e = assertThrows(HarnessException.class, () -> store.find(changed));
    assertTrue(e.getMessage().contains("batch: stored 100, now 50"), e.getMessage());
    assertTrue(e.getMessage().contains("delete that file"), e.getMessage());
    // a value written differently but numerically equal is the same trial
    Map<String, Object> same = new LinkedHashMap<>(t.params());
    same.put("hidden", 784.0);
    assertTrue(store.find(new Trial(t.table(), t.index(), t.id(), same)).isPresent());
  }

  @Test
  void savingNeverLeavesTemporaryFiles() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    for (Trial t : trials) {
      store.save(Fakes.result(t));
    }
    try (Stream<Path> s = Files.list(store.trialsDir())) {
      assertEquals(7, s.count());
    }
  }

  @Test
  void mergeOfShardStoresEqualsOneStore() throws IOException {
    ResultStore whole = new ResultStore(tmp.resolve("whole"), "blog-fc", "quick");
    for (Trial t : trials) {
      whole.save(Fakes.result(t));
    }
    List<Path> shardRoots = new java.util.ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Path root = tmp.resolve("shard" + k);
      ResultStore s = new ResultStore(root, "blog-fc", "quick");
      for (Trial t : new Shard(k, 3).select(trials)) {
        s.save(Fakes.result(t));
      }
      shardRoots.add(k == 0 ? root : s.dir()); // both a results root and a store folder work
    }
    ResultStore merged = new ResultStore(tmp.resolve("merged"), "blog-fc", "quick");
    ResultStore.MergeReport report = merged.merge(shardRoots);
    assertEquals(7, report.copied().size());
    assertEquals(0, report.duplicates().size());
    assertEquals(whole.loadAll(trials), merged.loadAll(trials));
    // merging again: everything is an identical duplicate
    ResultStore.MergeReport again = merged.merge(shardRoots);
    assertEquals(0, again.copied().size());
    assertEquals(7, again.duplicates().size());
    assertTrue(again.toString().contains("7 identical duplicate(s)"), again.toString());
  }

  @Test
  void mergeConflictNamesBothFilesAndCopiesNothing() throws IOException {
    ResultStore a = new ResultStore(tmp.resolve("a"), "blog-fc", "quick");
    ResultStore b = new ResultStore(tmp.resolve("b"), "blog-fc", "quick");
    a.save(Fakes.result(trials.get(0)));
    b.save(Fakes.result(trials.get(1)));
    TrialResult r = Fakes.result(trials.get(0));
    Map<String, Double> m = new LinkedHashMap<>(r.metrics());
    m.put(Metrics.TEST_ACCURACY, 0.5);
    b.save(new TrialResult(r.trial(), r.status(), "", m, r.provenance()));
    ResultStore merged = new ResultStore(tmp.resolve("merged"), "blog-fc", "quick");
    HarnessException e =
        assertThrows(HarnessException.class, () -> merged.merge(List.of(a.dir(), b.dir())));
    assertTrue(e.getMessage().contains(a.fileFor("lambda_0").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(b.fileFor("lambda_0").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("test_accuracy 0.98 vs 0.5"), e.getMessage());
    assertFalse(Files.exists(merged.fileFor("lambda_1e-05")));
    // identical metrics with other provenance are not a conflict
    ResultStore c = new ResultStore(tmp.resolve("c"), "blog-fc", "quick");
    RunProvenance otherMachine =
        new RunProvenance("def", "1.1.0", 1, "j", "o", "c", 1, 1, "2025-01-01T00:00:00Z", 9);
    c.save(new TrialResult(r.trial(), r.status(), "", r.metrics(), otherMachine));
    assertEquals(1, merged.merge(List.of(a.dir(), c.dir())).duplicates().size());
  }

  @Test
  void mergeRejectsFoldersWithoutResults() {
    ResultStore merged = new ResultStore(tmp.resolve("merged"), "blog-fc", "quick");
    HarnessException e =
        assertThrows(HarnessException.class, () -> merged.merge(List.of(tmp.resolve("nowhere"))));
    assertTrue(e.getMessage().contains("holds no results of blog-fc/quick"), e.getMessage());
  }

  @Test
  void mergeKeepsOneCopyOfARerunThatDiffersOnlyInTimingAndMemory() throws IOException {
    ResultStore a = new ResultStore(tmp.resolve("a"), "blog-fc", "quick");
    ResultStore b = new ResultStore(tmp.resolve("b"), "blog-fc", "quick");
    TrialResult r = Fakes.result(trials.get(0));
    Map<String, Double> m = new LinkedHashMap<>(r.metrics());
    m.put(Metrics.WALL_SECONDS, 1.0);
    m.put(Metrics.RSS_MIB_END, 700.0);
    a.save(new TrialResult(r.trial(), r.status(), "", m, r.provenance()));
    Map<String, Double> rerun = new LinkedHashMap<>(m);
    rerun.put(Metrics.WALL_SECONDS, 2.5);
    rerun.put(Metrics.STEPS_PER_SECOND, 99.0);
    rerun.put(Metrics.RSS_MIB_END, 731.0);
    b.save(new TrialResult(r.trial(), r.status(), "", rerun, r.provenance()));
    ResultStore merged = new ResultStore(tmp.resolve("merged"), "blog-fc", "quick");
    ResultStore.MergeReport report = merged.merge(List.of(a.dir(), b.dir()));
    assertEquals(List.of("lambda_0"), report.copied());
    assertEquals(List.of("lambda_0"), report.reruns());
    assertEquals(List.of(), report.duplicates());
    assertTrue(
        report
            .toString()
            .contains(
                "1 trial(s) ran twice with the same results, differing only in timing"
                    + " and memory metrics, kept once (the copy first seen): lambda_0"),
        report.toString());
    assertEquals(1.0, merged.find(trials.get(0)).orElseThrow().metrics().get(Metrics.WALL_SECONDS));
    // any other metric differing is still a conflict
    rerun.put(Metrics.FINAL_LOSS, 123.0);
    b.save(new TrialResult(r.trial(), r.status(), "", rerun, r.provenance()));
    HarnessException e =
        assertThrows(
            HarnessException.class,
            () ->
                new ResultStore(tmp.resolve("merged2"), "blog-fc", "quick")
                    .merge(List.of(a.dir(), b.dir())));
    assertTrue(e.getMessage().contains("final_loss"), e.getMessage());
    assertFalse(e.getMessage().contains("wall_seconds"), e.getMessage());
  }

  @Test
  void aFailedMergeLeavesNoLockAndNoFolder() {
    Path dest = tmp.resolve("fresh");
    ResultStore merged = new ResultStore(dest, "blog-fc", "quick");
    assertThrows(HarnessException.class, () -> merged.merge(List.of(tmp.resolve("nowhere"))));
    assertFalse(Files.exists(dest), "the merge created " + dest + " and left it");
  }

  @Test
  @SuppressWarnings("try") // the lock is held for its scope only
  void aLockOnAnExistingStoreKeepsItsFileAndFolder() throws IOException {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    store.save(Fakes.result(trials.get(0)));
    try (ResultStore.Lock lock = store.lock()) {
      assertTrue(Files.exists(store.dir().resolve(".lock")));
    }
    assertTrue(Files.exists(store.dir().resolve(".lock")));
    assertTrue(Files.exists(store.fileFor("lambda_0")));
  }

  @Test
  void ioFailuresNameThePathTheCauseAndTheFix() {
    String ro =
        IoFailure.describe(
            null, new java.nio.file.FileSystemException("/r/x", null, "Read-only file system"));
    assertEquals(
        "cannot use /r/x: the file system is read-only; give a folder on a writable disk (e.g."
            + " --results-dir DIR)",
        ro);
    String full =
        IoFailure.describe(Path.of("/r/t.yaml"), new IOException("No space left on device"));
    assertTrue(full.startsWith("cannot use /r/t.yaml: the disk is full; free some space"), full);
    String denied = IoFailure.describe(null, new java.nio.file.AccessDeniedException("/r"));
    assertTrue(denied.startsWith("cannot use /r: permission denied;"), denied);
    assertEquals(
        java.util.Optional.of(full),
        IoFailure.find(
            new RuntimeException(
                IoFailure.of(Path.of("/r/t.yaml"), new IOException("No space left on device")))));
  }
}
