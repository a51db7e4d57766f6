package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    SeedSpread.section(results).ifPresent(sections::add);
    List<CurvesFigure.Curve> curves =
        CurvesFigure.read(results, artifacts, new ArrayList<>(spec.grid().keySet()));
    Optional<CurvesFigure.Mark> mark =
        MidTrainingCheck.forTable(spec.table()).map(MidTrainingCheck::mark);
    String curvesPng = spec.table() + "-curves.png";
    boolean drawn =
        CurvesFigure.write(png.resolveSibling(curvesPng), curves, mark, table.caption());
    sections.add(LearningCurves.section(spec, results, curves, drawn ? curvesPng : null));
    learningSpeed(spec, results).ifPresent(sections::add);
    decoderComparison(results).ifPresent(sections::add);
    LearningCurves.decoderLearningSpeed(results, curves).ifPresent(sections::add);
    lossAeComparison(spec, results).ifPresent(sections::add);
    benchmarkSection(spec, md).ifPresent(sections::add);
    MarkdownReport.write(table, md, sections);
    writeFigure(spec, table, png);
    return MarkdownReport.render(table);
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
    Map<String, List<Double>> accuracy = new LinkedHashMap<>();
    Map<String, Integer> seeds = new java.util.HashMap<>(); // seeds seen per series and point
    Map<String, List<Double>> avr = new LinkedHashMap<>();
    // Autoencoders: their reconstruction error, the blog's subpixel-or-transposed question.
    Map<String, List<Double>> reconstruction = new LinkedHashMap<>();
    int xColumn = table.column(x);
    for (int r = 0; r < table.rows().size(); r++) {
      List<Object> row = table.rows().get(r);
      StringBuilder group = new StringBuilder();
      for (String k : others) {
        group.append(group.length() == 0 ? "" : ", ").append(row.get(table.column(k)));
      }
      String suffix = group.length() == 0 ? "" : " " + group;
      int at = xLabels.indexOf(MarkdownReport.display(x, row.get(xColumn)));
      spread(
          accuracy,
          seeds,
          "ours" + suffix,
          at,
          xLabels.size(),
          cell(table, row, Metrics.TEST_ACCURACY));
      if (others.isEmpty()) {
        put(
            avr,
            "ours (last training batch)",
            at,
            xLabels.size(),
            cell(table, row, Metrics.AVR_TRAIN));
        put(avr, "ours (test set)", at, xLabels.size(), cell(table, row, Metrics.AVR_TEST));
      } else {
        put(avr, "ours" + suffix, at, xLabels.size(), cell(table, row, Metrics.AVR_TRAIN));
      }
      put(
          accuracy,
          "document" + suffix,
          at,
          xLabels.size(),
          cell(table, row, "paper_test_accuracy"));
      put(avr, "document" + suffix, at, xLabels.size(), cell(table, row, "paper_avr"));
      put(
          reconstruction,
          "ours" + suffix,
          at,
          xLabels.size(),
          cell(table, row, ConvAutoencoderClassifier.RECON_MSE));
    }
    List<SweepFigure.Panel> panels =
        new ArrayList<>(
            List.of(
                new SweepFigure.Panel("Test accuracy", "accuracy", false, accuracy),
                new SweepFigure.Panel(
                    others.isEmpty()
                        ? "AVR: active hidden units per example"
                        : "AVR on the last training batch",
                    "active units per example (log scale)",
                    true,
                    avr)));
    if (!reconstruction.isEmpty()) {
      panels.add(
          new SweepFigure.Panel(
              "Reconstruction error on the test set",
              "squared error per pixel on [0, 1] (log scale)",
              true,
              reconstruction));
    }
    SweepFigure.write(png, x, xLabels, panels, table.caption());
  }

  private static Double cell(ResultTable table, List<Object> row, String column) {
    if (!table.columns().contains(column)) {
      return null;
    }
    return row.get(table.column(column)) instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * Adds one seed's value at {@code at}: the series holds the mean over the seeds seen so far and,
   * once a second seed arrives, two more series hold the lowest and the highest seed (the spread).
   */
  private static void spread(
      Map<String, List<Double>> series,
      Map<String, Integer> seen,
      String name,
      int at,
      int size,
      Double value) {
    if (value == null || at < 0) {
      return;
    }
    String low = name + " (lowest seed)";
    String high = name + " (highest seed)";
    List<Double> means = series.get(name);
    Double mean = means == null ? null : means.get(at);
    if (mean == null) {
      put(series, name, at, size, value);
      seen.put(name + "@" + at, 1);
      return;
    }
    int n = seen.merge(name + "@" + at, 1, Integer::sum);
    means.set(at, mean + (value - mean) / n);
    Double lo = series.containsKey(low) ? series.get(low).get(at) : null;
    Double hi = series.containsKey(high) ? series.get(high).get(at) : null;
    put(series, low, at, size, Math.min(value, lo == null ? mean : lo));
    put(series, high, at, size, Math.max(value, hi == null ? mean : hi));
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
                "- %s: accuracy %.4f vs %.4f (%+.2f points)%s; AVR %.2f on the training batch, %.2f on test, vs %s",
                r.trial().id(),
                ours,
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
            "%d of %d trials reach the document's test accuracy within one point or better.%n%n",
            withinOnePoint,
            compared));
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    sb.append('\n');
    if (allPaperSeconds && paperSeconds > 0) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "Whole sweep: %.0f s here (evaluation included) against %.0f s for the document's runs (%.2fx).%n",
              ourSeconds,
              paperSeconds,
              paperSeconds / ourSeconds));
    }
    double fastest = Double.POSITIVE_INFINITY;
    double slowest = 0;
    double steps = 0;
    for (TrialResult r : results) {
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
    for (TrialResult r : results) {
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
                + " each lambda against lambda 0 of the same model.\n\n");
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

  /** The trial's grid values other than lambda, as a key. */
  private static String groupOf(SweepSpec spec, TrialResult r) {
    StringBuilder sb = new StringBuilder();
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
