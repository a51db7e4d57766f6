package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.model.MlpClassifier;

/**
 * Reports of a {@code mlp_regularized} sweep (Doc 001, experiment 2): the table of every trial, a
 * figure of accuracy and sparsity against the OVR lambda with the other regularizers as flat lines,
 * and findings computed from the numbers: the OVR lambda chosen on validation accuracy against
 * dropout (the document says "on par"; we call within {@link #ON_PAR_POINTS} points on par),
 * whether that row is sparser, and how accuracy and sparsity move with lambda.
 */
public final class RegularizerComparison {
  /** Test-accuracy difference, in points, within which two models count as on par. */
  static final double ON_PAR_POINTS = 0.5;

  private static final String OVR = "ovr";
  private static final String DROPOUT = "dropout";
  private static final String NONE = "none";

  private RegularizerComparison() {}

  /** Writes the CSV, the Markdown page and the figure; returns the Markdown table. */
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
    ResultTable table = SweepTables.table(spec, budget, results, command);
    CsvReport.write(table, csv);
    // Each grid point once, its metrics the mean over its seeds.
    List<TrialResult> points = SeedSpread.means(results);
    List<String> sections = new ArrayList<>(List.of(setup(points), findings(points)));
    SeedSpread.addTo(
        sections,
        results,
        List.of(Metrics.TEST_ACCURACY, Metrics.AVR_TEST, MlpClassifier.BELOW_THRESHOLD),
        RegularizerComparison::label,
        table.notes(),
        csv);
    List<CurvesFigure.Curve> curves =
        CurvesFigure.read(results, artifacts, CurveCsv.FILE, RegularizerComparison::label);
    String curvesPng = spec.table() + "-curves.png";
    boolean drawn =
        CurvesFigure.write(
            png.resolveSibling(curvesPng), curves, Optional.empty(), table.caption());
    sections.add(LearningCurves.section(spec, results, curves, drawn ? curvesPng : null));
    MarkdownReport.write(table, md, sections);
    writeFigure(results, png, table.caption());
    return MarkdownReport.render(table);
  }

  private static String regularizer(TrialResult r) {
    return r.trial().stringParam("regularizer");
  }

  private static double lambda(TrialResult r) {
    return r.trial().doubleParam("lambda");
  }

  /** A row's name in prose and legends: "ovr 1e-04", "dropout 0.5", "none". */
  static String label(TrialResult r) {
    String reg = regularizer(r);
    if (reg.equals(DROPOUT)) {
      return DROPOUT + " " + SweepSpec.formatValue(r.trial().params().get("dropout_rate"));
    }
    return reg.equals(OVR) || reg.equals("l1") ? reg + " " + lambdaText(lambda(r)) : reg;
  }

  private static String lambdaText(double lambda) {
    return MarkdownReport.display("lambda", lambda);
  }

  private static List<TrialResult> ok(List<TrialResult> results, String regularizer) {
    return results.stream()
        .filter(r -> r.status() == TrialResult.Status.OK && regularizer(r).equals(regularizer))
        .sorted(Comparator.comparingDouble(RegularizerComparison::lambda))
        .toList();
  }

  /** The training set-up, read from the trials' parameters. */
  static String setup(List<TrialResult> results) {
    Trial t = results.get(0).trial();
    Object dataset = t.params().getOrDefault("dataset", "mnist");
    return String.format(
        Locale.ROOT,
        "## Set-up%n%n"
            + "Data: %s, the first training images held out for validation (--validation-size, 5,000 by"
            + " default). Network: one hidden layer of %s ReLU units, Adam lr %s, batch %s, %s steps per"
            + " trial, seed %s. OVR adds lambda * ||sum_i Hn_i||^2"
            + " over the batch's row-normalised hidden codes; L1 adds lambda * sum of the hidden activations;"
            + " dropout drops hidden units with the given rate in training only. Sparsity: AVR is the mean"
            + " number of active (> 0) hidden units per test example, `%s` the fraction of test activations"
            + " below %s (Doc 001's measure).%n",
        dataset,
        t.params().get("hidden"),
        t.params().get("learning_rate"),
        t.params().get("batch"),
        t.params().get("steps"),
        t.params().get("seed"),
        MlpClassifier.BELOW_THRESHOLD,
        MlpClassifier.SILENT_BELOW);
  }

  /** The findings paragraph: every sentence computed from the results. */
  static String findings(List<TrialResult> results) {
    StringBuilder sb = new StringBuilder("## Findings\n\n");
    for (TrialResult r : results) {
      if (r.status() != TrialResult.Status.OK) {
        sb.append("- ")
            .append(label(r))
            .append(": ")
            .append(r.status().name().toLowerCase(Locale.ROOT))
            .append(": ")
            .append(r.message())
            .append('\n');
      }
    }
    List<TrialResult> ovr = ok(results, OVR);
    if (ovr.isEmpty()) {
      return sb.append("No OVR trial finished, so there is nothing to compare.\n").toString();
    }
    boolean byValidation =
        ovr.stream().allMatch(r -> Double.isFinite(r.metric(Metrics.VALIDATION_ACCURACY)));
    String chooseOn = byValidation ? Metrics.VALIDATION_ACCURACY : Metrics.TEST_ACCURACY;
    TrialResult best = Collections.max(ovr, Comparator.comparingDouble(r -> r.metric(chooseOn)));
    sb.append(
        String.format(
            Locale.ROOT,
            "OVR lambda chosen on %s: %s (%s %.4f, test accuracy %.4f, AVR %.1f, %s %.4f).%n",
            byValidation ? "validation accuracy" : "test accuracy (no validation set)",
            lambdaText(lambda(best)),
            chooseOn,
            best.metric(chooseOn),
            best.metric(Metrics.TEST_ACCURACY),
            best.metric(Metrics.AVR_TEST),
            MlpClassifier.BELOW_THRESHOLD,
            best.metric(MlpClassifier.BELOW_THRESHOLD)));
    for (String baseline : List.of(DROPOUT, NONE)) {
      List<TrialResult> rows = ok(results, baseline);
      if (!rows.isEmpty()) {
        sb.append('\n').append(compare(best, rows.get(0), baseline.equals(DROPOUT))).append('\n');
      }
    }
    for (TrialResult l1 : ok(results, "l1")) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%n%s: test accuracy %.4f (%+.2f points against the chosen OVR row), AVR %.1f, %s %.4f.%n",
              label(l1),
              l1.metric(Metrics.TEST_ACCURACY),
              100 * (l1.metric(Metrics.TEST_ACCURACY) - best.metric(Metrics.TEST_ACCURACY)),
              l1.metric(Metrics.AVR_TEST),
              MlpClassifier.BELOW_THRESHOLD,
              l1.metric(MlpClassifier.BELOW_THRESHOLD)));
    }
    sb.append('\n').append(trend(ovr)).append('\n');
    return sb.toString();
  }

  /** OVR's chosen row against a baseline: accuracy difference and sparsity by both measures. */
  static String compare(TrialResult ovr, TrialResult other, boolean onParClaim) {
    // Rounded to the hundredths that 10,000 test examples resolve, so a printed +0.50 is within
    // 0.5.
    double points =
        Math.round(
                10_000 * (ovr.metric(Metrics.TEST_ACCURACY) - other.metric(Metrics.TEST_ACCURACY)))
            / 100.0;
    double avrOvr = ovr.metric(Metrics.AVR_TEST);
    double avrOther = other.metric(Metrics.AVR_TEST);
    double silentOvr = ovr.metric(MlpClassifier.BELOW_THRESHOLD);
    double silentOther = other.metric(MlpClassifier.BELOW_THRESHOLD);
    boolean fewerActive = avrOvr < avrOther;
    boolean moreSilent = silentOvr > silentOther;
    String sparser =
        fewerActive && moreSilent
            ? "sparser by both measures"
            : !fewerActive && !moreSilent
                ? "not sparser by either measure"
                : "sparser by " + (fewerActive ? "AVR" : MlpClassifier.BELOW_THRESHOLD) + " only";
    String gap = String.format(Locale.ROOT, "%.1f point", ON_PAR_POINTS);
    String verdict;
    if (Math.abs(points) <= ON_PAR_POINTS) {
      verdict =
          "within "
              + gap
              + (onParClaim ? ", so the document's \"on par with Dropout\" holds here" : "");
    } else if (points > 0) {
      verdict =
          "OVR is better by more than "
              + gap
              + (onParClaim ? " (the document claims only \"on par\")" : "");
    } else {
      verdict =
          "OVR is worse by more than "
              + gap
              + (onParClaim
                  ? ", so the document's \"on par with Dropout\" does not hold here"
                  : "");
    }
    return String.format(
        Locale.ROOT,
        "Against %s: test accuracy %.4f vs %.4f, %+.2f points: %s. OVR's row is %s: AVR %.1f vs %.1f active"
            + " units per example, %s %.4f vs %.4f.",
        label(other),
        ovr.metric(Metrics.TEST_ACCURACY),
        other.metric(Metrics.TEST_ACCURACY),
        points,
        verdict,
        sparser,
        avrOvr,
        avrOther,
        MlpClassifier.BELOW_THRESHOLD,
        silentOvr,
        silentOther);
  }

  /**
   * The document's trend: sparsity and accuracy rise together up to about lambda = 1e-4, then
   * sparsity keeps rising while accuracy falls. Where accuracy peaks, and whether sparsity rises.
   */
  static String trend(List<TrialResult> ovr) {
    TrialResult peak =
        Collections.max(ovr, Comparator.comparingDouble(r -> r.metric(Metrics.TEST_ACCURACY)));
    StringBuilder values = new StringBuilder();
    boolean rising = true;
    for (int i = 0; i < ovr.size(); i++) {
      TrialResult r = ovr.get(i);
      values
          .append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%s: %.4f / %.4f / %.1f",
                  lambdaText(lambda(r)),
                  r.metric(Metrics.TEST_ACCURACY),
                  r.metric(MlpClassifier.BELOW_THRESHOLD),
                  r.metric(Metrics.AVR_TEST)));
      if (i > 0
          && r.metric(MlpClassifier.BELOW_THRESHOLD)
              < ovr.get(i - 1).metric(MlpClassifier.BELOW_THRESHOLD)) {
        rising = false;
      }
    }
    return String.format(
        Locale.ROOT,
        "Trend over the OVR lambdas (test accuracy / %s / AVR): %s. Test accuracy peaks at lambda %s"
            + " (the document: about 1e-4). The fraction below %s %s as lambda grows (the document: it keeps"
            + " rising).%n",
        MlpClassifier.BELOW_THRESHOLD,
        values,
        lambdaText(lambda(peak)),
        MlpClassifier.SILENT_BELOW,
        rising ? "rises at every step" : "does not rise at every step");
  }

  /**
   * Three panels against the OVR lambda: test accuracy, AVR on test, fraction below 0.1. The other
   * rows (none, dropout, each L1 lambda) are flat lines across, since OVR's lambda is not theirs.
   */
  static void writeFigure(List<TrialResult> results, Path png, List<String> caption)
      throws IOException {
    List<TrialResult> points = SeedSpread.means(results);
    List<TrialResult> ovr = ok(points, OVR);
    List<String> xLabels = new ArrayList<>();
    for (TrialResult r : ovr) {
      xLabels.add(lambdaText(lambda(r)));
    }
    String[] metrics = {Metrics.TEST_ACCURACY, Metrics.AVR_TEST, MlpClassifier.BELOW_THRESHOLD};
    // Per metric: the series, and their error bars (sd over seeds) when points repeat.
    List<Map<String, List<Double>>> series = new ArrayList<>();
    List<Map<String, List<Double>>> errors = new ArrayList<>();
    boolean bars = SeedSpread.severalSeeds(results);
    for (String m : metrics) {
      Map<String, List<Double>> lines = new LinkedHashMap<>();
      Map<String, List<Double>> spread = new LinkedHashMap<>();
      lines.put("ovr", values(ovr, m));
      if (bars) {
        spread.put("ovr", SeedSpread.sds(results, ovr, m));
      }
      for (TrialResult r : points) {
        if (r.status() != TrialResult.Status.OK || regularizer(r).equals(OVR)) {
          continue;
        }
        lines.put(label(r), Collections.nCopies(xLabels.size(), r.metric(m)));
        if (bars) {
          spread.put(label(r), Collections.nCopies(xLabels.size(), SeedSpread.sd(results, r, m)));
        }
      }
      series.add(lines);
      errors.add(spread);
    }
    Map<String, List<Double>> accuracy = series.get(0);
    Map<String, List<Double>> avr = series.get(1);
    Map<String, List<Double>> silent = series.get(2);
    List<SweepFigure.Panel> panels =
        List.of(
            new SweepFigure.Panel("Test accuracy", "accuracy", false, accuracy, errors.get(0)),
            new SweepFigure.Panel(
                "AVR: active hidden units per test example",
                "active units (log scale)",
                true,
                avr,
                errors.get(1)),
            new SweepFigure.Panel(
                "Fraction of test activations below " + MlpClassifier.SILENT_BELOW,
                MlpClassifier.BELOW_THRESHOLD,
                false,
                silent,
                errors.get(2)));
    SweepFigure.write(png, "OVR lambda (other regularizers: flat lines)", xLabels, panels, caption);
  }

  private static List<Double> values(List<TrialResult> rows, String metric) {
    List<Double> out = new ArrayList<>();
    for (TrialResult r : rows) {
      out.add(r.metric(metric));
    }
    return out;
  }
}
