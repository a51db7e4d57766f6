package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialResult;

/**
 * A sweep's trials grouped by grid point over its seeds ({@code seeds:} in the sweep file): each
 * metric's mean, sample standard deviation and range over a point's seeds, and for a test accuracy
 * the interval from the 95% Wilson low end of the lowest seed to the high end of the highest (the
 * test set's sampling spread widened by the seeds'). Reports and the summary all aggregate here.
 */
public final class SeedSpread {
  private SeedSpread() {}

  /**
   * One metric of one grid point over the seeds that measured it, in seed order. {@code low} and
   * {@code high} are the interval of a test accuracy, null for other metrics.
   */
  public record Stat(
      String metric, List<Long> seeds, double[] values, Spread spread, Double low, Double high) {

    /** "0.9812 ± 0.0011" (the sd is "n/a" for one seed), both to the mean's decimals. */
    public String meanAndSd() {
      String pattern = pattern(spread.mean());
      return String.format(Locale.ROOT, pattern, spread.mean())
          + " ± "
          + (Double.isNaN(spread.std())
              ? "n/a"
              : String.format(Locale.ROOT, pattern, spread.std()));
    }

    /** "[0.9771, 0.9853]", or "" for a metric without interval. */
    public String interval() {
      return low == null ? "" : new WilsonInterval(low, high).format();
    }

    /** Each seed's value, to the mean's decimals: "0.9801, 0.9812, 0.9823". */
    public String perSeed() {
      String pattern = pattern(spread.mean());
      return Arrays.stream(values)
          .mapToObj(v -> String.format(Locale.ROOT, pattern, v))
          .collect(Collectors.joining(", "));
    }
  }

  /** The trials of each grid point, in sweep order (one list per point, one entry per seed). */
  public static Map<String, List<TrialResult>> byPoint(List<TrialResult> results) {
    Map<String, List<TrialResult>> points = new LinkedHashMap<>();
    for (TrialResult r : results) {
      points.computeIfAbsent(SweepSpec.pointId(r.trial().id()), k -> new ArrayList<>()).add(r);
    }
    return points;
  }

  /** Whether some grid point has more than one seed. */
  public static boolean severalSeeds(List<TrialResult> results) {
    return byPoint(results).values().stream().anyMatch(p -> p.size() > 1);
  }

  /**
   * {@code metric} over the trials of one grid point that measured it (a diverged trial has no
   * value); empty when none did.
   */
  public static Optional<Stat> of(List<TrialResult> point, String metric) {
    List<TrialResult> measured =
        point.stream().filter(r -> !Double.isNaN(r.metric(metric))).toList();
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    double[] values = measured.stream().mapToDouble(r -> r.metric(metric)).toArray();
    List<Long> seeds =
        measured.stream()
            .map(
                r ->
                    r.trial().params().containsKey("seed")
                        ? r.trial().longParam("seed")
                        : r.provenance() == null ? 0L : (long) r.provenance().seed())
            .toList();
    Spread s = Spread.of(values);
    Double low = null;
    Double high = null;
    if (WilsonColumns.isTestAccuracy(metric) && s.min() >= 0 && s.max() <= 1) {
      int n = TestSetSize.of(measured.get(0));
      low = WilsonInterval.of(s.min(), n).low();
      high = WilsonInterval.of(s.max(), n).high();
    }
    return Optional.of(new Stat(metric, seeds, values, s, low, high));
  }

  /**
   * One result per grid point, in sweep order: its first seed's trial and provenance, each metric
   * the mean over the point's seeds that finished (a diverged seed is left out; a point where all
   * diverged keeps its first trial). With one seed per point, the results themselves.
   */
  public static List<TrialResult> means(List<TrialResult> results) {
    if (!severalSeeds(results)) {
      return results;
    }
    List<TrialResult> out = new ArrayList<>();
    for (List<TrialResult> point : byPoint(results).values()) {
      List<TrialResult> ok =
          point.stream().filter(r -> r.status() == TrialResult.Status.OK).toList();
      if (point.size() == 1 || ok.isEmpty()) {
        out.add(point.get(0));
        continue;
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (TrialResult r : ok) {
        for (String m : r.metrics().keySet()) {
          metrics.computeIfAbsent(m, k -> of(ok, k).map(st -> st.spread().mean()).orElse(null));
        }
      }
      metrics.values().removeIf(v -> v == null);
      TrialResult first = ok.get(0);
      out.add(
          new TrialResult(
              first.trial(),
              TrialResult.Status.OK,
              first.message(),
              metrics,
              first.provenance(),
              first.fingerprint()));
    }
    return out;
  }

  /**
   * The sample standard deviation of {@code metric} over the seeds of {@code r}'s grid point, for
   * error bars; null when the point has fewer than two values.
   */
  public static Double sd(List<TrialResult> results, TrialResult r, String metric) {
    List<TrialResult> point =
        byPoint(results).getOrDefault(SweepSpec.pointId(r.trial().id()), List.of());
    List<TrialResult> ok = point.stream().filter(t -> t.status() == TrialResult.Status.OK).toList();
    return of(ok, metric).map(Stat::spread).filter(s -> s.n() > 1).map(Spread::std).orElse(null);
  }

  /** The test-accuracy section of the default table (mean ± sd over seeds), if seeds repeat. */
  public static Optional<String> section(List<TrialResult> results) {
    return section(results, List.of(org.sparsecode.harness.Metrics.TEST_ACCURACY), r -> pointOf(r));
  }

  /**
   * A Markdown section with each grid point that has several seeds: for each of {@code metrics} the
   * seeds, mean ± sd, the test accuracy's interval and each seed's value; empty when no point
   * repeats. {@code label} names a point by one of its trials.
   */
  public static Optional<String> section(
      List<TrialResult> results, List<String> metrics, Function<TrialResult, String> label) {
    if (!severalSeeds(results)) {
      return Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## Over seeds\n\n"
                + "Each grid point run with several seeds: mean ± sample standard deviation (n - 1) over its"
                + " seeds, and each seed's value in seed order (each seed's trial is also a row of the table"
                + " above and of the CSV). A test accuracy's interval runs from the 95% Wilson low end of the"
                + " lowest seed to the high end of the highest: the test set's sampling spread widened by the"
                + " seeds'.\n\n"
                + "| point | metric | seeds | mean ± sd | ci95 | per seed |\n"
                + "| --- | --- | ---: | --- | --- | --- |\n");
    for (PointStat p : rows(results, metrics)) {
      Stat s = p.stat();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %s | %s |%n",
              label.apply(p.first()),
              s.metric(),
              s.spread().n(),
              s.meanAndSd(),
              s.interval(),
              s.perSeed()));
    }
    return Optional.of(sb.toString());
  }

  /**
   * Writes {@code csv}: one row per grid point with several seeds and metric (point, metric, seeds,
   * mean, sd, ci95_low, ci95_high, per_seed), when some point has several seeds; returns whether it
   * wrote.
   */
  public static boolean writeCsv(
      List<TrialResult> results,
      List<String> metrics,
      Function<TrialResult, String> label,
      List<String> provenance,
      Path csv)
      throws IOException {
    if (!severalSeeds(results)) {
      return false;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (PointStat p : rows(results, metrics)) {
      Stat s = p.stat();
      List<Object> row = new ArrayList<>();
      row.add(label.apply(p.first()));
      row.add(s.metric());
      row.add((long) s.spread().n());
      row.add(s.spread().mean());
      row.add(Double.isNaN(s.spread().std()) ? null : s.spread().std());
      row.add(s.low());
      row.add(s.high());
      row.add(
          Arrays.stream(s.values())
              .mapToObj(v -> Double.toString(v))
              .collect(Collectors.joining(" ")));
      rows.add(row);
    }
    CsvReport.write(
        new ResultTable(
            "Over seeds",
            List.of("point", "metric", "seeds", "mean", "sd", "ci95_low", "ci95_high", "per_seed"),
            rows,
            provenance),
        csv);
    return true;
  }

  /**
   * The section and the CSV of a report's points over seeds: adds the Markdown section to {@code
   * sections} and writes {@code <csv name>-seeds.csv} beside {@code csv}, when some point has
   * several seeds; nothing otherwise.
   */
  public static void addTo(
      List<String> sections,
      List<TrialResult> results,
      List<String> metrics,
      Function<TrialResult, String> label,
      List<String> provenance,
      Path csv)
      throws IOException {
    section(results, metrics, label).ifPresent(sections::add);
    String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
    writeCsv(results, metrics, label, provenance, csv.resolveSibling(name + "-seeds.csv"));
  }

  /**
   * Error bars for a figure drawn from {@code points} (see {@link #means}): the sd over seeds of
   * {@code metric} at each point (null where it has one value); empty when no point repeats, so
   * that single-seed figures draw no bars.
   */
  public static Map<String, List<Double>> errorBars(
      List<TrialResult> results,
      List<TrialResult> points,
      Map<String, List<Double>> series,
      Map<String, String> metricOfSeries) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    if (!severalSeeds(results)) {
      return out;
    }
    for (String name : series.keySet()) {
      String metric = metricOfSeries.get(name);
      if (metric != null) {
        out.put(name, sds(results, points, metric));
      }
    }
    return out;
  }

  /** The sd over seeds of {@code metric} at each of {@code points}; null where one value. */
  public static List<Double> sds(
      List<TrialResult> results, List<TrialResult> points, String metric) {
    List<Double> out = new ArrayList<>();
    for (TrialResult p : points) {
      out.add(sd(results, p, metric));
    }
    return out;
  }

  /** A stat with the first trial of its grid point, which names the point. */
  private record PointStat(TrialResult first, Stat stat) {}

  private static List<PointStat> rows(List<TrialResult> results, List<String> metrics) {
    List<PointStat> out = new ArrayList<>();
    for (List<TrialResult> point : byPoint(results).values()) {
      if (point.size() < 2) {
        continue;
      }
      List<TrialResult> ok =
          point.stream().filter(r -> r.status() == TrialResult.Status.OK).toList();
      for (String m : metrics) {
        of(ok, m).ifPresent(st -> out.add(new PointStat(point.get(0), st)));
      }
    }
    return out;
  }

  /** A point by its grid values: "lambda=1e-05". */
  static String pointOf(TrialResult r) {
    return SweepSpec.pointId(r.trial().id());
  }

  /** Shares to 4 decimals, counts and seconds to 2, small errors to 3 significant digits. */
  static String pattern(double v) {
    double a = Math.abs(v);
    return a != 0 && a < 0.01 ? "%.3g" : a < 1 ? "%.4f" : "%.2f";
  }
}
