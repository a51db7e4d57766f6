package org.sparsecode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/**
 * How long each table takes, from the wall times of stored trials: a trial with a result at the
 * budget counts its own time; one without borrows the time of the same trial at another budget,
 * scaled by the ratio of steps (and of {@code train_size} where both budgets set it); failing that,
 * the time of the same grid point at another seed (a seed changes the numbers, not the work), at
 * this budget or scaled from another; failing that, the table's mean seconds per step at any
 * budget. Only what was measured goes in: a table with no stored trial at all has no estimate. The
 * times include evaluation and were measured on whatever machine ran them, at whatever load, so
 * they are a guide, not a promise.
 */
final class SuiteEstimate {
  /**
   * One table at one budget.
   *
   * @param wholeSeconds a whole pass, every trial run afresh (NaN: nothing measured)
   * @param firstSeedSeconds the part of the whole pass that is the trials of the first trial's
   *     seed: what the table costs with one seed
   * @param remainingSeconds the trials without a result yet, what {@code reproduce} will run
   * @param measured trials whose own time at this budget is known
   */
  record Table(
      String table,
      String budget,
      int trials,
      int done,
      double wholeSeconds,
      double firstSeedSeconds,
      double remainingSeconds,
      int measured,
      String basis) {}

  private SuiteEstimate() {}

  static Table of(SweepSpec spec, String budget, Path resultsDir) throws IOException {
    List<Trial> trials = spec.expand(budget);
    Map<String, TrialResult> here =
        byId(new ResultStore(resultsDir, spec.table(), budget).readAll());
    Map<String, Map.Entry<String, TrialResult>> elsewhere = new HashMap<>();
    // by grid point (the trial id without its seed part), for trials of another seed
    Map<String, Map.Entry<String, TrialResult>> otherSeed = new HashMap<>();
    double seconds = 0;
    double steps = 0;
    for (String other : spec.budgets().keySet()) {
      for (TrialResult r : new ResultStore(resultsDir, spec.table(), other).readAll()) {
        double wall = r.metric("wall_seconds");
        if (Double.isFinite(wall)) {
          if (!other.equals(budget)) {
            elsewhere.putIfAbsent(r.trial().id(), Map.entry(other, r));
          }
          String point = SweepSpec.pointId(r.trial().id());
          var known = otherSeed.get(point);
          // a time measured at this budget beats one scaled from another
          if (known == null || (other.equals(budget) && !known.getKey().equals(budget))) {
            otherSeed.put(point, Map.entry(other, r));
          }
          seconds += wall;
          steps += spec.steps(other);
        }
      }
    }
    double perStep = steps > 0 ? seconds / steps : Double.NaN;
    // The first trial's seed, whether seeds come from `seeds:` or from a grid of seeds; a table
    // without a seed param counts every trial.
    Object firstSeedValue = trials.isEmpty() ? null : trials.get(0).params().get("seed");
    double whole = 0;
    double firstSeed = 0;
    double remaining = 0;
    int done = 0;
    int measured = 0;
    int scaled = 0;
    int seeded = 0;
    for (Trial t : trials) {
      TrialResult own = here.get(t.id());
      double estimate;
      if (own != null && Double.isFinite(own.metric("wall_seconds"))) {
        estimate = own.metric("wall_seconds");
        measured++;
      } else if (elsewhere.containsKey(t.id())) {
        var e = elsewhere.get(t.id());
        estimate = e.getValue().metric("wall_seconds") * scale(spec, budget, e.getKey());
        scaled++;
      } else if (otherSeed.containsKey(SweepSpec.pointId(t.id()))) {
        var e = otherSeed.get(SweepSpec.pointId(t.id()));
        estimate = e.getValue().metric("wall_seconds") * scale(spec, budget, e.getKey());
        seeded++;
      } else {
        estimate = perStep * spec.steps(budget);
      }
      whole += estimate;
      if (Objects.equals(t.params().get("seed"), firstSeedValue)) {
        firstSeed += estimate;
      }
      if (own == null) {
        remaining += estimate;
      } else {
        done++;
      }
    }
    String basis;
    if (Double.isNaN(perStep)) {
      basis = "no stored trial to measure from";
    } else {
      List<String> parts = new ArrayList<>();
      if (measured > 0) {
        parts.add(measured + " measured at this budget");
      }
      if (scaled > 0) {
        parts.add(scaled + " scaled by steps from another budget");
      }
      if (seeded > 0) {
        parts.add(seeded + " from the same grid point at another seed");
      }
      if (trials.size() - measured - scaled - seeded > 0) {
        parts.add(
            (trials.size() - measured - scaled - seeded) + " at the table's mean time per step");
      }
      basis = String.join(", ", parts);
    }
    return new Table(
        spec.table(),
        budget,
        trials.size(),
        done,
        whole,
        Double.isNaN(perStep) ? Double.NaN : firstSeed,
        done == trials.size() ? 0 : remaining,
        measured,
        basis);
  }

  /**
   * Steps at {@code budget} over steps at {@code from}, times the same ratio of train_size where
   * both set it.
   */
  private static double scale(SweepSpec spec, String budget, String from) {
    double s = (double) spec.steps(budget) / spec.steps(from);
    Object a = spec.budgets().get(budget).get("train_size");
    Object b = spec.budgets().get(from).get("train_size");
    if (a instanceof Number x && b instanceof Number y) {
      s *= x.doubleValue() / y.doubleValue();
    }
    return s;
  }

  private static Map<String, TrialResult> byId(List<TrialResult> results) {
    Map<String, TrialResult> map = new LinkedHashMap<>();
    for (TrialResult r : results) {
      map.put(r.trial().id(), r);
    }
    return map;
  }

  /** Prints one line per table and the totals. */
  static void print(List<Table> tables, PrintStream out) {
    out.printf(
        "%-26s %7s %12s %10s %14s  %s%n",
        "table (" + tables.get(0).budget() + ")",
        "trials",
        "whole pass",
        "one seed",
        "this run",
        "basis");
    double whole = 0;
    double firstSeed = 0;
    double remaining = 0;
    boolean unknown = false;
    for (Table t : tables) {
      out.printf(
          "%-26s %3d/%-3d %12s %10s %14s  %s%n",
          t.table(),
          t.done(),
          t.trials(),
          duration(t.wholeSeconds()),
          duration(t.firstSeedSeconds()),
          duration(t.remainingSeconds()),
          t.basis());
      if (Double.isNaN(t.wholeSeconds())) {
        unknown = true;
      } else {
        whole += t.wholeSeconds();
        firstSeed += t.firstSeedSeconds();
        remaining += t.remainingSeconds();
      }
    }
    out.printf(
        "%-26s %7s %12s %10s %14s  %s%n",
        "total",
        "",
        duration(whole),
        duration(firstSeed),
        duration(remaining),
        unknown ? "without the tables that have no estimate" : "");
  }

  static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "unknown";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  static List<Table> all(List<SweepSpec> specs, String budget, Path resultsDir) throws IOException {
    List<Table> out = new ArrayList<>();
    for (SweepSpec spec : specs) {
      if (spec.budgets().containsKey(budget)) {
        out.add(of(spec, budget, resultsDir));
      }
    }
    return out;
  }
}
