package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Classifier;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.model.ConvAutoencoderClassifier;

/**
 * Turns a finished sweep into its table (ours beside the document's numbers), Markdown report and
 * figure. Columns: the grid parameters, then our metrics, the document's numbers as {@code
 * paper_<name>}, and the run's bookkeeping.
 */
public final class SweepTables {
  private SweepTables() {}

  /** Our metrics shown in the table, in this order. */
  static final List<String> METRIC_COLUMNS =
      List.of(
          Metrics.TEST_ACCURACY,
          Metrics.AVR_TRAIN,
          Metrics.AVR_TEST,
          Metrics.L0_FRACTION_TEST,
          Metrics.DEAD_FRACTION,
          Metrics.VALIDATION_ACCURACY);

  /** Kept in the trial files but left out of the table. */
  static final Set<String> NOT_SHOWN = Set.of("test_loss", Metrics.FINAL_LOSS);

  static final String TRAIN_BATCH_SUFFIX = "_train_batch";

  /** Document numbers compared with a differently named metric of ours, or with none. */
  static final Set<String> PAPER_ONLY = Set.of("test_accuracy", "avr", "seconds");

  static final List<String> RUN_COLUMNS =
      List.of(
          Metrics.STEPS,
          "seed",
          Metrics.WALL_SECONDS,
          Metrics.STEPS_PER_SECOND,
          Metrics.RSS_MIB_STEP_1000,
          Metrics.RSS_MIB_END);

  /**
   * Writes the CSV, Markdown and PNG, and {@code <table>-reconstructions.png} beside the figure
   * when the trials left reconstructions under {@code artifacts}; returns the Markdown table for
   * the terminal.
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
    ResultTable table = table(spec, budget, results, command);
    CsvReport.write(table, csv);
    ReconstructionGrid.writeIfPresent(
        table, results, artifacts, png.resolveSibling(spec.table() + "-reconstructions.png"));
    List<String> sections = new ArrayList<>(List.of(findings(spec, results)));
    columnsCounted(results).ifPresent(sections::add);
    SeedSpread.addTo(
        sections, results, seedMetrics(results), SeedSpread::pointOf, table.notes(), csv);
    List<CurvesFigure.Curve> curves =
        CurvesFigure.read(results, artifacts, new ArrayList<>(spec.grid().keySet()));
    Optional<CurvesFigure.Mark> mark =
        MidTrainingCheck.forTable(spec.table()).map(MidTrainingCheck::mark);
    String curvesPng = spec.table() + "-curves.png";
    boolean drawn =
        CurvesFigure.write(png.resolveSibling(curvesPng), curves, mark, table.caption());
    sections.add(LearningCurves.section(spec, results, curves, drawn ? curvesPng : null));
    learningSpeed(spec, results).ifPresent(sections::add);
    decoderComparison(SeedSpread.means(results)).ifPresent(sections::add);
    byDecoder(spec, SeedSpread.means(results)).ifPresent(sections::add);
    LearningCurves.decoderLearningSpeed(results, curves).ifPresent(sections::add);
    lossAeComparison(spec, results).ifPresent(sections::add);
    benchmarkSection(spec, md).ifPresent(sections::add);
    MarkdownReport.write(table, md, sections);
    writeFigure(spec, table, png);
    return MarkdownReport.render(table);
  }

  /**
   * What the AVR columns count, with the number of hidden units computed from the results (avr_test
   * / l0_fraction_test); empty when no trial has both.
   */
  static Optional<String> columnsCounted(List<TrialResult> results) {
    java.util.OptionalDouble units =
        results.stream()
            .filter(
                r ->
                    Double.isFinite(r.metric(Metrics.AVR_TEST))
                        && r.metric(Metrics.L0_FRACTION_TEST) > 0)
            .mapToDouble(r -> r.metric(Metrics.AVR_TEST) / r.metric(Metrics.L0_FRACTION_TEST))
            .findFirst();
    if (units.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            java.util.Locale.ROOT,
            "## What the columns count%n%n"
                + "- `avr_train`: the blog's AVR, the mean number of hidden units active per example,"
                + " counted on the last training batch.%n"
                + "- `avr_test`: the same count over the %,d test images; `l0_fraction_test` divides it"
                + " by the %,.0f hidden units.%n"
                + "- `dead_fraction`: the share of the hidden units active on no test image.%n"
                + "- `test_accuracy_ci95`: the 95%% Wilson interval of the test accuracy on the test"
                + " set.%n",
            TestSetSize.IMAGE_TEST_SET,
            units.getAsDouble()));
  }

  /** The metrics a point's seeds are summarised by: accuracy, AVR and what the document gives. */
  static List<String> seedMetrics(List<TrialResult> results) {
    List<String> metrics =
        new ArrayList<>(
            List.of(
                Metrics.TEST_ACCURACY,
                Metrics.AVR_TRAIN,
                Metrics.AVR_TEST,
                ConvAutoencoderClassifier.RECON_MSE,
                ConvAutoencoderClassifier.LOSS_AE));
    metrics.removeIf(m -> results.stream().allMatch(r -> Double.isNaN(r.metric(m))));
    return metrics;
  }

  /**
   * Accuracy and AVR against lambda (or the first grid parameter), ours beside the document's. With
   * further grid parameters (for example a decoder), each of their combinations is a series.
   */
  static void writeFigure(SweepSpec spec, ResultTable table, Path png) throws IOException {
    List<String> keys = new ArrayList<>(spec.grid().keySet());
    String x = keys.contains("lambda") ? "lambda" : keys.get(0);
    List<String> others = keys.stream().filter(k -> !k.equals(x)).toList();
    List<String> xLabels = new ArrayList<>();
    for (Object v : spec.grid().get(x)) {
      xLabels.add(MarkdownReport.display(x, number(v)));
    }
    // Ours: each seed's value per series and point, drawn as the mean with the sd as error bars.
    Map<String, List<List<Double>>> accuracy = new LinkedHashMap<>();
    Map<String, List<List<Double>>> avr = new LinkedHashMap<>();
    // Autoencoders: their reconstruction error, the blog's subpixel-or-transposed question.
    Map<String, List<List<Double>>> reconstruction = new LinkedHashMap<>();
    Map<String, List<Double>> paperAccuracy = new LinkedHashMap<>();
    Map<String, List<Double>> paperAvr = new LinkedHashMap<>();
    // Series in the order they first get a value, ours and the document's interleaved.
    Set<String> accuracyOrder = new LinkedHashSet<>();
    Set<String> avrOrder = new LinkedHashSet<>();
    Set<String> reconstructionOrder = new LinkedHashSet<>();
    int xColumn = table.column(x);
    int n = xLabels.size();
    for (int r = 0; r < table.rows().size(); r++) {
      List<Object> row = table.rows().get(r);
      StringBuilder group = new StringBuilder();
      for (String k : others) {
        group.append(group.length() == 0 ? "" : ", ").append(row.get(table.column(k)));
      }
      String suffix = group.length() == 0 ? "" : " " + group;
      int at = xLabels.indexOf(MarkdownReport.display(x, row.get(xColumn)));
      add(accuracy, accuracyOrder, "ours" + suffix, at, n, cell(table, row, Metrics.TEST_ACCURACY));
      if (others.isEmpty()) {
        add(
            avr,
            avrOrder,
            "ours (last training batch)",
            at,
            n,
            cell(table, row, Metrics.AVR_TRAIN));
        add(avr, avrOrder, "ours (test set)", at, n, cell(table, row, Metrics.AVR_TEST));
      } else {
        add(avr, avrOrder, "ours" + suffix, at, n, cell(table, row, Metrics.AVR_TRAIN));
      }
      Double paperA = cell(table, row, "paper_test_accuracy");
      put(paperAccuracy, "document" + suffix, at, n, paperA);
      if (paperA != null && at >= 0) {
        accuracyOrder.add("document" + suffix);
      }
      Double paperV = cell(table, row, "paper_avr");
      put(paperAvr, "document" + suffix, at, n, paperV);
      if (paperV != null && at >= 0) {
        avrOrder.add("document" + suffix);
      }
      add(
          reconstruction,
          reconstructionOrder,
          "ours" + suffix,
          at,
          n,
          cell(table, row, ConvAutoencoderClassifier.RECON_MSE));
    }
    List<SweepFigure.Panel> panels =
        new ArrayList<>(
            List.of(
                panel("Test accuracy", "accuracy", false, accuracy, paperAccuracy, accuracyOrder),
                panel(
                    others.isEmpty()
                        ? "AVR: active hidden units per example"
                        : "AVR on the last training batch",
                    "active units per example (log scale)",
                    true,
                    avr,
                    paperAvr,
                    avrOrder)));
    if (!reconstruction.isEmpty()) {
      panels.add(
          panel(
              "Reconstruction error on the test set",
              "squared error per pixel on [0, 1] (log scale)",
              true,
              reconstruction,
              Map.of(),
              reconstructionOrder));
    }
    List<String> caption = new ArrayList<>(table.caption());
    if (panels.stream().anyMatch(p -> !p.errorBars().isEmpty())) {
      caption.add(
          "ours: the mean over each point's seeds; error bars (triangles on a log axis): one"
              + " standard deviation");
    }
    SweepFigure.write(png, x, xLabels, panels, caption);
  }

  /**
   * A panel of our series (each point the mean over its seeds, with the sd as error bars where a
   * point has several) and the document's, in {@code order}.
   */
  private static SweepFigure.Panel panel(
      String title,
      String yLabel,
      boolean logY,
      Map<String, List<List<Double>>> ours,
      Map<String, List<Double>> document,
      Set<String> order) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    Map<String, List<Double>> errors = new LinkedHashMap<>();
    boolean repeated = false;
    for (Map.Entry<String, List<List<Double>>> e : ours.entrySet()) {
      List<Double> means = new ArrayList<>();
      List<Double> sds = new ArrayList<>();
      for (List<Double> values : e.getValue()) {
        if (values.isEmpty()) {
          means.add(null);
          sds.add(null);
          continue;
        }
        Spread s = Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
        means.add(s.mean());
        sds.add(s.n() > 1 ? s.std() : null);
        repeated |= s.n() > 1;
      }
      series.put(e.getKey(), means);
      errors.put(e.getKey(), sds);
    }
    series.putAll(document);
    Map<String, List<Double>> ordered = new LinkedHashMap<>();
    for (String name : order) {
      ordered.put(name, series.get(name));
    }
    return new SweepFigure.Panel(title, yLabel, logY, ordered, repeated ? errors : Map.of());
  }

  /** Adds one seed's value of a named series at {@code at}; skips nulls. */
  private static void add(
      Map<String, List<List<Double>>> series,
      Set<String> order,
      String name,
      int at,
      int size,
      Double value) {
    if (value == null || at < 0) {
      return;
    }
    order.add(name);
    List<List<Double>> points =
        series.computeIfAbsent(
            name,
            k -> {
              List<List<Double>> empty = new ArrayList<>();
              for (int i = 0; i < size; i++) {
                empty.add(new ArrayList<>());
              }
              return empty;
            });
    points.get(at).add(value);
  }

  private static Double cell(ResultTable table, List<Object> row, String column) {
    if (!table.columns().contains(column)) {
      return null;
    }
    return row.get(table.column(column)) instanceof Number n ? n.doubleValue() : null;
  }

  /** Sets one point of a named series, creating the series (all gaps) on first use; skips nulls. */
  private static void put(
      Map<String, List<Double>> series, String name, int at, int size, Double value) {
    if (value == null || at < 0) {
      return;
    }
    series
        .computeIfAbsent(
            name, n -> new ArrayList<>(java.util.Collections.nCopies(size, (Double) null)))
        .set(at, value);
  }

  /** The table of a finished sweep, one row per trial in sweep order. */
  public static ResultTable table(
      SweepSpec spec, String budget, List<TrialResult> results, String command) {
    List<String> gridKeys = new ArrayList<>(spec.grid().keySet());
    Set<String> paperKeys = new LinkedHashSet<>();
    for (Map<String, Object> row : spec.paper()) {
      for (String k : row.keySet()) {
        if (!gridKeys.contains(k)) {
          paperKeys.add(k);
        }
      }
    }
    // Metrics a model adds (reconstruction error, ...) follow the common ones.
    Set<String> extraMetrics = new LinkedHashSet<>();
    for (TrialResult r : results) {
      extraMetrics.addAll(r.metrics().keySet());
    }
    extraMetrics.removeAll(METRIC_COLUMNS);
    extraMetrics.removeAll(RUN_COLUMNS);
    extraMetrics.removeAll(NOT_SHOWN);
    // The same quantities on the last training batch, and the curves' cost, stay in the CSV only.
    extraMetrics.removeIf(
        m -> m.endsWith(TRAIN_BATCH_SUFFIX) || m.equals(Classifier.CURVE_SECONDS));
    List<String> metricColumns = new ArrayList<>(METRIC_COLUMNS);
    metricColumns.addAll(extraMetrics);
    // A document's number with no metric of ours under its name (loss_ae) still gets our column,
    // empty where our trials did not measure it.
    for (String k : paperKeys) {
      if (!PAPER_ONLY.contains(k) && !metricColumns.contains(k)) {
        metricColumns.add(k);
      }
    }
    List<String> columns = new ArrayList<>(gridKeys);
    columns.add("status");
    columns.addAll(metricColumns);
    for (String k : paperKeys) {
      columns.add("paper_" + k);
    }
    columns.addAll(RUN_COLUMNS);

    List<List<Object>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Trial t = r.trial();
      Map<String, Object> paper = spec.paperRow(t).orElse(Map.of());
      List<Object> row = new ArrayList<>();
      for (String k : gridKeys) {
        row.add(number(t.params().get(k)));
      }
      row.add(r.status().name().toLowerCase(java.util.Locale.ROOT));
      for (String m : metricColumns) {
        row.add(finiteOrNull(r.metric(m)));
      }
      for (String k : paperKeys) {
        row.add(number(paper.get(k)));
      }
      row.add(finiteOrNull(r.metric(Metrics.STEPS)));
      row.add(t.longParam("seed"));
      row.add(finiteOrNull(r.metric(Metrics.WALL_SECONDS)));
      row.add(finiteOrNull(r.metric(Metrics.STEPS_PER_SECOND)));
      row.add(finiteOrNull(r.metric(Metrics.RSS_MIB_STEP_1000)));
      row.add(finiteOrNull(r.metric(Metrics.RSS_MIB_END)));
      rows.add(row);
    }
    return WilsonColumns.add(
        new ResultTable(
            spec.title() + " (" + spec.table() + ")",
            columns,
            rows,
            provenance(spec, budget, results, command)),
        results);
  }

  static List<String> provenance(
      SweepSpec spec, String budget, List<TrialResult> results, String command) {
    Set<String> commits = new TreeSet<>();
    Set<String> seeds = new TreeSet<>();
    Set<String> machines = new TreeSet<>();
    Set<String> software = new TreeSet<>();
    double wall = 0;
    String first = null;
    String last = null;
    for (TrialResult r : results) {
      RunProvenance p = r.provenance();
      commits.add(p.gitCommit());
      seeds.add(String.valueOf(p.seed()));
      machines.add(
          p.cpuModel()
              + ", "
              + p.os()
              + ", TensorFlow threads intra-op "
              + p.intraOpThreads()
              + " / inter-op "
              + p.interOpThreads());
      software.add("TensorFlow " + p.tensorflowVersion() + ", " + p.jvm());
      wall += p.wallSeconds();
      first = first == null || p.startTime().compareTo(first) < 0 ? p.startTime() : first;
      last = last == null || p.startTime().compareTo(last) > 0 ? p.startTime() : last;
    }
    List<String> lines = new ArrayList<>();
    lines.add("command: " + command);
    lines.add("document: " + spec.document());
    lines.add("budget: " + budget + " (" + spec.steps(budget) + " steps per trial)");
    lines.add("seed: " + String.join(", ", seeds));
    lines.add("commit: " + String.join(", ", commits));
    lines.add("machine: " + String.join("; ", machines));
    lines.add("software: " + String.join("; ", software));
    lines.add("trials started: " + first + " .. " + last);
    lines.add(
        String.format(
            java.util.Locale.ROOT,
            "sweep wall time: %.0f s (sum over %d trials)",
            wall,
            results.size()));
    return lines;
  }

  /** A Markdown section of numbers computed from the table: how ours compares with the document. */
  static String findings(SweepSpec spec, List<TrialResult> results) {
    StringBuilder sb = new StringBuilder("## How ours compares\n\n");
    boolean severalSeeds = SeedSpread.severalSeeds(results);
    List<TrialResult> seedResults = results;
    // Each grid point once: the mean over its seeds, and the first seed's run for the times.
    results = SeedSpread.means(results);
    int compared = 0;
    int withinOnePoint = 0;
    double ourSeconds = 0;
    double paperSeconds = 0;
    boolean allPaperSeconds = true;
    List<String> lines = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Object> paper = spec.paperRow(r.trial()).orElse(Map.of());
      ourSeconds += r.provenance().wallSeconds();
      Object ps = paper.get("seconds");
      if (ps == null) {
        allPaperSeconds = false;
      } else {
        paperSeconds += ((Number) number(ps)).doubleValue();
      }
      Object pa = paper.get("test_accuracy");
      double ours = r.metric(Metrics.TEST_ACCURACY);
      if (pa != null && r.status() == TrialResult.Status.OK) {
        double theirs = ((Number) number(pa)).doubleValue();
        compared++;
        boolean ok = ours >= theirs - 0.01;
        if (ok) {
          withinOnePoint++;
        }
        Object pavr = paper.get("avr");
        lines.add(
            String.format(
                java.util.Locale.ROOT,
                "- %s: accuracy %.4f%s vs %.4f (%+.2f points)%s; AVR %.2f on the training batch, %.2f on test, vs %s",
                r.trial().id(),
                ours,
                seedNote(seedResults, r),
                theirs,
                100 * (ours - theirs),
                ok ? "" : " **more than one point below**",
                r.metric(Metrics.AVR_TRAIN),
                r.metric(Metrics.AVR_TEST),
                pavr == null ? "n/a" : pavr));
      } else if (r.status() != TrialResult.Status.OK) {
        lines.add("- " + r.trial().id() + ": diverged: " + r.message());
      }
    }
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "%d of %d %s reach the document's test accuracy within one point or better.%n%n",
            withinOnePoint,
            compared,
            severalSeeds ? "grid points (mean over their seeds)" : "trials"));
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    sb.append('\n');
    if (allPaperSeconds && paperSeconds > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "Whole sweep%s: %.0f s here (evaluation included) against %.0f s for the document's runs (%.2fx).%n",
              severalSeeds ? " (each point's first seed)" : "",
              ourSeconds,
              paperSeconds,
              paperSeconds / ourSeconds));
    }
    double fastest = Double.POSITIVE_INFINITY;
    double slowest = 0;
    double steps = 0;
    for (TrialResult r : seedResults) {
      double w = r.metric(Metrics.WALL_SECONDS);
      if (r.status() == TrialResult.Status.OK && Double.isFinite(w)) {
        steps = Math.max(steps, r.metric(Metrics.STEPS));
        fastest = Math.min(fastest, w);
        slowest = Math.max(slowest, w);
      }
    }
    if (slowest > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "One trial of %.0f steps took %.0f to %.0f s here, evaluation included.%n",
              steps,
              fastest,
              slowest));
    }
    double worstGrowth = Double.NEGATIVE_INFINITY;
    for (TrialResult r : seedResults) {
      double a = r.metric(Metrics.RSS_MIB_STEP_1000);
      double b = r.metric(Metrics.RSS_MIB_END);
      if (Double.isFinite(a) && Double.isFinite(b)) {
        worstGrowth = Math.max(worstGrowth, (b - a) / a);
      }
    }
    if (Double.isFinite(worstGrowth)) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "Memory: resident size grew by at most %+.1f%% from step 1,000 to the last step of a trial.%n",
              100 * worstGrowth));
    }
    return sb.toString();
  }

  /** " (mean of 3 seeds, sd 0.0012)" for a point with several seeds, "" for one. */
  static String seedNote(List<TrialResult> results, TrialResult point) {
    Double sd = SeedSpread.sd(results, point, Metrics.TEST_ACCURACY);
    if (sd == null) {
      return "";
    }
    int n =
        SeedSpread.byPoint(results).get(SweepSpec.pointId(point.trial().id())).stream()
            .filter(r -> r.status() == TrialResult.Status.OK)
            .toList()
            .size();
    return String.format(java.util.Locale.ROOT, " (mean of %d seeds, sd %.4f)", n, sd);
  }

  /**
   * Does sparsity speed learning up? The first evaluated step at which each trial reached 97%
   * validation accuracy, each lambda against lambda 0 of the same group (same other grid values),
   * and a verdict counted from those comparisons.
   */
  static java.util.Optional<String> learningSpeed(SweepSpec spec, List<TrialResult> results) {
    String key = Classifier.STEPS_TO_97;
    if (!spec.grid().containsKey("lambda")
        || results.stream().noneMatch(r -> r.metrics().containsKey(key))) {
      return java.util.Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## Does sparsity speed learning up?\n\n"
                + "First evaluated step at which validation accuracy reached 0.97 (never: not within the budget),"
                + " each lambda against lambda 0 of the same model"
                + (SeedSpread.severalSeeds(results) ? " and seed" : "")
                + ".\n\n");
    Map<String, Double> baseline = new LinkedHashMap<>();
    for (TrialResult r : results) {
      if (lambdaOf(r) == 0) {
        baseline.put(groupOf(spec, r), r.metric(key));
      }
    }
    int earlier = 0;
    int compared = 0;
    for (TrialResult r : results) {
      double step = r.metric(key);
      String line =
          String.format(java.util.Locale.ROOT, "- %s: %s", r.trial().id(), stepText(step));
      Double base = baseline.get(groupOf(spec, r));
      if (lambdaOf(r) != 0 && base != null && !Double.isNaN(base) && !Double.isNaN(step)) {
        compared++;
        boolean faster = step >= 0 && (base < 0 || step < base);
        boolean same = step == base;
        earlier += faster ? 1 : 0;
        line +=
            faster
                ? " (earlier than lambda 0)"
                : same ? " (same as lambda 0)" : " (later than lambda 0)";
      }
      sb.append(line).append('\n');
    }
    if (compared > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%nA sparser model reached 0.97 earlier than the same model at lambda 0 in %d of %d comparisons:"
                  + " %s.%n",
              earlier,
              compared,
              earlier == 0
                  ? "sparsity did not speed learning up here"
                  : 2 * earlier > compared
                      ? "sparsity sped learning up here in most cases"
                      : "sparsity sped learning up only in a minority of cases"));
    }
    return java.util.Optional.of(sb.toString());
  }

  private static String stepText(double step) {
    return Double.isNaN(step)
        ? "n/a"
        : step < 0 ? "never" : String.format(java.util.Locale.ROOT, "step %.0f", step);
  }

  private static double lambdaOf(TrialResult r) {
    Object v = number(r.trial().params().get("lambda"));
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The trial's grid values other than lambda, and its seed, as a key. */
  private static String groupOf(SweepSpec spec, TrialResult r) {
    StringBuilder sb = new StringBuilder("seed=" + r.trial().params().get("seed") + ";");
    for (String k : spec.grid().keySet()) {
      if (!k.equals("lambda")) {
        sb.append(k).append('=').append(r.trial().params().get(k)).append(';');
      }
    }
    return sb.toString();
  }

  /**
   * Does the subpixel decoder reconstruct better than the transposed convolution, as the blog says?
   * Per-pixel reconstruction error of the two at each lambda.
   */
  static java.util.Optional<String> decoderComparison(List<TrialResult> results) {
    Map<String, Double> convT = new LinkedHashMap<>();
    Map<String, Double> subpixel = new LinkedHashMap<>();
    for (TrialResult r : results) {
      Object decoder = r.trial().params().get("decoder");
      Object lambda = r.trial().params().get("lambda");
      double mse = r.metric(ConvAutoencoderClassifier.RECON_MSE);
      if (decoder == null || lambda == null || Double.isNaN(mse)) {
        continue;
      }
      String at = MarkdownReport.display("lambda", ((Number) number(lambda)).doubleValue());
      if (decoder.equals("conv_transpose")) {
        convT.put(at, mse);
      } else if (decoder.equals("subpixel")) {
        subpixel.put(at, mse);
      }
    }
    if (convT.isEmpty() || subpixel.isEmpty()) {
      return java.util.Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## Subpixel or transposed convolution?\n\n"
                + "Reconstruction error per pixel on [0, 1], test set:\n\n");
    int better = 0;
    int compared = 0;
    for (Map.Entry<String, Double> e : convT.entrySet()) {
      Double sp = subpixel.get(e.getKey());
      if (sp == null) {
        continue;
      }
      compared++;
      if (sp < e.getValue()) {
        better++;
      }
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "- lambda %s: subpixel %s, conv_transpose %s (ratio %.2f)%n",
              e.getKey(),
              MarkdownReport.meanSquaredError(sp),
              MarkdownReport.meanSquaredError(e.getValue()),
              sp / e.getValue()));
    }
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "%nThe subpixel decoder reconstructs better at %d of %d lambdas.%n",
            better,
            compared));
    return java.util.Optional.of(sb.toString());
  }

  /**
   * Each decoder over its lambdas: the range of test accuracy and reconstruction error, and for a
   * decoder the document gives numbers for, how far ours lie from them; then what a decoder with
   * the document's numbers (the bug-compatible one) costs against the others at the same lambda.
   */
  static java.util.Optional<String> byDecoder(SweepSpec spec, List<TrialResult> points) {
    Map<String, List<TrialResult>> decoders = new LinkedHashMap<>();
    for (TrialResult r : points) {
      Object d = r.trial().params().get("decoder");
      if (d != null && r.status() == TrialResult.Status.OK) {
        decoders.computeIfAbsent(d.toString(), k -> new ArrayList<>()).add(r);
      }
    }
    if (decoders.size() < 2) {
      return java.util.Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## By decoder\n\n"
                + "Each decoder over its lambdas (a point with several seeds counts by its mean):\n\n");
    String withPaper = null;
    for (Map.Entry<String, List<TrialResult>> e : decoders.entrySet()) {
      List<TrialResult> rs = e.getValue();
      double[] acc = rs.stream().mapToDouble(r -> r.metric(Metrics.TEST_ACCURACY)).toArray();
      double[] mse =
          rs.stream().mapToDouble(r -> r.metric(ConvAutoencoderClassifier.RECON_MSE)).toArray();
      Spread a = Spread.of(acc);
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "- %s: test accuracy %.4f to %.4f over %d lambdas",
              e.getKey(),
              a.min(),
              a.max(),
              rs.size()));
      if (Arrays.stream(mse).allMatch(Double::isFinite)) {
        Spread m = Spread.of(mse);
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                "; reconstruction error %s to %s",
                MarkdownReport.meanSquaredError(m.min()),
                MarkdownReport.meanSquaredError(m.max())));
      }
      List<Double> points100 = new ArrayList<>();
      List<String> avrRatios = new ArrayList<>();
      for (TrialResult r : rs) {
        Map<String, Object> paper = spec.paperRow(r.trial()).orElse(Map.of());
        if (paper.get("test_accuracy") instanceof Number pa) {
          points100.add(100 * (r.metric(Metrics.TEST_ACCURACY) - pa.doubleValue()));
        }
        if (paper.get("avr") instanceof Number pv) {
          avrRatios.add(
              String.format(
                  java.util.Locale.ROOT,
                  "%.2f at %s",
                  r.metric(Metrics.AVR_TRAIN) / pv.doubleValue(),
                  MarkdownReport.display("lambda", lambdaOf(r))));
        }
      }
      if (!points100.isEmpty()) {
        withPaper = e.getKey();
        Spread d = Spread.of(points100.stream().mapToDouble(Double::doubleValue).toArray());
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                "; against the document's accuracy %+.2f to %+.2f points",
                d.min(),
                d.max()));
        if (!avrRatios.isEmpty()) {
          sb.append("; AVR over the document's: ").append(String.join(", ", avrRatios));
        }
      }
      sb.append('\n');
    }
    if (withPaper != null) {
      List<String> others = new ArrayList<>(decoders.keySet());
      others.remove(withPaper);
      double bestOther = Double.NEGATIVE_INFINITY;
      double worstOther = Double.POSITIVE_INFINITY;
      for (String o : others) {
        for (TrialResult r : decoders.get(o)) {
          bestOther = Math.max(bestOther, r.metric(Metrics.TEST_ACCURACY));
          worstOther = Math.min(worstOther, r.metric(Metrics.TEST_ACCURACY));
        }
      }
      // Reconstruction against the other decoders at the same lambda (lambda > 0: the penalty on).
      double lowRatio = Double.POSITIVE_INFINITY;
      double highRatio = 0;
      for (TrialResult r : decoders.get(withPaper)) {
        double mine = r.metric(ConvAutoencoderClassifier.RECON_MSE);
        if (lambdaOf(r) == 0 || !(mine > 0)) {
          continue;
        }
        for (String o : others) {
          for (TrialResult q : decoders.get(o)) {
            double theirs = q.metric(ConvAutoencoderClassifier.RECON_MSE);
            if (lambdaOf(q) == lambdaOf(r) && theirs > 0) {
              lowRatio = Math.min(lowRatio, theirs / mine);
              highRatio = Math.max(highRatio, theirs / mine);
            }
          }
        }
      }
      Spread mineAcc =
          Spread.of(
              decoders.get(withPaper).stream()
                  .mapToDouble(r -> r.metric(Metrics.TEST_ACCURACY))
                  .toArray());
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%n%s, the decoder with the document's numbers, classifies at %.4f to %.4f against"
                  + " %.4f to %.4f for the others (%s)",
              withPaper,
              mineAcc.min(),
              mineAcc.max(),
              worstOther,
              bestOther,
              String.join(", ", others)));
      if (highRatio > 0) {
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                "; with the penalty on (lambda > 0), the others' reconstruction error is %s to"
                    + " %s times its own at the same lambda",
                times(lowRatio),
                times(highRatio)));
      }
      sb.append(".\n");
    }
    return java.util.Optional.of(sb.toString());
  }

  /** A ratio: two decimals below 10, whole above ("1.53", "628"). */
  private static String times(double ratio) {
    return String.format(java.util.Locale.ROOT, ratio < 10 ? "%.2f" : "%.0f", ratio);
  }

  /**
   * The blog's {@code loss_ae} beside ours for the bug-compatible model. Trials that ran before
   * loss_ae was measured get a lower bound from their reconstruction error: the buggy model's
   * reconstruction is its decoder output d plus the mean encoder bias, and summed over the F
   * broadcast copies the squared error is F (x - d - mean b)^2 plus the spread of the biases, so
   * loss_ae >= F * pixels * recon_mse (the L1 term only adds).
   */
  static java.util.Optional<String> lossAeComparison(SweepSpec spec, List<TrialResult> results) {
    String key = ConvAutoencoderClassifier.LOSS_AE;
    StringBuilder lines = new StringBuilder();
    int measured = 0, bounded = 0, near = 0, above = 0;
    for (TrialResult r : results) {
      Object theirs = spec.paperRow(r.trial()).orElse(Map.of()).get(key);
      if (theirs == null) {
        continue;
      }
      double paper = ((Number) number(theirs)).doubleValue();
      double ours = r.metric(key);
      if (Double.isFinite(ours)) {
        measured++;
        boolean close = ours >= paper / 2 && ours <= paper * 2;
        near += close ? 1 : 0;
        lines.append(
            String.format(
                java.util.Locale.ROOT,
                "- %s: loss_ae %.4g on the test set (%.4g on the last"
                    + " training batch) against the blog's %.4g: %.2f times it%n",
                r.trial().id(),
                ours,
                r.metric(key + TRAIN_BATCH_SUFFIX),
                paper,
                ours / paper));
      } else {
        double mse = r.metric(ConvAutoencoderClassifier.RECON_MSE);
        if (!Double.isFinite(mse)) {
          continue;
        }
        int filters = r.trial().intParam("filters");
        double bound = filters * 784.0 * mse;
        bounded++;
        above += bound > paper ? 1 : 0;
        lines.append(
            String.format(
                java.util.Locale.ROOT,
                "- %s: not measured (the trial ran before loss_ae was);"
                    + " at least %.4g from its recon_mse (%d copies x 784 pixels x %.3g) against the blog's %.4g%s%n",
                r.trial().id(),
                bound,
                filters,
                mse,
                paper,
                bound > paper
                    ? String.format(java.util.Locale.ROOT, ": %.1f times it or more", bound / paper)
                    : ""));
      }
    }
    if (measured + bounded == 0) {
      return java.util.Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## The blog's loss_ae\n\n"
                + "`loss_ae` is the blog's autoencoder loss computed as its code did: the mean over a batch of 100 of"
                + " each image's summed squared error (for the bug-compatible decoder, over its 200 broadcast"
                + " copies) plus lambda * the sum of the batch's activations. Ours is averaged over the test set in"
                + " batches of 100; the blog's is one training batch at step 20,000, which may sit a little below a"
                + " test-set value.\n\n");
    sb.append(lines).append('\n');
    if (measured > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "Of %d bug-compatible trials with loss_ae measured, %d land"
                  + " within a factor of two of the blog's.%n",
              measured,
              near));
    }
    if (bounded > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%d trials ran before loss_ae was measured and have only the"
                  + " lower bound; in %d of them the bound alone is above the blog's value.%n",
              bounded,
              above));
    }
    return java.util.Optional.of(sb.toString());
  }

  /**
   * Quotes the result of the table's benchmark report ({@code bench-<table>.md}, written by
   * harness/bench) when it lies beside the Markdown report.
   */
  static java.util.Optional<String> benchmarkSection(SweepSpec spec, Path md) throws IOException {
    Path bench = md.resolveSibling("bench-" + spec.table() + ".md");
    if (!java.nio.file.Files.isRegularFile(bench)) {
      return java.util.Optional.empty();
    }
    String text = java.nio.file.Files.readString(bench);
    int at = text.indexOf("## Result");
    String result = at < 0 ? "" : text.substring(at + "## Result".length()).strip();
    return java.util.Optional.of(
        "## Speed\n\nFrom ["
            + bench.getFileName()
            + "]("
            + bench.getFileName()
            + "), measured by `harness/bench`:\n\n"
            + result);
  }

  private static Object number(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      return v.toString();
    }
  }

  private static Double finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
