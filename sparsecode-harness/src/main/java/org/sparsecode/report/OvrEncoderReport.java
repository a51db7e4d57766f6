package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.OvrEncoder;
import org.sparsecode.harness.TrialNames.OvrEncoder.Features;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;

/**
 * The report of Doc 001's experiment 3 ({@code model: ovr_encoder}): one row per kind of features
 * and setting, the figure (accuracy and sparsity by features, and the OVR-Encoder against batch
 * size and lambda), and findings computed from the numbers. The document published no table for it,
 * so there is no "paper" column.
 *
 * <p>{@code lambda} is shown only for the OVR-Encoder and {@code batch} only for the trained
 * encoders: the other rows do not use them.
 */
public final class OvrEncoderReport {
  private OvrEncoderReport() {}

  static final String AVR = "avr";

  /** Columns after the setting columns, in this order. */
  static final List<String> METRICS =
      List.of(
          Metrics.TEST_ACCURACY,
          Metrics.VALIDATION_ACCURACY,
          OvrEncoder.SPARSITY_BELOW_0_1,
          OvrEncoder.ZERO_FRACTION,
          AVR,
          Metrics.DEAD_FRACTION,
          OvrEncoder.CODE_WIDTH,
          OvrEncoder.ENCODER_EPOCHS,
          Metrics.STEPS,
          OvrEncoder.LR_DROPS,
          OvrEncoder.ENCODER_VALIDATION_LOSS,
          "test_ovr",
          "test_activity",
          "test_reconstruction_mse",
          "test_l1",
          OvrEncoder.PROBE_EPOCHS,
          OvrEncoder.ENCODER_SECONDS,
          OvrEncoder.PROBE_SECONDS,
          Metrics.WALL_SECONDS);

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
    ResultTable table = table(spec, budget, results, command);
    CsvReport.write(table, csv);
    // Each grid point once, its metrics the mean over its seeds.
    List<TrialResult> points = SeedSpread.means(results);
    List<String> sections = new ArrayList<>(List.of(findings(spec, results), settings(points)));
    SeedSpread.addTo(
        sections,
        results,
        List.of(
            Metrics.TEST_ACCURACY,
            OvrEncoder.SPARSITY_BELOW_0_1,
            OvrEncoder.ZERO_FRACTION,
            Metrics.AVR_TEST),
        r -> SeedSpread.pointOf(r),
        table.notes(),
        csv);
    List<CurvesFigure.Curve> curves =
        CurvesFigure.read(results, artifacts, OvrEncoder.PROBE_CURVE, OvrEncoderReport::curveLabel)
            .stream()
            .map(OvrEncoderReport::inEpochs)
            .toList();
    String curvesPng = spec.table() + "-curves.png";
    boolean drawn =
        CurvesFigure.write(
            png.resolveSibling(curvesPng), curves, Optional.empty(), table.caption(), PROBE);
    sections.add(probeCurves(results, curves, drawn ? curvesPng : null));
    MarkdownReport.write(table, md, sections);
    writeFigure(spec, table, results, png);
    return MarkdownReport.render(table);
  }

  /**
   * A probe curve with its steps counted in epochs: the probe is evaluated once an epoch, so its
   * first row's step is one epoch (1,719 steps for 55,000 examples in batches of 32).
   */
  static CurvesFigure.Curve inEpochs(CurvesFigure.Curve c) {
    int column = c.table().columns().indexOf("step");
    double epoch = c.table().rows().isEmpty() ? 1 : c.table().rows().get(0)[column];
    List<double[]> rows = new ArrayList<>();
    for (double[] row : c.table().rows()) {
      double[] copy = row.clone();
      copy[column] = Math.round(row[column] / epoch);
      rows.add(copy);
    }
    return new CurvesFigure.Curve(c.label(), new CurveCsv.Table(c.table().columns(), rows));
  }

  /** The probe's curve: its validation accuracy, and the features' activity on its batch. */
  static final CurvesFigure.Panels PROBE =
      new CurvesFigure.Panels(
          "probe epoch",
          "validation_accuracy",
          "Logistic-regression probe: validation accuracy",
          "validation accuracy",
          "avr_train_batch",
          "Active features per example on the probe's batch",
          "active features per example (log scale)");

  /** "ovr_encoder, lambda 1e-05, batch 128": the features and the settings that apply to them. */
  static String curveLabel(TrialResult r) {
    Features f = features(r);
    StringBuilder label = new StringBuilder(f.key());
    if (f == Features.OVR_ENCODER) {
      label
          .append(", lambda ")
          .append(MarkdownReport.display("lambda", r.trial().doubleParam("lambda")));
    }
    if (trained(f)) {
      label.append(", batch ").append(r.trial().intParam("batch"));
    }
    return label.toString();
  }

  /** Which trials have a probe curve, and each one's best validation accuracy and its epoch. */
  static String probeCurves(
      List<TrialResult> results, List<CurvesFigure.Curve> curves, String png) {
    StringBuilder sb = new StringBuilder("## Probe curves\n\n");
    if (curves.isEmpty()) {
      return sb.append(
              "None of these trials has a probe curve (`"
                  + OvrEncoder.PROBE_CURVE
                  + "` in its artifacts folder): they ran before curves were recorded.\n")
          .toString();
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%d of %d trials have a curve%s. Each point is the evaluation of the logistic-regression"
                + " probe after an epoch of training on the fixed features: its validation accuracy, and the"
                + " number of features active per example on the batch it was just trained on. The"
                + " encoders' own curves (training and validation loss and learning rate per epoch)"
                + " are in each trial's `%s`.%n%n",
            curves.size(),
            results.size(),
            png == null ? "" : " ([graphs/" + png + "](../graphs/" + png + "))",
            CurveCsv.FILE));
    sb.append(
        "| trial | best validation accuracy | at epoch | at the last epoch |\n"
            + "| --- | ---: | ---: | ---: |\n");
    for (CurvesFigure.Curve c : curves) {
      double[] step = c.table().column("step");
      double[] acc = c.table().column("validation_accuracy");
      int best = LearningCurves.argMax(acc);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %,.0f | %.4f |%n",
              c.label(),
              acc[best],
              step[best],
              acc[acc.length - 1]));
    }
    return sb.toString();
  }

  static ResultTable table(
      SweepSpec spec, String budget, List<TrialResult> results, String command) {
    List<String> columns =
        new ArrayList<>(List.of("dataset", "features", "lambda", "batch", "status"));
    columns.addAll(METRICS);
    columns.add("seed");
    List<List<Object>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Trial t = r.trial();
      Features f = features(r);
      List<Object> row = new ArrayList<>();
      row.add(t.stringParam("dataset"));
      row.add(f.key());
      row.add(f == Features.OVR_ENCODER ? t.doubleParam("lambda") : null);
      row.add(trained(f) ? (double) t.intParam("batch") : null);
      row.add(r.status().name().toLowerCase(Locale.ROOT));
      for (String m : METRICS) {
        double v = r.metric(m.equals(AVR) ? Metrics.AVR_TEST : m);
        row.add(Double.isNaN(v) ? null : v);
      }
      row.add(t.longParam("seed"));
      rows.add(row);
    }
    List<String> notes = new ArrayList<>();
    for (String note : SweepTables.provenance(spec, budget, results, command)) {
      notes.add(note.startsWith("budget:") ? budgetNote(budget, results) : note);
    }
    return WilsonColumns.add(
        new ResultTable(spec.title() + " (" + spec.table() + ")", columns, rows, notes), results);
  }

  private static String budgetNote(String budget, List<TrialResult> results) {
    Trial t = results.get(0).trial();
    int trainSize = t.intParam("train_size");
    return String.format(
        Locale.ROOT,
        "budget: %s (encoders: %d epoch(s), at most %d steps; probe: %d epoch(s); training examples: %s)",
        budget,
        t.intParam("epochs"),
        t.intParam("steps"),
        t.intParam("probe_epochs"),
        trainSize == 0 ? "all" : String.valueOf(trainSize));
  }

  static Features features(TrialResult r) {
    return Features.parse(r.trial().stringParam("features"));
  }

  private static boolean trained(Features f) {
    return f == Features.OVR_ENCODER || f == Features.L1_AUTOENCODER;
  }

  private static boolean ok(TrialResult r) {
    return r.status() == TrialResult.Status.OK;
  }

  /**
   * Sections of numbers computed from the table: do the codes beat pixels, does small batch hurt.
   */
  static String findings(SweepSpec spec, List<TrialResult> results) {
    boolean severalSeeds = SeedSpread.severalSeeds(results);
    // Each grid point once, its metrics the mean over its seeds.
    results = SeedSpread.means(results);
    StringBuilder sb = new StringBuilder("## Findings\n\n");
    Map<Features, TrialResult> baseline = new LinkedHashMap<>();
    for (TrialResult r : results) {
      Features f = features(r);
      if (f != Features.OVR_ENCODER && ok(r)) {
        baseline.putIfAbsent(f, r);
      }
    }
    List<TrialResult> ovr =
        results.stream().filter(r -> features(r) == Features.OVR_ENCODER && ok(r)).toList();
    if (ovr.isEmpty()) {
      return sb.append("No OVR-Encoder trial finished.\n").toString();
    }
    // The encoder to compare is chosen on validation accuracy, never on test.
    TrialResult best = ovr.get(0);
    for (TrialResult r : ovr) {
      if (r.metric(Metrics.VALIDATION_ACCURACY) > best.metric(Metrics.VALIDATION_ACCURACY)) {
        best = r;
      }
    }
    double bestTest = best.metric(Metrics.TEST_ACCURACY);
    sb.append(
        String.format(
            Locale.ROOT,
            "- Best OVR-Encoder by validation accuracy: %s, test accuracy %.4f, %.1f%% of its test activations below 0.1.%n",
            best.trial().id(),
            bestTest,
            100 * best.metric(OvrEncoder.SPARSITY_BELOW_0_1)));
    for (Map.Entry<Features, TrialResult> e : baseline.entrySet()) {
      double theirs = e.getValue().metric(Metrics.TEST_ACCURACY);
      sb.append(
          String.format(
              Locale.ROOT,
              "- Against %s: %.4f, so the OVR codes are %s by %.2f points.%n",
              e.getKey().key(),
              theirs,
              bestTest > theirs ? "better" : bestTest < theirs ? "worse" : "equal",
              100 * Math.abs(bestTest - theirs)));
    }
    TrialResult raw = baseline.get(Features.RAW);
    if (raw != null) {
      long beating =
          ovr.stream()
              .filter(r -> r.metric(Metrics.TEST_ACCURACY) > raw.metric(Metrics.TEST_ACCURACY))
              .count();
      sb.append(
          String.format(
              Locale.ROOT,
              "- %d of %d OVR-Encoder trials beat logistic regression on raw pixels (%.4f).%n",
              beating,
              ovr.size(),
              raw.metric(Metrics.TEST_ACCURACY)));
    }
    TrialResult random = baseline.get(Features.RANDOM_RELU);
    Optional<TrialResult> atDefaults = atDefaults(spec, ovr);
    if (random != null && atDefaults.isPresent()) {
      TrialResult d = atDefaults.get();
      sb.append(
          String.format(
              Locale.ROOT,
              "- Training the OVR-Encoder (%s) changes the share of test activations below 0.1 from %.1f%% (random ReLU features: the same layer, untrained) to %.1f%%, exact zeros from %.1f%% to %.1f%%, and the AVR from %.0f to %.0f of %.0f units; test accuracy from %.4f to %.4f.%n",
              d.trial().id(),
              100 * random.metric(OvrEncoder.SPARSITY_BELOW_0_1),
              100 * d.metric(OvrEncoder.SPARSITY_BELOW_0_1),
              100 * random.metric(OvrEncoder.ZERO_FRACTION),
              100 * d.metric(OvrEncoder.ZERO_FRACTION),
              random.metric(Metrics.AVR_TEST),
              d.metric(Metrics.AVR_TEST),
              d.metric(OvrEncoder.CODE_WIDTH),
              random.metric(Metrics.TEST_ACCURACY),
              d.metric(Metrics.TEST_ACCURACY)));
    }
    double low =
        ovr.stream().mapToDouble(r -> r.metric(OvrEncoder.SPARSITY_BELOW_0_1)).min().orElseThrow();
    double high =
        ovr.stream().mapToDouble(r -> r.metric(OvrEncoder.SPARSITY_BELOW_0_1)).max().orElseThrow();
    sb.append(
        String.format(
            Locale.ROOT,
            "- Across the %d OVR-Encoder trials, %.1f%% to %.1f%% of the test activations are below 0.1.%n",
            ovr.size(),
            100 * low,
            100 * high));
    sb.append('\n')
        .append(sweepSection(spec, ovr, "batch", "Does a small batch hurt?"))
        .append('\n');
    sb.append(sweepSection(spec, ovr, "lambda", "Lambda")).append('\n');
    sb.append(
        severalSeeds
            ? "A point with several seeds counts by its mean over them; their spread is under Over"
                + " seeds.\n"
            : "All numbers come from one seed; differences of a few tenths of a point may be"
                + " noise.\n");
    return sb.toString();
  }

  /** The OVR-Encoder trial at the sweep file's default lambda and batch, if it ran. */
  static Optional<TrialResult> atDefaults(SweepSpec spec, List<TrialResult> ovr) {
    Object lambda = spec.params().get("lambda");
    Object batch = spec.params().get("batch");
    if (lambda == null || batch == null) {
      return Optional.empty();
    }
    return ovr.stream()
        .filter(r -> r.trial().doubleParam("lambda") == Double.parseDouble(lambda.toString()))
        .filter(r -> r.trial().doubleParam("batch") == Double.parseDouble(batch.toString()))
        .findFirst();
  }

  /**
   * The OVR-Encoder trials that differ from the default only in {@code key}, in increasing order of
   * it, with accuracy and sparsity; for batch also the verdict on small batches.
   */
  static String sweepSection(SweepSpec spec, List<TrialResult> ovr, String key, String title) {
    List<TrialResult> series = series(spec, ovr, key);
    StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
    if (series.size() < 2) {
      return sb.append("Fewer than two trials vary ").append(key).append(".\n").toString();
    }
    for (TrialResult r : series) {
      sb.append(
          String.format(
              Locale.ROOT,
              "- %s %s: test accuracy %.4f, %.1f%% below 0.1, %.1f%% exact zeros, AVR %.1f%n",
              key,
              MarkdownReport.display(key, r.trial().doubleParam(key)),
              r.metric(Metrics.TEST_ACCURACY),
              100 * r.metric(OvrEncoder.SPARSITY_BELOW_0_1),
              100 * r.metric(OvrEncoder.ZERO_FRACTION),
              r.metric(Metrics.AVR_TEST)));
    }
    if (key.equals("batch")) {
      TrialResult smallest = series.get(0);
      double largestAccuracy =
          series.stream().mapToDouble(r -> r.metric(Metrics.TEST_ACCURACY)).max().orElseThrow();
      TrialResult bestBatch =
          series.stream()
              .filter(r -> r.metric(Metrics.TEST_ACCURACY) == largestAccuracy)
              .findFirst()
              .orElseThrow();
      double drop = largestAccuracy - smallest.metric(Metrics.TEST_ACCURACY);
      sb.append(
          String.format(
              Locale.ROOT,
              "%nThe smallest batch (%d) reaches %.4f, %.2f points below the best batch (%d, %.4f): %s%n",
              smallest.trial().intParam("batch"),
              smallest.metric(Metrics.TEST_ACCURACY),
              100 * drop,
              bestBatch.trial().intParam("batch"),
              largestAccuracy,
              drop > 0.005
                  ? "here a small batch hurts, as the document says."
                  : "here a small batch does not hurt by more than half a point."));
      sb.append(
          "Epochs, not steps, are equal across batch sizes: every trial sees the same number of examples.\n");
      sb.append(
          "The OVR loss grows with the square of the batch, so at one lambda its weight against L differs with the batch.\n");
    }
    return sb.toString();
  }

  /**
   * The OVR-Encoder trials that vary {@code key} while the other swept setting (batch for lambda,
   * lambda for batch) is at its default in the sweep file's params, in increasing order of {@code
   * key}.
   */
  static List<TrialResult> series(SweepSpec spec, List<TrialResult> ovr, String key) {
    String other = key.equals("batch") ? "lambda" : "batch";
    Object fallback = spec.params().get(other);
    if (fallback == null) {
      return List.of();
    }
    double defaultValue = Double.parseDouble(fallback.toString());
    List<TrialResult> series =
        new ArrayList<>(
            ovr.stream().filter(r -> r.trial().doubleParam(other) == defaultValue).toList());
    series.sort((a, b) -> Double.compare(a.trial().doubleParam(key), b.trial().doubleParam(key)));
    return series;
  }

  private static String settings(List<TrialResult> results) {
    Trial t = results.get(0).trial();
    return String.format(
        Locale.ROOT,
        """
        ## Settings

        - Every feature kind is scored by the same probe: logistic regression (one softmax layer, weights starting at 0), Adam at %s, batch %d, %d epochs over the stored features of the training examples; accuracy on the whole test set.
        - PCA: each pixel standardised on the training examples (a pixel constant there is only centred), then projected on %d principal axes (no whitening). MNIST has 784 pixels, so this is nearly a rotation; the document's 781 was chosen for CIFAR-10.
        - OVR-Encoder: Dense %d ReLU units on the PCA features, weights N(0, %s^2), biases 0, J = lambda * ||sum_i H_i/||H_i|| ||^2 + |mean(H) - %s|, Adam at %s, the rate divided by 10 after %d epochs without a lower validation J (J averaged over validation batches of the training batch size), update rule: %s.
        - Random ReLU features: the same layer with the same initial weights, untrained.
        - L1 sparse autoencoder: the same encoder layer and start, a linear decoder (weights N(0, %s^2)) back to the PCA features, loss = mean squared error + %s * mean over the batch of ||H_i||_1, trained like the OVR-Encoder (same epochs, batch, rate and schedule).
        - Sparsity: fraction of the test activations below 0.1 (the document's measure), fraction exactly 0, and AVR, the mean number of units above 0 per test example. For raw pixels and PCA features these are computed the same way; PCA features are signed, so their "below 0.1" includes negative values and is not a sparsity.
        """,
        MarkdownReport.display("lambda", t.doubleParam("probe_learning_rate")),
        t.intParam("probe_batch"),
        t.intParam("probe_epochs"),
        t.intParam("pca_components"),
        t.intParam("units"),
        t.stringParam("init_stddev"),
        t.stringParam("activity_target"),
        MarkdownReport.display("lambda", t.doubleParam("learning_rate")),
        t.intParam("lr_patience"),
        t.stringParam("update_rule"),
        t.stringParam("ae_decoder_stddev"),
        MarkdownReport.display("lambda", t.doubleParam("ae_l1")));
  }

  /** Accuracy and sparsity by features, and the OVR-Encoder against batch size and lambda. */
  static void writeFigure(
      SweepSpec spec, ResultTable table, List<TrialResult> seedResults, Path png)
      throws IOException {
    // Each grid point once (the mean over its seeds), with the sd over seeds as error bars.
    List<TrialResult> results = SeedSpread.means(seedResults);
    List<TrialResult> drawn = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    List<Double> below = new ArrayList<>();
    List<Double> zeros = new ArrayList<>();
    Optional<TrialResult> ovrDefault = bestOvr(results);
    for (TrialResult r : results) {
      Features f = features(r);
      if (!ok(r)
          || kinds.contains(f.key())
          || (f == Features.OVR_ENCODER && (ovrDefault.isEmpty() || r != ovrDefault.get()))) {
        continue;
      }
      kinds.add(f.key());
      drawn.add(r);
      accuracy.add(r.metric(Metrics.TEST_ACCURACY));
      below.add(r.metric(OvrEncoder.SPARSITY_BELOW_0_1));
      zeros.add(r.metric(OvrEncoder.ZERO_FRACTION));
    }
    List<SweepFigure.Panel> panels = new ArrayList<>();
    Map<String, String> metricOf =
        Map.of(
            "test accuracy", Metrics.TEST_ACCURACY,
            "activations below 0.1", OvrEncoder.SPARSITY_BELOW_0_1,
            "exact zeros", OvrEncoder.ZERO_FRACTION);
    Map<String, List<Double>> accuracySeries = Map.of("test accuracy", accuracy);
    panels.add(
        new SweepFigure.Panel(
            "Test accuracy of logistic regression",
            "accuracy",
            false,
            accuracySeries,
            SeedSpread.errorBars(seedResults, drawn, accuracySeries, metricOf),
            "features",
            kinds,
            true));
    Map<String, List<Double>> sparsity = new LinkedHashMap<>();
    sparsity.put("activations below 0.1", below);
    sparsity.put("exact zeros", zeros);
    panels.add(
        new SweepFigure.Panel(
            "Sparsity of the test features",
            "fraction of activations",
            false,
            sparsity,
            SeedSpread.errorBars(seedResults, drawn, sparsity, metricOf),
            "features",
            kinds,
            true));
    List<TrialResult> ovr =
        results.stream().filter(r -> features(r) == Features.OVR_ENCODER && ok(r)).toList();
    for (String key : List.of("batch", "lambda")) {
      List<TrialResult> series = series(spec, ovr, key);
      if (series.size() < 2) {
        continue; // one point is no curve: the sweep did not vary this setting
      }
      List<String> labels = new ArrayList<>();
      List<Double> accuracyLine = new ArrayList<>();
      Map<String, List<Double>> sparsityLines = new LinkedHashMap<>();
      sparsityLines.put("activations below 0.1", new ArrayList<>());
      sparsityLines.put("exact zeros", new ArrayList<>());
      for (TrialResult r : series) {
        labels.add(MarkdownReport.display(key, r.trial().doubleParam(key)));
        accuracyLine.add(r.metric(Metrics.TEST_ACCURACY));
        sparsityLines.get("activations below 0.1").add(r.metric(OvrEncoder.SPARSITY_BELOW_0_1));
        sparsityLines.get("exact zeros").add(r.metric(OvrEncoder.ZERO_FRACTION));
      }
      Map<String, List<Double>> accuracyLines = Map.of("test accuracy", accuracyLine);
      panels.add(
          new SweepFigure.Panel(
              "OVR-Encoder: test accuracy against " + key,
              "accuracy",
              false,
              accuracyLines,
              SeedSpread.errorBars(seedResults, series, accuracyLines, metricOf),
              key,
              labels,
              false));
      panels.add(
          new SweepFigure.Panel(
              "OVR-Encoder: sparsity against " + key,
              "fraction of test activations",
              false,
              sparsityLines,
              SeedSpread.errorBars(seedResults, series, sparsityLines, metricOf),
              key,
              labels,
              false));
    }
    List<String> caption = new ArrayList<>(table.caption());
    ovrDefault.ifPresent(
        r ->
            caption.add(
                "ovr_encoder bars: "
                    + r.trial().id()
                    + " (best OVR-Encoder by validation accuracy)"));
    SweepFigure.write(png, "features", kinds, panels, caption);
  }

  private static Optional<TrialResult> bestOvr(List<TrialResult> results) {
    return results.stream()
        .filter(r -> features(r) == Features.OVR_ENCODER && ok(r))
        .max(
            (a, b) ->
                Double.compare(
                    a.metric(Metrics.VALIDATION_ACCURACY), b.metric(Metrics.VALIDATION_ACCURACY)));
  }
}
