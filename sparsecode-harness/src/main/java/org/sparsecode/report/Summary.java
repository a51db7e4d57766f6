package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.sparsecode.harness.Fingerprints;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Staleness;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialResult;

/**
 * One row per published number of the three documents, ours beside it, and where a document gives
 * no number, the claim it makes, stated as a check on our numbers.
 *
 * <p>A number is <b>reproduced</b> when the published value lies within our seeds' range widened by
 * the test interval: for an accuracy, from the 95% Wilson interval's low end of the lowest seed to
 * the high end of the highest ({@code ci95_low}, {@code ci95_high}); for other metrics (AVR,
 * loss_ae), which have no sampling interval here, the seeds' range itself. Otherwise ours are
 * <b>above</b> or <b>below</b> it, by {@code difference} (points for accuracies, per cent for the
 * rest). A claim <b>holds</b> or <b>fails</b> as its check says.
 */
public final class Summary {
  public static final List<String> COLUMNS =
      List.of(
          "document",
          "table",
          "row",
          "metric",
          "paper",
          "ours_mean",
          "ours_sd",
          "seeds",
          "ci95_low",
          "ci95_high",
          "verdict",
          "stale",
          "trials",
          "difference");

  static final String REPRODUCED = "reproduced";
  static final String ABOVE = "above";
  static final String BELOW = "below";
  static final String NOT_MEASURED = "not measured";
  static final String HOLDS = "holds";
  static final String FAILS = "fails";

  /** The published numbers compared, by table: the sweep files' {@code paper} entries. */
  static final List<String> NUMBER_TABLES =
      List.of("blog-fc", "blog-cnn", "blog-ae", "linked-table1");

  /**
   * The blog's {@code loss_ae} at step 20,000 by lambda (its CNN+AE screenshot, from the project's
   * specification): not in the sweep file because no trial computes that quantity under that name.
   */
  static final Map<Double, Double> BLOG_LOSS_AE =
      Map.of(0.0, 0.06660, 1e-5, 0.4347, 5e-5, 0.7756, 1e-4, 0.9588, 5e-4, 4.012);

  /** One summary row (one published number or one claim). */
  public record Row(
      String document,
      String table,
      String row,
      String metric,
      Double paper,
      Double oursMean,
      Double oursSd,
      int seeds,
      Double low,
      Double high,
      String verdict,
      String stale,
      String trials,
      String difference) {
    List<Object> cells() {
      List<Object> c = new ArrayList<>();
      c.add(document);
      c.add(table);
      c.add(row);
      c.add(metric);
      c.add(paper);
      c.add(oursMean);
      c.add(oursSd);
      c.add((long) seeds);
      c.add(low);
      c.add(high);
      c.add(verdict);
      c.add(stale);
      c.add(trials);
      c.add(difference);
      return c;
    }
  }

  /** The results of one table: stored trials grouped by grid point, with each trial's standing. */
  record TableResults(
      SweepSpec spec,
      Map<String, List<TrialResult>> byPoint,
      Map<String, Staleness.State> standing) {
    List<TrialResult> all() {
      List<TrialResult> out = new ArrayList<>();
      byPoint.values().forEach(out::addAll);
      return out;
    }

    /** The trials of the grid point whose grid values satisfy {@code where}. */
    List<TrialResult> point(Predicate<TrialResult> where) {
      for (List<TrialResult> trials : byPoint.values()) {
        if (!trials.isEmpty() && where.test(trials.get(0))) {
          return trials;
        }
      }
      return List.of();
    }
  }

  private final Path harnessDir;
  private final Path resultsDir;
  private final String budget;
  private final Fingerprints fingerprints;
  private final Map<String, TableResults> tables = new LinkedHashMap<>();

  public Summary(Path harnessDir, Path resultsDir, String budget, Fingerprints fingerprints) {
    this.harnessDir = harnessDir;
    this.resultsDir = resultsDir;
    this.budget = budget;
    this.fingerprints = fingerprints;
  }

  /** Every row: the published numbers table by table, then the claims. */
  public List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String table : NUMBER_TABLES) {
      rows.addAll(numbers(table));
    }
    rows.addAll(SummaryClaims.rows(this));
    return rows;
  }

  /** The stored results of {@code table} under this summary's budget (loaded once). */
  TableResults table(String table) throws IOException {
    TableResults cached = tables.get(table);
    if (cached != null) {
      return cached;
    }
    SweepSpec spec = SweepSpec.load(harnessDir, table);
    ResultStore store = new ResultStore(resultsDir, table, budget);
    Map<String, List<TrialResult>> byPoint = new LinkedHashMap<>();
    for (TrialResult r : store.readAll()) {
      byPoint.computeIfAbsent(SweepSpec.pointId(r.trial().id()), k -> new ArrayList<>()).add(r);
    }
    Map<String, Staleness.State> standing = new LinkedHashMap<>();
    for (Staleness.Entry e : Staleness.scan(spec, budget, store, fingerprints, false)) {
      standing.put(e.trial(), e.state());
    }
    TableResults t = new TableResults(spec, byPoint, standing);
    tables.put(table, t);
    return t;
  }

  private List<Row> numbers(String table) throws IOException {
    TableResults t = table(table);
    SweepSpec spec = t.spec();
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> paper : spec.paper()) {
      List<TrialResult> trials = t.point(r -> matches(spec, paper, r));
      String row = describe(spec, paper);
      for (Map.Entry<String, Object> e : paper.entrySet()) {
        String key = e.getKey();
        if (spec.grid().containsKey(key) || key.equals("seconds")) {
          continue; // grid values name the row; seconds are the blog's GPU wall time
        }
        rows.add(
            number(spec, t, row, ourMetric(key), ((Number) e.getValue()).doubleValue(), trials));
      }
      // The sweep file now carries the blog's loss_ae itself; the list here is for one that does
      // not.
      if (table.equals("blog-ae") && !paper.containsKey("loss_ae")) {
        Double loss = BLOG_LOSS_AE.get(((Number) paper.get("lambda")).doubleValue());
        if (loss != null) {
          rows.add(number(spec, t, row, "loss_ae", loss, trials));
        }
      }
    }
    return rows;
  }

  /** Our metric for a published one: the blog's AVR was counted on the training batch. */
  static String ourMetric(String paperKey) {
    return switch (paperKey) {
      case "avr" -> Metrics.AVR_TRAIN;
      case "lr", "svm_linear", "svm_rbf" -> paperKey + "_accuracy";
      default -> paperKey;
    };
  }

  private static boolean matches(SweepSpec spec, Map<String, Object> paper, TrialResult r) {
    for (String k : spec.grid().keySet()) {
      Object ours = r.trial().params().get(k);
      if (ours == null
          || !SweepSpec.formatValue(ours).equals(SweepSpec.formatValue(paper.get(k)))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(SweepSpec spec, Map<String, Object> paper) {
    List<String> parts = new ArrayList<>();
    for (String k : spec.grid().keySet()) {
      parts.add(k + "=" + SweepSpec.formatValue(paper.get(k)));
    }
    return String.join(", ", parts);
  }

  /** The row of one published number against the seeds of one grid point. */
  Row number(
      SweepSpec spec,
      TableResults t,
      String row,
      String metric,
      double paper,
      List<TrialResult> trials) {
    java.util.Optional<SeedSpread.Stat> stat = SeedSpread.of(trials, metric);
    String stale = stale(t, trials);
    String ids = ids(spec.table(), trials);
    if (stat.isEmpty()) {
      return new Row(
          spec.document(),
          spec.table(),
          row,
          metric,
          paper,
          null,
          null,
          0,
          null,
          null,
          NOT_MEASURED,
          stale,
          ids,
          "");
    }
    Spread s = stat.get().spread();
    boolean accuracy = stat.get().low() != null;
    // Metrics without a sampling interval (AVR, loss_ae): the seeds' range itself.
    double low = accuracy ? stat.get().low() : s.min();
    double high = accuracy ? stat.get().high() : s.max();
    String verdict = paper < low ? ABOVE : paper > high ? BELOW : REPRODUCED;
    String difference =
        accuracy
            ? String.format(Locale.ROOT, "%+.2f pt", 100 * (s.mean() - paper))
            : String.format(Locale.ROOT, "%+.1f%%", 100 * (s.mean() - paper) / paper);
    return new Row(
        spec.document(),
        spec.table(),
        row,
        metric,
        paper,
        s.mean(),
        Double.isNaN(s.std()) ? null : s.std(),
        s.n(),
        low,
        high,
        verdict,
        stale,
        ids,
        difference);
  }

  /** "true" when a trial is stale, else "unverified" when one has no fingerprint, else "false". */
  static String stale(TableResults t, List<TrialResult> trials) {
    boolean unverified = false;
    for (TrialResult r : trials) {
      Staleness.State s = t.standing().get(r.trial().id());
      if (s == Staleness.State.STALE) {
        return "true";
      }
      unverified |= s == Staleness.State.UNVERIFIED;
    }
    return unverified ? "unverified" : "false";
  }

  static String ids(String table, List<TrialResult> trials) {
    List<String> ids = new ArrayList<>();
    for (TrialResult r : trials) {
      ids.add(table + "/" + r.trial().id());
    }
    return String.join(" ", ids);
  }

  String budget() {
    return budget;
  }
}
