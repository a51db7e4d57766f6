package org.sparsecode.report;

import static org.sparsecode.harness.TrialNames.LcaLinked.BLOCK_PURITY;
import static org.sparsecode.harness.TrialNames.LcaLinked.CODE_SECONDS;
import static org.sparsecode.harness.TrialNames.LcaLinked.CROSS_MODAL_ACCURACY;
import static org.sparsecode.harness.TrialNames.LcaLinked.CROSS_MODAL_MSE;
import static org.sparsecode.harness.TrialNames.LcaLinked.DEAD_ATOMS;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_FRACTION_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_FRACTION_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.LEARN_SECONDS;
import static org.sparsecode.harness.TrialNames.LcaLinked.MSE_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.MSE_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.REINITIALISED_ATOMS;
import static org.sparsecode.harness.TrialNames.LcaLinked.TRAIN_L0;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsecode.glyphs.DigitGlyphs;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.Npy;
import org.sparsecode.lca.CodeInference;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.Threshold;
import org.sparsecode.runtime.ThreadSettings;

/**
 * The report of the linked-dictionary sweep ({@code model: lca_linked}): one row per kind of
 * dictionary with its sparsity, reconstruction, cross-modal and block-purity numbers, block purity
 * per class, and the document's figures drawn from the trials' artifacts: the linked dictionaries
 * (Fig. 1), active atoms and reconstructions per modality (Fig. 2), cross-modal reconstructions
 * (Fig. 3) and the ordinal dictionaries by class block (Fig. 4).
 */
public final class LcaLinkedReport {
  private static final int SIDE = DigitGlyphs.SIDE;

  static final List<String> METRIC_COLUMNS =
      List.of(
          L0_MNIST,
          L0_FRACTION_MNIST,
          MSE_MNIST,
          L0_GLYPH,
          L0_FRACTION_GLYPH,
          MSE_GLYPH,
          DEAD_ATOMS,
          REINITIALISED_ATOMS,
          CROSS_MODAL_ACCURACY,
          CROSS_MODAL_MSE,
          BLOCK_PURITY,
          TRAIN_L0);
  static final List<String> RUN_COLUMNS =
      List.of(Metrics.STEPS, "seed", LEARN_SECONDS, CODE_SECONDS, Metrics.WALL_SECONDS);

  private LcaLinkedReport() {}

  /** Writes the CSV, the Markdown page and the figures; returns the Markdown table. */
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
    List<String> sections = new ArrayList<>();
    // Each kind once, its metrics the mean over its seeds.
    List<TrialResult> points = SeedSpread.means(results);
    sections.add(findings(points));
    sections.add(purityByClass(points));
    sections.add(method(points));
    SeedSpread.addTo(
        sections,
        results,
        List.of(L0_MNIST, MSE_MNIST, L0_GLYPH, CROSS_MODAL_ACCURACY, BLOCK_PURITY),
        r -> String.valueOf(r.trial().params().get("features")),
        table.notes(),
        csv);
    List<String> figures = writeFigures(spec, table, results, png, artifacts);
    sections.add(
        "## Figures\n\n" + String.join("\n", figures.stream().map(f -> "- " + f).toList()));
    List<CurvesFigure.Curve> learning =
        CurvesFigure.read(
            results,
            artifacts,
            org.sparsecode.io.CurveCsv.FILE,
            r -> String.valueOf(r.trial().params().get("features")));
    String curvesPng = spec.table() + "-curves.png";
    boolean drawn =
        CurvesFigure.write(
            png.resolveSibling(curvesPng), learning, Optional.empty(), table.caption(), LEARNING);
    sections.add(curves(results, artifacts, drawn ? curvesPng : null));
    driverDiagnosis(md).ifPresent(sections::add);
    MarkdownReport.write(table, md, sections);
    return MarkdownReport.render(table);
  }

  /**
   * The Hebbian learning's curve: cross-modal accuracy on the curve's test digits (driver off), and
   * the active atoms per input of the training batches.
   */
  static final CurvesFigure.Panels LEARNING =
      new CurvesFigure.Panels(
          "Hebbian learning step",
          "cross_modal_accuracy",
          "Cross-modal accuracy during learning (test digits, driver off)",
          "nearest-class accuracy",
          "l0",
          "Active atoms per input of the training batch",
          "active atoms per input (log scale)");

  /**
   * Which trials left learning curves ({@code curve.csv}, {@code lca_inference_curve.csv}), and the
   * curves figure {@code png} (null when none was drawn).
   */
  static String curves(List<TrialResult> results, Path artifacts, String png) throws IOException {
    List<String> with = new ArrayList<>();
    for (TrialResult r : results) {
      if (Files.isRegularFile(
          artifacts.resolve(r.trial().id()).resolve(org.sparsecode.io.CurveCsv.FILE))) {
        with.add(r.trial().id());
      }
    }
    if (with.isEmpty()) {
      return "## Learning curves\n\nNone of these trials has a learning curve: they ran before curves were"
          + " recorded. A trial run again records `curve.csv` (per window of `dead_window` steps: energy, active"
          + " atoms, error per modality, dictionary change, dead atoms; every tenth of the run, scores on 1,000"
          + " test digits) and `lca_inference_curve.csv` (energy, active atoms and error per LCA iteration).\n";
    }
    StringBuilder sb =
        new StringBuilder(
            "## Learning curves\n\nTrials with `curve.csv` and `lca_inference_curve.csv` in their"
                + " artifacts: "
                + String.join(", ", with)
                + "."
                + (png == null
                    ? ""
                    : " [graphs/"
                        + png
                        + "](../graphs/"
                        + png
                        + ") draws their cross-modal accuracy and active atoms against the"
                        + " Hebbian step.")
                + "\n");
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(org.sparsecode.io.CurveCsv.FILE);
      if (with.contains(r.trial().id())) {
        crossModalAlongLearning(
                String.valueOf(r.trial().params().get("features")),
                org.sparsecode.io.CurveCsv.read(file))
            .ifPresent(line -> sb.append("\n").append(line).append("\n"));
      }
    }
    return sb.toString();
  }

  /**
   * One sentence on a trial's cross-modal accuracy along its learning (the curve's test-subset
   * scores, every tenth of the run), with the class driver off and, where recorded, on; empty for
   * kinds without a glyph dictionary.
   */
  static java.util.Optional<String> crossModalAlongLearning(
      String features, org.sparsecode.io.CurveCsv.Table curve) {
    String plain = "cross_modal_accuracy";
    String driven = "driven_cross_modal_accuracy";
    if (!curve.has(plain)) {
      return java.util.Optional.empty();
    }
    double[] steps = curve.column("step");
    double[] acc = curve.column(plain);
    double[] on = new double[acc.length];
    java.util.Arrays.fill(on, Double.NaN);
    if (curve.has(driven)) {
      on = curve.column(driven);
    }
    List<Integer> scored = new ArrayList<>();
    for (int i = 0; i < acc.length; i++) {
      if (Double.isFinite(acc[i])) {
        scored.add(i);
      }
    }
    if (scored.isEmpty()) {
      return java.util.Optional.empty();
    }
    int peak = scored.get(0);
    for (int i : scored) {
      if (acc[i] > acc[peak]) {
        peak = i;
      }
    }
    int last = scored.get(scored.size() - 1);
    StringBuilder sb =
        new StringBuilder("- `")
            .append(features)
            .append("`, cross-modal accuracy on the curve's test digits (driver off)");
    boolean hasDriven = Double.isFinite(on[last]);
    if (hasDriven) {
      sb.append(", and with the class driver on as while learning,");
    }
    sb.append(" by Hebbian step: ");
    List<String> points = new ArrayList<>();
    for (int k = 0; k < scored.size(); k++) {
      int i = scored.get(k);
      // the first and then every other score keep the sentence short; the CSV has them all
      if (k == 0 || k % 2 == 1) {
        points.add(
            String.format(
                java.util.Locale.ROOT,
                "%,d: %.3f%s",
                (long) steps[i],
                acc[i],
                hasDriven ? String.format(java.util.Locale.ROOT, " (%.3f)", on[i]) : ""));
      }
    }
    sb.append(String.join("; ", points)).append(". ");
    if (acc[last] < acc[peak] - 0.02) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "It peaks at %.3f at step %,d and falls to %.3f by step %,d.",
              acc[peak],
              (long) steps[peak],
              acc[last],
              (long) steps[last]));
    } else {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "It ends within 2 points of its peak (%.3f at step %,d).",
              acc[peak],
              (long) steps[peak]));
    }
    return java.util.Optional.of(sb.toString());
  }

  /**
   * The driver diagnosis ({@code harness/diagnose-driver}) when its report lies beside this one.
   */
  static java.util.Optional<String> driverDiagnosis(Path md) throws IOException {
    Path file = md.resolveSibling("lca-linked-driver.md");
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "## Why ordinal_current lost cross-modal accuracy with longer learning\n\n"
            + "From ["
            + file.getFileName()
            + "]("
            + file.getFileName()
            + "), written by `harness/diagnose-driver`"
            + " from the committed 2,000-step and 10,000-step dictionaries:\n\n"
            + Files.readString(file).strip());
  }

  static ResultTable table(
      SweepSpec spec, String budget, List<TrialResult> results, String command) {
    List<String> columns = new ArrayList<>(List.of("features", "status"));
    columns.addAll(METRIC_COLUMNS);
    columns.addAll(RUN_COLUMNS);
    List<List<Object>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      List<Object> row = new ArrayList<>();
      row.add(r.trial().params().get("features"));
      row.add(r.status().name());
      for (String c : METRIC_COLUMNS) {
        row.add(finite(r.metric(c)));
      }
      row.add(finite(r.metric(Metrics.STEPS)));
      row.add(r.trial().params().get("seed"));
      row.add(finite(r.metric(LEARN_SECONDS)));
      row.add(finite(r.metric(CODE_SECONDS)));
      row.add(finite(r.metric(Metrics.WALL_SECONDS)));
      rows.add(row);
    }
    return WilsonColumns.add(
        new ResultTable(
            spec.title() + " (" + spec.table() + ")",
            columns,
            rows,
            SweepTables.provenance(spec, budget, results, command)),
        results);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * What the table says, kind by kind: cross-modal accuracy, block purity against chance (a block's
   * share of the neurons), dead atoms and the time spent learning and coding.
   */
  static String findings(List<TrialResult> results) {
    StringBuilder sb = new StringBuilder("## Findings\n\n");
    List<TrialResult> ok =
        results.stream().filter(r -> r.status() == TrialResult.Status.OK).toList();
    for (TrialResult r : ok) {
      double cross = r.metric(CROSS_MODAL_ACCURACY);
      if (Double.isFinite(cross)) {
        sb.append(
            String.format(
                Locale.ROOT,
                "- Cross-modal, %s: inferred from the MNIST digit alone, the code reconstructs a"
                    + " rendered digit nearest to the right class for %.1f%% of the test digits"
                    + " (error against that digit %.5f per pixel).%n",
                r.trial().params().get("features"),
                100 * cross,
                r.metric(CROSS_MODAL_MSE)));
      }
    }
    for (TrialResult r : ok) {
      double purity = r.metric(BLOCK_PURITY);
      Object block = r.trial().params().get("block_size");
      Object neurons = r.trial().params().get("neurons");
      if (Double.isFinite(purity) && block instanceof Number b && neurons instanceof Number n) {
        double chance = b.doubleValue() / n.doubleValue();
        sb.append(
            String.format(
                Locale.ROOT,
                "- Block purity, %s: %.2f of a class's activation mass falls in its own block,"
                    + " %.1f times chance (%d/%d = %.3f).%n",
                r.trial().params().get("features"),
                purity,
                purity / chance,
                b.intValue(),
                n.intValue(),
                chance));
      }
    }
    long withDead = ok.stream().filter(r -> r.metric(DEAD_ATOMS) > 0).count();
    sb.append(
        String.format(
            Locale.ROOT,
            "- Dead atoms: %s.%n",
            withDead == 0
                ? "no atom is dead on the test set, in any of the " + ok.size() + " dictionaries"
                : withDead
                    + " of "
                    + ok.size()
                    + " dictionaries have atoms active on no test digit"));
    double[] learn =
        ok.stream().mapToDouble(r -> r.metric(LEARN_SECONDS)).filter(Double::isFinite).toArray();
    double[] code =
        ok.stream().mapToDouble(r -> r.metric(CODE_SECONDS)).filter(Double::isFinite).toArray();
    if (learn.length > 0 && code.length > 0) {
      Spread l = Spread.of(learn);
      Spread c = Spread.of(code);
      sb.append(
          String.format(
              Locale.ROOT,
              "- Time: %.0f to %.0f s of learning and %.0f to %.0f s of coding per trial.%n",
              l.min(),
              l.max(),
              c.min(),
              c.max()));
    }
    return sb.toString();
  }

  static String purityByClass(List<TrialResult> results) {
    StringBuilder sb =
        new StringBuilder(
            "## Block purity per class\n\n"
                + "Share of each class's test activation mass (sum of |a|, codes from the MNIST image alone) that lies"
                + " in the class's own block of neurons (0-24 for 0s, 25-49 for 1s, ...). A dictionary without"
                + " blocks gives about 25/256 = 0.098.\n\n| features |");
    for (int c = 0; c < 10; c++) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append(" mean |\n| --- |").append(" ---: |".repeat(11)).append('\n');
    for (TrialResult r : results) {
      sb.append("| ").append(r.trial().params().get("features")).append(" |");
      for (int c = 0; c < 10; c++) {
        sb.append(String.format(Locale.ROOT, " %.3f |", r.metric(LcaLinked.blockPurity(c))));
      }
      sb.append(String.format(Locale.ROOT, " %.3f |%n", r.metric(BLOCK_PURITY)));
    }
    return sb.toString();
  }

  private static String method(List<TrialResult> results) {
    Map<String, Object> p = results.isEmpty() ? Map.of() : results.get(0).trial().params();
    return String.format(
        Locale.ROOT,
        """
        ## How the numbers were made

        - Dictionaries of %s neurons learn on the MNIST training split: LCA inference (lambda %s, tau %s, %s \
        steps, threshold %s) alternates with the Hebbian step Phi += eta (x - Phi a) a^T averaged over a batch \
        of %s (eta %s), every atom renormalised per modality; atoms active on no example over %s steps are \
        re-initialised from the worst-reconstructed examples. Atoms start as %s. Input normalisation: %s.
        - `linked`: modality 2 is the rendered digit (Liberation Sans, metric-compatible with Arial) of the \
        image's class. `ordinal_modality`: the class-block driver (%s on the %s neurons of the class's block) is \
        a third modality whose dictionary is the identity, held fixed. `ordinal_current`: the same driver is a \
        current added to the drive b. Drivers act only while learning.
        - Every code in the table, and the codes cached for the classifiers, is inferred from the MNIST image \
        alone with the MNIST dictionary, for the training and the test images alike: the glyph modality would \
        give the label away.
        - `l0_*`: active atoms per input (`l0_glyph`: code from the glyph alone, mean over the ten digits). \
        `mse_*`: squared error per pixel on [0, 1] of each modality's reconstruction from its own code. \
        `cross_modal_accuracy`: share of test digits whose Phi_2 a is nearest (Euclidean, on the dictionary's \
        scale) to its own class's glyph; `cross_modal_mse`: its error per pixel against that glyph, on [0, 1]. \
        `dead_atoms`: atoms active on no test digit. `train_l0`: active atoms while learning, all modalities and \
        the driver in play, over the last window.
        - The document's Table I accuracies (LR / linear SVM / RBF SVM on linked codes: 0.9633 / 0.9619 / 0.981; \
        ordinal-linked: 0.9541 / 0.9542 / 0.9738) are for classifiers on these codes: \
        `./sparsecode reproduce linked-table1` runs them.
        """,
        p.get("neurons"),
        p.get("lambda"),
        p.get("tau"),
        p.get("iterations"),
        p.get("threshold"),
        p.get("batch"),
        p.get("eta"),
        p.get("dead_window"),
        "mean".equals(p.get("init"))
            ? "the mean training image plus noise (relative size "
                + p.get("init_noise")
                + "), the same for every"
                + " kind: class-neutral, so that the drivers decide which neurons learn which class"
            : "distinct training images",
        "unit".equals(p.get("input_norm"))
            ? "each image divided by its L2 norm (errors are converted back to pixels)"
            : "none",
        p.get("driver_amplitude"),
        p.get("block_size"));
  }

  /** Draws what the artifacts allow; returns one line per figure written. */
  private static List<String> writeFigures(
      SweepSpec spec, ResultTable table, List<TrialResult> seedResults, Path png, Path artifacts)
      throws IOException {
    List<String> written = new ArrayList<>();
    List<String> caption = table.caption().subList(1, table.caption().size());
    writeSummary(table, seedResults, png);
    written.add(
        png.getFileName()
            + ": sparsity, reconstruction error, cross-modal accuracy and block purity per kind"
            + (SeedSpread.severalSeeds(seedResults)
                ? " (mean over seeds, error bars one sd); the figures below draw each kind's"
                    + " first seed"
                : ""));
    List<TrialResult> results = SeedSpread.means(seedResults);

    Map<String, Path> dirs = new LinkedHashMap<>();
    for (TrialResult r : results) {
      Path dir = artifacts.resolve(r.trial().id());
      if (Files.isRegularFile(dir.resolve(LcaLinked.DICTIONARY_MNIST))) {
        dirs.put(String.valueOf(r.trial().params().get("features")), dir);
      }
    }
    if (dirs.isEmpty()) {
      return written;
    }
    String stem = spec.table();
    Path activity = png.resolveSibling(stem + "-activity.png");
    writeActivity(dirs, activity, caption);
    written.add(activity.getFileName() + " (Fig. 2 a): how many atoms each test digit activates");
    Path glyphActivity = png.resolveSibling(stem + "-glyph-activity.png");
    if (writeGlyphActivity(dirs, results, glyphActivity, caption)) {
      written.add(
          glyphActivity.getFileName()
              + " (Fig. 2 b): how many atoms each rendered digit activates, code from"
              + " the glyph alone");
    }

    Path linked = dirs.get(LcaLinked.LINKED);
    if (linked != null) {
      Path f = png.resolveSibling(stem + "-dictionaries.png");
      float[][] mnist = Npy.read(linked.resolve(LcaLinked.DICTIONARY_MNIST)).matrix();
      float[][] glyph = Npy.read(linked.resolve(LcaLinked.DICTIONARY_GLYPH)).matrix();
      int k = mnist[0].length;
      int perRow = (int) Math.ceil(Math.sqrt(k));
      AtomGrid.write(
          f,
          "Linked dictionaries (Fig. 1): atom j of both modalities shares neuron j",
          SIDE,
          List.of(
              new AtomGrid.Panel(
                  "(a) Dictionary 1: MNIST digits", AtomGrid.rows(mnist, 0, k, perRow), null),
              new AtomGrid.Panel(
                  "(b) Dictionary 2: rendered digits", AtomGrid.rows(glyph, 0, k, perRow), null)),
          caption);
      written.add(f.getFileName() + " (Fig. 1): both dictionaries of the linked model");
    }

    Path reconstructions = png.resolveSibling(stem + "-reconstructions.png");
    writeReconstructions(dirs, reconstructions, caption);
    written.add(
        reconstructions.getFileName()
            + " (Fig. 2 c, d): reconstruction of each modality from its own code");

    Path cross = png.resolveSibling(stem + "-cross-modal.png");
    if (writeCrossModal(dirs, cross, caption)) {
      written.add(
          cross.getFileName() + " (Fig. 3): Phi_2 a with a inferred from the MNIST digit alone");
    }

    List<AtomGrid.Panel> ordinal = new ArrayList<>();
    for (String kind : List.of(LcaLinked.ORDINAL_MODALITY, LcaLinked.ORDINAL_CURRENT)) {
      Path dir = dirs.get(kind);
      if (dir == null) {
        continue;
      }
      int blockSize =
          ((Number)
                  results.stream()
                      .filter(r -> kind.equals(r.trial().params().get("features")))
                      .findFirst()
                      .orElseThrow()
                      .trial()
                      .params()
                      .get("block_size"))
              .intValue();
      float[][] phi = Npy.read(dir.resolve(LcaLinked.DICTIONARY_MNIST)).matrix();
      int k = phi[0].length;
      List<List<float[]>> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int c = 0; c * blockSize < k; c++) {
        rows.addAll(AtomGrid.rows(phi, c * blockSize, Math.min(k, (c + 1) * blockSize), blockSize));
        labels.add(c < 10 && (c + 1) * blockSize <= k ? String.valueOf(c) : "-");
      }
      ordinal.add(
          new AtomGrid.Panel(kind + ": MNIST dictionary, one row per class block", rows, labels));
    }
    if (!ordinal.isEmpty()) {
      Path f = png.resolveSibling(stem + "-ordinal.png");
      AtomGrid.write(
          f,
          "Ordinal-linked dictionaries (Fig. 4): row k holds the neurons driven by class k while learning",
          SIDE,
          ordinal,
          caption);
      written.add(f.getFileName() + " (Fig. 4): the ordinal dictionaries by class block");
    }
    return written;
  }

  private static void writeSummary(ResultTable table, List<TrialResult> seedResults, Path png)
      throws IOException {
    List<TrialResult> results = SeedSpread.means(seedResults);
    List<String> kinds = new ArrayList<>();
    for (TrialResult r : results) {
      kinds.add(String.valueOf(r.trial().params().get("features")));
    }
    Map<String, List<Double>> l0 = new LinkedHashMap<>();
    l0.put("MNIST test digits (code from MNIST)", column(results, L0_MNIST));
    l0.put("rendered digits (code from the glyph)", column(results, L0_GLYPH));
    Map<String, List<Double>> mse = new LinkedHashMap<>();
    mse.put("MNIST", column(results, MSE_MNIST));
    mse.put("rendered digits", column(results, MSE_GLYPH));
    mse.put("cross-modal Phi_2 a vs its class's glyph", column(results, CROSS_MODAL_MSE));
    Map<String, List<Double>> shares = new LinkedHashMap<>();
    shares.put("cross-modal nearest-class accuracy", column(results, CROSS_MODAL_ACCURACY));
    shares.put("block purity (chance 0.098)", column(results, BLOCK_PURITY));
    Map<String, String> metricOf = new LinkedHashMap<>();
    metricOf.put("MNIST test digits (code from MNIST)", L0_MNIST);
    metricOf.put("rendered digits (code from the glyph)", L0_GLYPH);
    metricOf.put("MNIST", MSE_MNIST);
    metricOf.put("rendered digits", MSE_GLYPH);
    metricOf.put("cross-modal Phi_2 a vs its class's glyph", CROSS_MODAL_MSE);
    metricOf.put("cross-modal nearest-class accuracy", CROSS_MODAL_ACCURACY);
    metricOf.put("block purity (chance 0.098)", BLOCK_PURITY);
    // Kinds of features are categories: bars, or points on the log axis.
    SweepFigure.write(
        png,
        "features",
        kinds,
        List.of(
            new SweepFigure.Panel(
                "Active atoms per input",
                "atoms",
                false,
                l0,
                SeedSpread.errorBars(seedResults, results, l0, metricOf),
                "features",
                kinds,
                true),
            new SweepFigure.Panel(
                "Reconstruction error per pixel (test)",
                "squared error (log scale)",
                true,
                mse,
                SeedSpread.errorBars(seedResults, results, mse, metricOf),
                "features",
                kinds,
                true),
            new SweepFigure.Panel(
                "Cross-modal accuracy and block purity",
                "share",
                false,
                shares,
                SeedSpread.errorBars(seedResults, results, shares, metricOf),
                "features",
                kinds,
                true)),
        table.caption());
  }

  private static List<Double> column(List<TrialResult> results, String metric) {
    List<Double> out = new ArrayList<>();
    for (TrialResult r : results) {
      out.add(finite(r.metric(metric)));
    }
    return out;
  }

  private static void writeActivity(Map<String, Path> dirs, Path png, List<String> caption)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(520)
            .title("Active atoms per test digit (code from the MNIST image alone)")
            .xAxisTitle("active atoms")
            .yAxisTitle("test digits")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      Path file = e.getValue().resolve(LcaLinked.TEST_ACTIVE_COUNTS);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      int[] counts = Npy.read(file).ints();
      int max = 0;
      for (int c : counts) {
        max = Math.max(max, c);
      }
      double[] x = new double[max + 1];
      double[] y = new double[max + 1];
      for (int i = 0; i <= max; i++) {
        x[i] = i;
      }
      for (int c : counts) {
        y[c]++;
      }
      chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
    }
    drawWithCaption(chart, 900, 520, caption, png);
  }

  /**
   * Fig. 2 (b), the rendered-digit modality's counterpart of Fig. 2 (a): the active atoms of each
   * of the ten rendered digits' codes, inferred from the glyph alone with the glyph dictionary and
   * the trial's LCA settings. Returns false when no trial has a glyph dictionary.
   */
  private static boolean writeGlyphActivity(
      Map<String, Path> dirs, List<TrialResult> results, Path png, List<String> caption)
      throws IOException {
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      classes.add(String.valueOf(c));
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(520)
            .title("Active atoms per rendered digit (code from the glyph alone)")
            .xAxisTitle("rendered digit")
            .yAxisTitle("active atoms")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    boolean any = false;
    for (TrialResult r : results) {
      String kind = String.valueOf(r.trial().params().get("features"));
      Path dir = dirs.get(kind);
      if (dir == null || !Files.isRegularFile(dir.resolve(LcaLinked.DICTIONARY_GLYPH))) {
        continue;
      }
      int[] active =
          glyphActiveAtoms(
              lcaConfig(r.trial()),
              r.trial().stringParam("input_norm").equals("unit"),
              Npy.read(dir.resolve(LcaLinked.DICTIONARY_GLYPH)).matrix());
      List<Double> ys = new ArrayList<>();
      double mean = 0;
      for (int a : active) {
        ys.add((double) a);
        mean += a / 10.0;
      }
      chart.addSeries(String.format(Locale.ROOT, "%s (mean %.1f)", kind, mean), classes, ys);
      any = true;
    }
    if (any) {
      drawWithCaption(chart, 900, 520, caption, png);
    }
    return any;
  }

  /** The inference settings a stored trial learned its dictionaries with. */
  static LcaConfig lcaConfig(Trial t) {
    return new LcaConfig(
        (float) t.doubleParam("lambda"),
        (float) t.doubleParam("tau"),
        t.intParam("iterations"),
        Threshold.valueOf(t.stringParam("threshold").toUpperCase(Locale.ROOT)));
  }

  /**
   * Active atoms of each of the ten glyphs' codes under {@code phi2}, each glyph divided by its L2
   * norm first when {@code unitNorm} (as the trial's input_norm did while learning).
   */
  static int[] glyphActiveAtoms(LcaConfig lca, boolean unitNorm, float[][] phi2) {
    float[][] glyphs = DigitGlyphs.all();
    int width = glyphs[0].length;
    float[] x = new float[10 * width];
    for (int c = 0; c < 10; c++) {
      double norm = 0;
      for (float v : glyphs[c]) {
        norm += (double) v * v;
      }
      double scale = unitNorm && norm > 0 ? 1 / Math.sqrt(norm) : 1;
      for (int p = 0; p < width; p++) {
        x[c * width + p] = (float) (glyphs[c][p] * scale);
      }
    }
    int k = phi2[0].length;
    float[] codes;
    try (CodeInference inference =
        new CodeInference(width, k, lca, false, ThreadSettings.defaults())) {
      codes = inference.codes(x, 10, phi2, 10);
    }
    int[] active = new int[10];
    for (int c = 0; c < 10; c++) {
      for (int j = 0; j < k; j++) {
        active[c] += codes[c * k + j] != 0 ? 1 : 0;
      }
    }
    return active;
  }

  private static void writeReconstructions(Map<String, Path> dirs, Path png, List<String> caption)
      throws IOException {
    List<ImageGrid.Row> rows = new ArrayList<>();
    Path first = dirs.values().iterator().next();
    rows.add(
        new ImageGrid.Row(
            "MNIST test digits", images(first.resolve(LcaLinked.SAMPLE_DIGITS), false)));
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      rows.add(
          new ImageGrid.Row(
              "Phi_1 a, " + e.getKey(),
              images(e.getValue().resolve(LcaLinked.SAMPLE_RECONSTRUCTIONS), false)));
    }
    rows.add(new ImageGrid.Row("rendered digits", List.of(DigitGlyphs.all())));
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      Path glyphs = e.getValue().resolve(LcaLinked.GLYPH_RECONSTRUCTIONS);
      if (Files.isRegularFile(glyphs)) {
        rows.add(new ImageGrid.Row("Phi_2 a (a from glyph), " + e.getKey(), images(glyphs, false)));
      }
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "Each modality reconstructed from the code inferred from it alone;"
                    + " pixels on [0, 1], clipped."));
    lines.addAll(caption);
    ImageGrid.write(
        png, "Reconstruction quality per modality (Fig. 2 c, d)", SIDE, SIDE, rows, lines);
  }

  private static boolean writeCrossModal(Map<String, Path> dirs, Path png, List<String> caption)
      throws IOException {
    List<ImageGrid.Row> rows = new ArrayList<>();
    Path first = dirs.values().iterator().next();
    rows.add(
        new ImageGrid.Row(
            "(a) input: MNIST digit", images(first.resolve(LcaLinked.SAMPLE_DIGITS), false)));
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      Path file = e.getValue().resolve(LcaLinked.SAMPLE_CROSS_MODAL);
      if (Files.isRegularFile(file)) {
        rows.add(new ImageGrid.Row("(b) Phi_2 a, " + e.getKey(), images(file, true)));
      }
    }
    if (rows.size() == 1) {
      return false;
    }
    int[] index = Npy.read(first.resolve(LcaLinked.SAMPLE_INDICES)).ints();
    float[][] glyphs = DigitGlyphs.all();
    int perClass = index.length / 10;
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < index.length; i++) {
      expected.add(glyphs[i / perClass]);
    }
    rows.add(new ImageGrid.Row("(c) expected rendered digit", expected));
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a is inferred from the MNIST digit with Phi_1 alone; each"
                    + " reconstruction is shown scaled to its largest value."));
    lines.addAll(caption);
    ImageGrid.write(png, "Cross-modal reconstruction (Fig. 3)", SIDE, SIDE, rows, lines);
    return true;
  }

  /** The rows of a [n x 784] file, each scaled to its maximum when asked (for display only). */
  private static List<float[]> images(Path file, boolean toMax) throws IOException {
    Npy.Array a = Npy.read(file);
    int n = (int) a.shape()[0];
    int width = (int) a.shape()[1];
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] img = java.util.Arrays.copyOfRange(a.floats(), i * width, (i + 1) * width);
      if (toMax) {
        float max = 0;
        for (float v : img) {
          max = Math.max(max, v);
        }
        if (max > 0) {
          for (int p = 0; p < width; p++) {
            img[p] /= max;
          }
        }
      }
      out.add(img);
    }
    return out;
  }

  private static void drawWithCaption(
      org.knowm.xchart.internal.chartpart.Chart<?, ?> chart,
      int width,
      int height,
      List<String> caption,
      Path png)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int line = 18;
    BufferedImage image =
        new BufferedImage(width, height + line * (caption.size() + 1), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      chart.paint(g, width, height);
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int y = height + line;
      for (String l : caption) {
        g.drawString(l, 12, y);
        y += line;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }
}
