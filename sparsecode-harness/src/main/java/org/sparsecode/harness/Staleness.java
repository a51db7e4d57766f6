package org.sparsecode.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Whether stored trials still match the code and the sweep files: each stored result's recorded
 * fingerprint against the one {@link Fingerprints} gives its trial now.
 */
public final class Staleness {
  private Staleness() {}

  /** The standing of one stored result. */
  public enum State {
    /** Its recorded fingerprint equals the current one. */
    VERIFIED,
    /** Stored without a fingerprint (made before fingerprints were recorded): rerun to verify. */
    UNVERIFIED,
    /** Its fingerprint, its params or its place in the sweep file no longer match: rerun it. */
    STALE
  }

  /** One stored trial's standing; {@code why} says what changed for a stale one. */
  public record Entry(String table, String budget, String trial, State state, String why) {}

  /** The standing of a stored result whose trial the current sweep gives as {@code current}. */
  public static State of(TrialResult stored, Fingerprint current) {
    if (stored.fingerprint() == null) {
      return State.UNVERIFIED;
    }
    return stored.fingerprint().equals(current) ? State.VERIFIED : State.STALE;
  }

  /**
   * Every stored trial under {@code resultsDir} of the tables in {@code harnessDir}, table by
   * table. With {@code buildAll}, the graphs of unverified trials are built too (their standing
   * does not need it, but it shows every stored trial's graph still builds).
   */
  public static List<Entry> scan(
      Path harnessDir, Path resultsDir, Fingerprints fingerprints, boolean buildAll)
      throws IOException {
    List<Entry> out = new ArrayList<>();
    for (SweepSpec spec : SweepSpec.listTables(harnessDir)) {
      for (String budget : budgetsWithResults(resultsDir, spec)) {
        out.addAll(
            scan(
                spec,
                budget,
                new ResultStore(resultsDir, spec.table(), budget),
                fingerprints,
                buildAll));
      }
    }
    return out;
  }

  /**
   * The stored trials of one table and budget; see {@link #scan(Path, Path, Fingerprints,
   * boolean)}.
   */
  public static List<Entry> scan(
      SweepSpec spec, String budget, ResultStore store, Fingerprints fingerprints, boolean buildAll)
      throws IOException {
    Map<String, Trial> current = new LinkedHashMap<>();
    if (spec.budgets().containsKey(budget)) {
      for (Trial t : spec.expand(budget)) {
        current.put(t.id(), t);
      }
    }
    List<Entry> out = new ArrayList<>();
    for (TrialResult stored : store.readAll()) {
      String id = stored.trial().id();
      Trial now = current.get(id);
      State state;
      String why = "";
      if (now == null) {
        state = State.STALE;
        why = "no longer in harness/" + spec.table() + ".yaml (budget " + budget + ")";
      } else if (!sameParams(stored.trial(), now)) {
        state = State.STALE;
        why = "its params differ from what harness/" + spec.table() + ".yaml gives now";
      } else if (stored.fingerprint() == null && !buildAll) {
        state = State.UNVERIFIED;
      } else {
        Fingerprint f = fingerprints.of(spec, budget, now);
        state = of(stored, f);
        if (state == State.STALE) {
          why = "changed: " + stored.fingerprint().differences(f);
        }
      }
      out.add(new Entry(spec.table(), budget, id, state, why));
    }
    return out;
  }

  /** Counts by state, every state present. */
  public static Map<State, Integer> counts(List<Entry> entries) {
    Map<State, Integer> counts = new EnumMap<>(State.class);
    for (State s : State.values()) {
      counts.put(s, 0);
    }
    for (Entry e : entries) {
      counts.merge(e.state(), 1, Integer::sum);
    }
    return counts;
  }

  private static boolean sameParams(Trial stored, Trial now) {
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, String> b = new LinkedHashMap<>();
    stored.params().forEach((k, v) -> a.put(k, SweepSpec.formatValue(v)));
    now.params().forEach((k, v) -> b.put(k, SweepSpec.formatValue(v)));
    return Objects.equals(new java.util.TreeMap<>(a), new java.util.TreeMap<>(b));
  }

  private static List<String> budgetsWithResults(Path resultsDir, SweepSpec spec)
      throws IOException {
    Path tableDir = resultsDir.resolve(spec.table());
    if (!Files.isDirectory(tableDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(tableDir)) {
      return s.filter(p -> Files.isDirectory(p.resolve("trials")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
