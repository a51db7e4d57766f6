package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.sparsecode.data.SphereData;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.model.MlpClassifier;

/**
 * The report of Doc 001's sphere experiment: per-trial rows, the mean and spread over seeds of
 * every (width, partitions) point, sparsity against width and against partitions, and findings
 * computed from the numbers: does the hidden code get sparser as the sphere is cut into more
 * partitions?
 *
 * <p>Needs grid keys {@value #WIDTH}, {@value #PARTITIONS} and {@value #SEED}; any further grid
 * keys (for example an OVR lambda) split the curves into settings of their own.
 */
public final class OvrSphereReport {
  static final String WIDTH = "hidden";
  static final String PARTITIONS = "partitions";
  static final String SEED = "seed";
  static final String BELOW = MlpClassifier.BELOW_THRESHOLD;

  /** Metrics averaged over seeds, in table order. */
  static final List<String> METRICS =
      List.of(
          Metrics.TEST_ACCURACY,
          Metrics.AVR_TEST,
          Metrics.L0_FRACTION_TEST,
          Metrics.DEAD_FRACTION,
          BELOW);

  /** Per-trial columns after the grid keys. */
  private static final List<String> TRIAL_COLUMNS =
      List.of(
          "status",
          Metrics.TEST_ACCURACY,
          Metrics.TEST_ACCURACY + "_ci95",
          Metrics.AVR_TEST,
          Metrics.L0_FRACTION_TEST,
          Metrics.DEAD_FRACTION,
          BELOW,
          Metrics.VALIDATION_ACCURACY,
          Metrics.STEPS,
          Metrics.WALL_SECONDS);

  /** A sparsity measure oriented so that higher means sparser. */
  record Measure(String name, ToDoubleFunction<TrialResult> value) {}

  static final Measure BELOW_MEASURE =
      new Measure(
          "fraction of activations below " + MlpClassifier.SILENT_BELOW, r -> r.metric(BELOW));
  static final Measure INACTIVE_MEASURE =
      new Measure(
          "fraction of units inactive per example (1 - L0 fraction)",
          r -> 1 - r.metric(Metrics.L0_FRACTION_TEST));

  /**
   * Which way one measure moves along one grid key, for one fixed value of another key (and the
   * other settings), over the seeds: each seed's curve gives a Spearman rho and a slope per
   * doubling of the swept key.
   */
  record Trend(
      String setting, String per, double perValue, List<Double> rhos, Spread slopePerDoubling) {
    int rising() {
      return (int) rhos.stream().filter(r -> r > 0).count();
    }

    int falling() {
      return (int) rhos.stream().filter(r -> r < 0).count();
    }

    /** Every seed's curve rises: +1; every one falls: -1; otherwise 0. */
    int direction() {
      return rising() == rhos.size() ? 1 : falling() == rhos.size() ? -1 : 0;
    }

    Spread rho() {
      return Spread.of(
          rhos.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray());
    }
  }

  private OvrSphereReport() {}

  /**
   * Writes {@code csv} (one row per trial), {@code <table>-summary.csv} beside it (mean and
   * standard deviation over seeds), {@code md}, and {@code <table>-width.png} and {@code
   * <table>-partitions.png} beside {@code png}; returns the summary table for the terminal.
   */
  public static String write(
      SweepSpec spec,
      String budget,
      List<TrialResult> results,
      String command,
      Path csv,
      Path md,
      Path png,
      Path artifacts)
      throws IOException {
    List<String> gridKeys = checkGrid(spec);
    ResultTable all = SweepTables.table(spec, budget, results, command);
    List<String> notes = new ArrayList<>(all.notes());
    notes.add(2, "settings: " + settings(spec, budget));
    ResultTable trials = select(all, gridKeys, notes);
    ResultTable summary = summary(all.title(), gridKeys, results, notes);
    CsvReport.write(trials, csv);
    CsvReport.write(summary, csv.resolveSibling(spec.table() + "-summary.csv"));
    List<String> others = others(gridKeys);
    List<String> sections =
        List.of(
            findings(results, others),
            setup(),
            "## Every trial\n\n" + MarkdownReport.render(trials));
    List<String> withCurves = new ArrayList<>(sections);
    withCurves.add(curves(spec, results, artifacts, png, summary.caption()));
    MarkdownReport.write(summary, md, withCurves);
    List<String> caption = new ArrayList<>(summary.caption());
    caption.add("points: mean over seeds; error bars: one standard deviation over seeds");
    writeFigure(
        spec, summary, WIDTH, PARTITIONS, png.resolveSibling(spec.table() + "-width.png"), caption);
    writeFigure(
        spec,
        summary,
        PARTITIONS,
        WIDTH,
        png.resolveSibling(spec.table() + "-partitions.png"),
        caption);
    return MarkdownReport.render(summary);
  }

  /** The curves' panels: validation accuracy, and the share of hidden units active. */
  static final CurvesFigure.Panels CURVES =
      new CurvesFigure.Panels(
          "training step",
          "validation_accuracy",
          "Validation accuracy during training",
          "validation accuracy",
          "l0_fraction_train_batch",
          "Share of hidden units active on the batch just trained on",
          "active share of the hidden units (log scale)");

  /**
   * The first seed's learning curves, one line per width and partition count (the other seeds'
   * curves are in their artifacts), and the section that links them.
   */
  private static String curves(
      SweepSpec spec, List<TrialResult> results, Path artifacts, Path png, List<String> caption)
      throws IOException {
    Object firstSeed = results.isEmpty() ? null : results.get(0).trial().params().get(SEED);
    List<TrialResult> first =
        results.stream()
            .filter(r -> Objects.equals(r.trial().params().get(SEED), firstSeed))
            .toList();
    List<CurvesFigure.Curve> curves =
        CurvesFigure.read(
            first,
            artifacts,
            CurveCsv.FILE,
            r ->
                r.trial().params().get(PARTITIONS)
                    + " partitions, "
                    + r.trial().params().get(WIDTH)
                    + " hidden");
    // Every trial here has a seed in its id; the figure keeps the labels above, without it.
    String name = spec.table() + "-curves.png";
    List<String> shown = new ArrayList<>(caption);
    shown.add("curves of seed " + firstSeed + " only");
    boolean drawn =
        CurvesFigure.write(
            png.resolveSibling(name),
            curves.stream()
                .map(c -> new CurvesFigure.Curve(CurvesFigure.pointLabel(c), c.table()))
                .toList(),
            Optional.empty(),
            shown,
            CURVES);
    long stored =
        results.stream()
            .filter(
                r -> Files.isRegularFile(artifacts.resolve(r.trial().id()).resolve(CurveCsv.FILE)))
            .count();
    return "## Learning curves\n\n"
        + stored
        + " of "
        + results.size()
        + " trials have a curve (`curve.csv` in their artifacts: validation accuracy, AVR and the"
        + " share of active hidden units at each evaluation)."
        + (drawn
            ? " [graphs/"
                + name
                + "](../graphs/"
                + name
                + ") draws seed "
                + firstSeed
                + "'s, one line per partition count and width."
            : "")
        + "\n";
  }

  private static List<String> checkGrid(SweepSpec spec) {
    List<String> keys = new ArrayList<>(spec.grid().keySet());
    if (!spec.seeds().isEmpty() && !keys.contains(SEED)) {
      keys.add(SEED); // seeds: [..] sets the seed param as a grid key would
    }
    for (String k : List.of(WIDTH, PARTITIONS, SEED)) {
      if (!keys.contains(k)) {
        throw new IllegalArgumentException(
            spec.file()
                + ": the sphere report needs '"
                + k
                + "' in grid: (widths, partition counts and"
                + " seeds to average over); add it, e.g. "
                + k
                + ": ["
                + (k.equals(SEED) ? "1, 2, 3" : "4, 16")
                + "]");
      }
    }
    return keys;
  }

  private static List<String> others(List<String> gridKeys) {
    return gridKeys.stream().filter(k -> !List.of(WIDTH, PARTITIONS, SEED).contains(k)).toList();
  }

  /** The parameters every trial shares, as written in the sweep file and budget. */
  private static String settings(SweepSpec spec, String budget) {
    Map<String, Object> params = new LinkedHashMap<>(spec.expand(budget).get(0).params());
    params.keySet().removeAll(spec.grid().keySet());
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + " " + SweepSpec.formatValue(v)));
    return String.join(", ", parts);
  }

  private static String setup() {
    return "## Setup\n\n"
        + "Each trial draws its own points uniformly on the unit sphere and cuts the sphere into"
        + " N + 1 = M = sqrt(partitions) latitude bands of equal polar angle and as many longitude"
        + " sectors; each partition gets one of "
        + SphereData.DEFAULT_CLASSES
        + " classes at random."
        + " The points are split 80/10/10 into train, validation and test; every number here is"
        + " measured on the test split. The seed draws the class map, the points, the initial weights"
        + " and the batch order. The network is one hidden ReLU layer trained with Adam on the"
        + " cross-entropy, plus lambda times the OVR loss when lambda > 0. Sparsity measures:"
        + " `"
        + BELOW
        + "` (the document's: the fraction of hidden activations below "
        + MlpClassifier.SILENT_BELOW
        + "), `l0_fraction_test` (AVR divided by the width; lower is"
        + " sparser), `dead_fraction` (units never active on the test split).\n";
  }

  /** Keeps the grid keys and {@link #TRIAL_COLUMNS} of SweepTables' table. */
  private static ResultTable select(ResultTable all, List<String> gridKeys, List<String> notes) {
    List<String> columns = new ArrayList<>(gridKeys);
    columns.addAll(TRIAL_COLUMNS);
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : all.rows()) {
      List<Object> out = new ArrayList<>();
      for (String c : columns) {
        out.add(row.get(all.column(c)));
      }
      rows.add(out);
    }
    return new ResultTable(all.title(), columns, rows, notes);
  }

  /**
   * One row per grid point without the seed, in sweep order: the point, how many seeds finished,
   * then {@code <metric>_mean} and {@code <metric>_std} (sample standard deviation) of {@link
   * #METRICS}. Diverged trials are left out of the means.
   */
  static ResultTable summary(
      String title, List<String> gridKeys, List<TrialResult> results, List<String> notes) {
    List<String> keys = gridKeys.stream().filter(k -> !k.equals(SEED)).toList();
    Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
    Map<String, Trial> firstOf = new LinkedHashMap<>();
    for (TrialResult r : results) {
      String id = pointId(r.trial(), keys);
      firstOf.putIfAbsent(id, r.trial());
      List<TrialResult> g = groups.computeIfAbsent(id, k -> new ArrayList<>());
      if (r.status() == TrialResult.Status.OK) {
        g.add(r);
      }
    }
    List<String> columns = new ArrayList<>(keys);
    columns.add("seeds");
    for (String m : METRICS) {
      columns.add(m + "_mean");
      columns.add(m + "_std");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, List<TrialResult>> e : groups.entrySet()) {
      List<Object> row = new ArrayList<>();
      for (String k : keys) {
        row.add(number(firstOf.get(e.getKey()).params().get(k)));
      }
      row.add((double) e.getValue().size());
      for (String m : METRICS) {
        double[] values =
            e.getValue().stream().mapToDouble(r -> r.metric(m)).filter(Double::isFinite).toArray();
        Spread s = values.length == 0 ? null : Spread.of(values);
        row.add(s == null ? null : s.mean());
        row.add(s == null || Double.isNaN(s.std()) ? null : s.std());
      }
      rows.add(row);
    }
    return new ResultTable(title, columns, rows, notes);
  }

  /**
   * Sparsity against {@code x}, one series per value of {@code seriesKey} (and of further grid
   * keys), three panels: the fraction below the threshold, the L0 fraction and test accuracy.
   */
  private static void writeFigure(
      SweepSpec spec,
      ResultTable summary,
      String x,
      String seriesKey,
      Path file,
      List<String> caption)
      throws IOException {
    List<String> xLabels = new ArrayList<>();
    for (Object v : spec.grid().get(x)) {
      xLabels.add(MarkdownReport.display(x, number(v)));
    }
    List<String> others = others(new ArrayList<>(spec.grid().keySet()));
    List<SweepFigure.Panel> panels = new ArrayList<>();
    for (String[] p :
        new String[][] {
          {
            BELOW,
            "Fraction of activations below " + MlpClassifier.SILENT_BELOW,
            "fraction (higher = sparser)"
          },
          {
            Metrics.L0_FRACTION_TEST,
            "L0 fraction: active units / width",
            "fraction (lower = sparser)"
          },
          {Metrics.TEST_ACCURACY, "Test accuracy", "accuracy"}
        }) {
      Map<String, List<Double>> means = new LinkedHashMap<>();
      Map<String, List<Double>> stds = new LinkedHashMap<>();
      for (List<Object> row : summary.rows()) {
        StringBuilder name =
            new StringBuilder(seriesLabel(seriesKey))
                .append(' ')
                .append(MarkdownReport.display(seriesKey, row.get(summary.column(seriesKey))));
        for (String k : others) {
          name.append(", ")
              .append(k)
              .append(' ')
              .append(MarkdownReport.display(k, row.get(summary.column(k))));
        }
        int at = xLabels.indexOf(MarkdownReport.display(x, row.get(summary.column(x))));
        put(means, name.toString(), at, xLabels.size(), row.get(summary.column(p[0] + "_mean")));
        put(stds, name.toString(), at, xLabels.size(), row.get(summary.column(p[0] + "_std")));
      }
      panels.add(new SweepFigure.Panel(p[1], p[2], false, means, stds));
    }
    SweepFigure.write(
        file,
        x.equals(WIDTH) ? "hidden units" : "partitions M x (N + 1)",
        xLabels,
        panels,
        caption);
  }

  private static String seriesLabel(String key) {
    return key.equals(WIDTH) ? "width" : key;
  }

  private static void put(
      Map<String, List<Double>> series, String name, int at, int size, Object value) {
    List<Double> s =
        series.computeIfAbsent(
            name, n -> new ArrayList<>(Collections.nCopies(size, (Double) null)));
    if (at >= 0 && value instanceof Number n) {
      s.set(at, n.doubleValue());
    }
  }

  /**
   * The findings section: for each sparsity measure, whether it rises with the number of partitions
   * at each width (and, in one line, with the width at each partition count).
   */
  static String findings(List<TrialResult> results, List<String> others) {
    StringBuilder sb =
        new StringBuilder("## Does sparsity grow with the number of partitions?\n\n");
    sb.append(
        "For each width and seed, the curve of sparsity against the number of partitions gives"
            + " Spearman's rank correlation rho (+1: sparser at every step up) and the least-squares change"
            + " in sparsity per doubling of the partitions. A width counts as *sparser with more partitions*"
            + " when every seed's rho is positive, *less sparse* when every one is negative, *mixed*"
            + " otherwise.\n");
    for (Measure m : List.of(BELOW_MEASURE, INACTIVE_MEASURE)) {
      List<Trend> byWidth = trends(results, PARTITIONS, WIDTH, others, m);
      sb.append("\n### ").append(capitalise(m.name())).append("\n\n");
      sb.append("| ")
          .append(others.isEmpty() ? "" : "setting | ")
          .append(
              "width | rho mean | rho min .. max | seeds with rho > 0 | change per doubling (mean ± std) | verdict |\n|")
          .append(others.isEmpty() ? "" : " --- |")
          .append(" ---: | ---: | ---: | ---: | ---: | --- |\n");
      for (Trend t : byWidth) {
        Spread rho = t.rhos().stream().anyMatch(Double::isFinite) ? t.rho() : null;
        sb.append("| ")
            .append(others.isEmpty() ? "" : t.setting() + " | ")
            .append(format("%.0f", t.perValue()))
            .append(" | ")
            .append(rho == null ? "n/a" : format("%+.2f", rho.mean()))
            .append(" | ")
            .append(rho == null ? "n/a" : format("%+.2f .. %+.2f", rho.min(), rho.max()))
            .append(" | ")
            .append(t.rising())
            .append(" of ")
            .append(t.rhos().size())
            .append(" | ")
            .append(format("%+.4f", t.slopePerDoubling().mean()))
            .append(
                Double.isNaN(t.slopePerDoubling().std())
                    ? ""
                    : format(" ± %.4f", t.slopePerDoubling().std()))
            .append(" | ")
            .append(verdict(t.direction()))
            .append(" |\n");
      }
      sb.append('\n').append(summarySentence(byWidth, "partitions", "widths")).append('\n');
      List<Trend> byPartitions = trends(results, WIDTH, PARTITIONS, others, m);
      sb.append('\n')
          .append("Against the width instead: ")
          .append(summarySentence(byPartitions, "hidden units", "partition counts"))
          .append('\n');
    }
    sb.append("\nFor context, mean test accuracy over all widths and seeds: ")
        .append(accuracyByPartitions(results))
        .append(".\n");
    return sb.toString();
  }

  /** "4 partitions 0.9880, 16 partitions 0.9700, ..." over the finished trials. */
  static String accuracyByPartitions(List<TrialResult> results) {
    Map<Double, List<Double>> byPartitions = new TreeMap<>();
    for (TrialResult r : results) {
      double a = r.metric(Metrics.TEST_ACCURACY);
      if (r.status() == TrialResult.Status.OK && Double.isFinite(a)) {
        byPartitions
            .computeIfAbsent(r.trial().doubleParam(PARTITIONS), k -> new ArrayList<>())
            .add(a);
      }
    }
    List<String> parts = new ArrayList<>();
    byPartitions.forEach(
        (p, a) ->
            parts.add(
                format(
                    "%.0f partitions %.4f",
                    p, Spread.of(a.stream().mapToDouble(Double::doubleValue).toArray()).mean())));
    return parts.isEmpty() ? "n/a" : String.join(", ", parts);
  }

  /** "Sparser with more partitions at 4 of 6 widths, less sparse at 1, mixed at 1; ..." */
  static String summarySentence(List<Trend> trends, String along, String groups) {
    int up = 0;
    int down = 0;
    int curves = 0;
    int curvesUp = 0;
    int curvesDown = 0;
    double rhoSum = 0;
    int rhoCount = 0;
    for (Trend t : trends) {
      up += t.direction() > 0 ? 1 : 0;
      down += t.direction() < 0 ? 1 : 0;
      curves += t.rhos().size();
      curvesUp += t.rising();
      curvesDown += t.falling();
      for (double r : t.rhos()) {
        if (Double.isFinite(r)) {
          rhoSum += r;
          rhoCount++;
        }
      }
    }
    return format(
        "Sparser with more %s at %d of %d %s, less sparse at %d, mixed at %d. Of all %d seed curves, %d rise"
            + " and %d fall (rho > 0 / < 0); mean rho %s.",
        along,
        up,
        trends.size(),
        groups,
        down,
        trends.size() - up - down,
        curves,
        curvesUp,
        curvesDown,
        rhoCount == 0 ? "n/a" : format("%+.2f", rhoSum / rhoCount));
  }

  /**
   * One {@link Trend} per value of {@code per} (and setting of the {@code others} keys), in order
   * of first appearance; each seed's curve is {@code measure} against {@code along}, over its
   * finished trials, and needs at least two of them.
   */
  static List<Trend> trends(
      List<TrialResult> results, String along, String per, List<String> others, Measure measure) {
    // setting -> per value -> seed -> (along, value) points
    Map<String, Map<Double, Map<String, List<double[]>>>> curves = new LinkedHashMap<>();
    for (TrialResult r : results) {
      double y = measure.value().applyAsDouble(r);
      if (r.status() != TrialResult.Status.OK || !Double.isFinite(y)) {
        continue;
      }
      Trial t = r.trial();
      curves
          .computeIfAbsent(setting(t, others), k -> new LinkedHashMap<>())
          .computeIfAbsent(t.doubleParam(per), k -> new LinkedHashMap<>())
          .computeIfAbsent(SweepSpec.formatValue(t.params().get(SEED)), k -> new ArrayList<>())
          .add(new double[] {t.doubleParam(along), y});
    }
    List<Trend> out = new ArrayList<>();
    curves.forEach(
        (setting, byPer) ->
            byPer.forEach(
                (perValue, bySeed) -> {
                  List<Double> rhos = new ArrayList<>();
                  List<Double> slopes = new ArrayList<>();
                  for (List<double[]> points : bySeed.values()) {
                    if (points.size() < 2) {
                      continue;
                    }
                    double[] log2x =
                        points.stream().mapToDouble(p -> Math.log(p[0]) / Math.log(2)).toArray();
                    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
                    rhos.add(Trends.spearman(log2x, y));
                    slopes.add(Trends.slope(log2x, y));
                  }
                  if (!rhos.isEmpty()) {
                    out.add(
                        new Trend(
                            setting,
                            per,
                            perValue,
                            rhos,
                            Spread.of(slopes.stream().mapToDouble(Double::doubleValue).toArray())));
                  }
                }));
    return out;
  }

  private static String setting(Trial t, List<String> others) {
    List<String> parts = new ArrayList<>();
    for (String k : others) {
      parts.add(k + " " + MarkdownReport.display(k, number(t.params().get(k))));
    }
    return String.join(", ", parts);
  }

  private static String pointId(Trial t, List<String> keys) {
    List<String> parts = new ArrayList<>();
    for (String k : keys) {
      parts.add(SweepSpec.formatValue(t.params().get(k)));
    }
    return String.join("/", parts);
  }

  private static String verdict(int direction) {
    return direction > 0 ? "sparser with more partitions" : direction < 0 ? "less sparse" : "mixed";
  }

  private static Object number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v));
    } catch (NumberFormatException e) {
      return String.valueOf(v);
    }
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
