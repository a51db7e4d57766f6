package org.sparsecode.report;

import static org.sparsecode.harness.TrialNames.Table1.CLASSIFIERS;
import static org.sparsecode.harness.TrialNames.Table1.EMBED_POINTS;
import static org.sparsecode.harness.TrialNames.Table1.PCA_KNN;
import static org.sparsecode.harness.TrialNames.Table1.PCA_SILHOUETTE;
import static org.sparsecode.harness.TrialNames.Table1.RAW;
import static org.sparsecode.harness.TrialNames.Table1.TEST_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.TRAIN_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.TSNE_KNN;
import static org.sparsecode.harness.TrialNames.Table1.TSNE_SILHOUETTE;
import static org.sparsecode.harness.TrialNames.Table1.VALIDATION_SIZE;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ClassifierSettings;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.Npy;

/**
 * The report of Table I ({@code model: lca_table1}): one row per kind of features and classifier,
 * ours beside the document's accuracy, with the settings chosen on validation; findings computed
 * from the numbers; the embedding scores of Fig. 5; an accuracy figure and the embeddings figure.
 */
public final class LinkedTable1Report {
  /** A cell counts as reaching the document's accuracy when ours is at most this far below it. */
  static final double TOLERANCE = 0.005;

  /** The kinds of features whose cells the document's claim is about. */
  static final List<String> CLAIMED = List.of("linked", "ordinal_modality", "ordinal_current");

  static final List<String> COLUMNS =
      List.of(
          "features",
          "classifier",
          "accuracy",
          "paper_accuracy",
          "points_vs_paper",
          "validation_accuracy",
          "c",
          "gamma",
          "train_size",
          "validation_size",
          "test_size",
          "select_seconds",
          "test_seconds");

  /** A grid as the sweep file lists it, without the brackets of a YAML list ("0.1, 1, 10"). */
  private static String gridText(Object grid) {
    return grid instanceof List<?> values
        ? values.stream().map(String::valueOf).collect(Collectors.joining(", "))
        : String.valueOf(grid);
  }

  /** Class colours of the scatter plots (one per digit), easy to tell apart. */
  private static final Color[] CLASS_COLORS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  private static final int PANEL = 380;
  private static final int LINE = 18;

  private LinkedTable1Report() {}

  /** Writes the CSV, the Markdown page and both figures; returns the Markdown table. */
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
    List<TrialResult> seedResults = results;
    // Each kind of features once, its metrics the mean over its seeds; the figures from artifacts
    // draw its first seed.
    results = SeedSpread.means(seedResults);
    sections.add(findings(spec, budget, results));
    List<String> seedMetrics = new ArrayList<>();
    for (ClassifierKind kind : CLASSIFIERS) {
      seedMetrics.add(Table1.accuracy(kind));
    }
    seedMetrics.add(TSNE_KNN);
    SeedSpread.addTo(
        sections, seedResults, seedMetrics, LinkedTable1Report::features, table.notes(), csv);
    sections.add(embeddings(results));
    sections.add(method(results));
    writeAccuracyFigure(
        SeedSpread.severalSeeds(seedResults) ? table(spec, budget, results, command) : table,
        errorBars(seedResults, results),
        table.caption(),
        png);
    List<String> figures =
        new ArrayList<>(
            List.of(
                png.getFileName()
                    + ": test accuracy per classifier and kind of features, ours beside the document's"));
    Path embeddings = png.resolveSibling(spec.table() + "-embeddings.png");
    if (writeEmbeddings(results, artifacts, embeddings, table.caption())) {
      figures.add(
          embeddings.getFileName()
              + " (Fig. 5): PCA and t-SNE of the test features, coloured by class");
    }
    sections.add(
        "## Figures\n\n" + String.join("\n", figures.stream().map(f -> "- " + f).toList()));
    selections(results, artifacts).ifPresent(sections::add);
    MarkdownReport.write(table, md, sections);
    return MarkdownReport.render(table);
  }

  /** One row per trial and classifier, in sweep order and Table I's column order. */
  static ResultTable table(
      SweepSpec spec, String budget, List<TrialResult> results, String command) {
    List<List<Object>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Object> paper = spec.paperRow(r.trial()).orElse(Map.of());
      for (ClassifierKind kind : CLASSIFIERS) {
        double ours = r.metric(Table1.accuracy(kind));
        Double theirs = paper.get(kind.reportName()) instanceof Number n ? n.doubleValue() : null;
        List<Object> row = new ArrayList<>();
        row.add(features(r));
        row.add(kind.reportName());
        row.add(finite(ours));
        row.add(theirs);
        row.add(theirs == null || !Double.isFinite(ours) ? null : 100 * (ours - theirs));
        row.add(finite(r.metric(Table1.validationAccuracy(kind))));
        row.add(finite(r.metric(Table1.chosenC(kind))));
        row.add(kind.usesGamma() ? finite(r.metric(Table1.RBF_GAMMA)) : null);
        row.add(finite(trainSize(r, kind)));
        row.add(finite(r.metric(VALIDATION_SIZE)));
        row.add(finite(r.metric(TEST_SIZE)));
        row.add(finite(r.metric(Table1.selectSeconds(kind))));
        row.add(finite(r.metric(Table1.testSeconds(kind))));
        rows.add(row);
      }
    }
    List<String> notes = new ArrayList<>();
    for (String note : SweepTables.provenance(spec, budget, results, command)) {
      // Nothing here trains by steps; the budget is the sizes of the splits.
      notes.add(
          note.startsWith("budget:") ? "budget: " + budget + " (" + sizes(results) + ")" : note);
    }
    List<Integer> testSizes = new ArrayList<>();
    for (TrialResult r : results) {
      for (int k = 0; k < CLASSIFIERS.size(); k++) {
        testSizes.add(TestSetSize.of(r));
      }
    }
    return WilsonColumns.addForSizes(
        new ResultTable(spec.title() + " (" + spec.table() + ")", COLUMNS, rows, notes), testSizes);
  }

  /**
   * Ours against the document per cell, how many linked and ordinal-linked cells reach the
   * document's accuracy within {@link #TOLERANCE}, and codes against raw pixels per classifier.
   */
  static String findings(SweepSpec spec, String budget, List<TrialResult> results) {
    // Each kind of features once, its metrics the mean over its seeds.
    results = SeedSpread.means(results);
    StringBuilder sb = new StringBuilder("## Findings\n\n");
    if (!"full".equals(budget)) {
      sb.append("Budget ")
          .append(budget)
          .append(": ")
          .append(sizes(results))
          .append(", classifying codes" + " of the ")
          .append(budget)
          .append(
              " lca-linked dictionaries. These numbers check the pipeline; the"
                  + " full budget is the one to compare with the document.\n\n");
    }
    sb.append("Ours against the document, in points (100 x accuracy difference):\n\n");
    int reached = 0;
    int claimed = 0;
    Map<String, int[]> perFeatures = new LinkedHashMap<>();
    for (TrialResult r : results) {
      Map<String, Object> paper = spec.paperRow(r.trial()).orElse(Map.of());
      List<String> cells = new ArrayList<>();
      for (ClassifierKind kind : CLASSIFIERS) {
        double ours = r.metric(Table1.accuracy(kind));
        if (!(paper.get(kind.reportName()) instanceof Number n)) {
          cells.add(String.format(Locale.ROOT, "%s %.4f (no published number)", kind, ours));
          continue;
        }
        double theirs = n.doubleValue();
        boolean ok = ours >= theirs - TOLERANCE;
        cells.add(
            String.format(
                Locale.ROOT,
                "%s %.4f vs %.4f (%+.2f)%s",
                kind,
                ours,
                theirs,
                100 * (ours - theirs),
                ok ? "" : " below"));
        if (CLAIMED.contains(features(r))) {
          claimed++;
          reached += ok ? 1 : 0;
          int[] count = perFeatures.computeIfAbsent(features(r), f -> new int[2]);
          count[0] += ok ? 1 : 0;
          count[1]++;
        }
      }
      sb.append("- ")
          .append(features(r))
          .append(": ")
          .append(String.join("; ", cells))
          .append('\n');
    }
    List<String> parts = new ArrayList<>();
    perFeatures.forEach((f, c) -> parts.add(f + " " + c[0] + " of " + c[1]));
    sb.append(
        String.format(
            Locale.ROOT,
            "%nLinked and ordinal-linked cells at least the document's accuracy"
                + " (within %.1f point): %d of %d (%s).%n",
            100 * TOLERANCE,
            reached,
            claimed,
            String.join(", ", parts)));

    TrialResult raw =
        results.stream().filter(r -> RAW.equals(features(r))).findFirst().orElse(null);
    if (raw != null) {
      sb.append("\nCodes against raw pixels, per classifier (points):\n\n");
      for (ClassifierKind kind : CLASSIFIERS) {
        double base = raw.metric(Table1.accuracy(kind));
        List<String> diffs = new ArrayList<>();
        int better = 0;
        int codes = 0;
        boolean sameSizes = true;
        for (TrialResult r : results) {
          if (r == raw) {
            continue;
          }
          double d = 100 * (r.metric(Table1.accuracy(kind)) - base);
          diffs.add(String.format(Locale.ROOT, "%s %+.2f", features(r), d));
          codes++;
          better += d > 0 ? 1 : 0;
          sameSizes &= trainSize(r, kind) == trainSize(raw, kind);
        }
        // A classifier trained on more images wins for that reason alone: say so.
        String caveat =
            sameSizes
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (not like with like: the pixels' %s trained on %.0f images, the codes' on %s)",
                    kind,
                    trainSize(raw, kind),
                    byFeatures(
                        results.stream().filter(r -> r != raw).toList(),
                        r -> String.format(Locale.ROOT, "%.0f", trainSize(r, kind))));
        sb.append(
            String.format(
                Locale.ROOT,
                "- %s: raw pixels %.4f; %s; %d of %d kinds of codes beat the pixels%s%n",
                kind,
                base,
                String.join(", ", diffs),
                better,
                codes,
                caveat));
      }
    }
    sb.append('\n').append(gridEdges(results));
    sb.append(
        "\nThe document's ordinal-linked row is compared with both readings of its driver:"
            + " `ordinal_modality` (the class-block driver as a third linked modality with a fixed identity"
            + " dictionary) and `ordinal_current` (the same driver as a current added to the drive b).\n");
    return sb.toString();
  }

  /** The choices at an end of their grid, where a wider grid might do better. */
  static String gridEdges(List<TrialResult> results) {
    List<String> edges = new ArrayList<>();
    for (TrialResult r : results) {
      for (ClassifierKind kind : CLASSIFIERS) {
        double[] cs = r.trial().numbersParam(Table1.chosenC(kind));
        edge(edges, r, kind + " C", r.metric(Table1.chosenC(kind)), cs);
        if (kind.usesGamma()) {
          double factor = r.metric(Table1.RBF_GAMMA) / r.metric(Table1.RBF_SCALE_GAMMA);
          edge(
              edges,
              r,
              kind + " gamma factor",
              factor,
              r.trial().numbersParam(Table1.RBF_GAMMA_FACTORS));
        }
      }
    }
    return edges.isEmpty()
        ? "Every chosen C and gamma lies inside its grid.\n"
        : "Chosen at an end of the grid, so a wider grid might do better: "
            + String.join(", ", edges)
            + ".\n";
  }

  private static void edge(
      List<String> edges, TrialResult r, String what, double chosen, double[] grid) {
    if (grid.length < 2 || !Double.isFinite(chosen)) {
      return;
    }
    double lo = java.util.Arrays.stream(grid).min().orElseThrow();
    double hi = java.util.Arrays.stream(grid).max().orElseThrow();
    String end =
        Math.abs(chosen - hi) <= 1e-6 * hi
            ? "largest"
            : Math.abs(chosen - lo) <= 1e-6 * lo ? "smallest" : null;
    if (end != null) {
      edges.add(
          String.format(
              Locale.ROOT,
              "%s %s %s (%s)",
              features(r),
              what,
              MarkdownReport.display("c", chosen),
              end));
    }
  }

  /** Fig. 5's numbers: how well the classes separate in each 2-D embedding. */
  static String embeddings(List<TrialResult> results) {
    StringBuilder sb = new StringBuilder("## Embeddings (Fig. 5)\n\n");
    double points = results.isEmpty() ? 0 : results.get(0).metric(EMBED_POINTS);
    int k = results.isEmpty() ? 0 : results.get(0).trial().intParam("knn_k");
    sb.append(
        String.format(
            Locale.ROOT,
            "%.0f test points (a seeded class-balanced subsample), projected on"
                + " the top two principal axes of the training features (PCA) or embedded by exact t-SNE. Silhouette:"
                + " -1 .. 1, higher is cleaner; %d-NN: leave-one-out %d-nearest-neighbour accuracy in 2-D.%n%n",
            points,
            k,
            k));
    sb.append(
        "| features | pca_silhouette | pca_knn_accuracy | tsne_silhouette | tsne_knn_accuracy |\n"
            + "| --- | ---: | ---: | ---: | ---: |\n");
    for (TrialResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.4f | %.4f | %.4f |%n",
              features(r),
              r.metric(PCA_SILHOUETTE),
              r.metric(PCA_KNN),
              r.metric(TSNE_SILHOUETTE),
              r.metric(TSNE_KNN)));
    }
    TrialResult raw =
        results.stream().filter(r -> RAW.equals(features(r))).findFirst().orElse(null);
    if (raw != null) {
      for (String metric : List.of(TSNE_SILHOUETTE, TSNE_KNN, PCA_SILHOUETTE, PCA_KNN)) {
        long cleaner =
            results.stream().filter(r -> r != raw && r.metric(metric) > raw.metric(metric)).count();
        sb.append(
            String.format(
                Locale.ROOT,
                "%n- %s: %d of %d kinds of codes above raw pixels (%.4f)",
                metric,
                cleaner,
                results.size() - 1,
                raw.metric(metric)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String method(List<TrialResult> results) {
    Map<String, Object> p = results.isEmpty() ? Map.of() : results.get(0).trial().params();
    StringBuilder sb = new StringBuilder("## How the numbers were made\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            """
        - Features: `raw` is the MNIST pixels in [0, 1]; the others are the codes of the %s trial of the same \
        name and budget (256 neurons, inferred from the MNIST image alone with the MNIST dictionary). No scaling \
        is applied to either.
        - Splits: the first train_size training images (training split after the 5,000 held-out validation \
        images; the RBF SVM, whose LIBSVM time grows about as n^2, is chosen on the first svm_rbf_train_size of \
        them and, where svm_rbf_refit is true, refitted with the chosen setting on all train_size of them), \
        the first validation_size validation images and the first test_size test images; codes and pixels \
        come from the same images.
        - Hyper-parameters are chosen on the validation split only: each candidate is trained on the training \
        split and scored on validation; the best wins (ties: the smaller C) and that very model is scored once \
        on the test split. Grids (gamma as multiples of 1 / (features x variance of the training features)): \
        %s.
        """,
            p.get("codes_from"),
            byFeatures(
                results,
                r ->
                    String.format(
                        Locale.ROOT,
                        "lr C in {%s}, svm_linear C in {%s}, svm_rbf C in {%s} x gamma in {%s}",
                        gridText(r.trial().params().get("lr_c")),
                        gridText(r.trial().params().get("svm_linear_c")),
                        gridText(r.trial().params().get("svm_rbf_c")),
                        gridText(r.trial().params().get("svm_rbf_gamma_factors"))))));
    for (ClassifierKind kind : CLASSIFIERS) {
      ClassifierSettings example =
          kind.usesGamma() ? ClassifierSettings.rbf(1, 1) : ClassifierSettings.linear(kind, 1);
      sb.append("- ")
          .append(kind)
          .append(": ")
          .append(example.solver())
          .append(", tolerance ")
          .append(kind.defaultEps())
          .append(kind == ClassifierKind.SVM_LINEAR ? ", seed 0" : "")
          .append(".\n");
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "- Embeddings: %s test points per class, seed %s; t-SNE perplexity %s,"
                + " %s iterations (exact, van der Maaten and Hinton's schedule).%n",
            p.get("embed_per_class"),
            p.get("seed"),
            p.get("tsne_perplexity"),
            p.get("tsne_iterations")));
    return sb.toString();
  }

  /** Every candidate's validation accuracy, from the trials' artifacts. */
  private static java.util.Optional<String> selections(List<TrialResult> results, Path artifacts)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(Table1.SELECTION);
      if (Files.isRegularFile(file)) {
        sb.append("### ")
            .append(features(r))
            .append("\n\n```\n")
            .append(Files.readString(file).strip().replace("## ", ""))
            .append("\n```\n\n");
      }
    }
    return sb.length() == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "## Model selection (validation accuracy of every candidate)\n\n" + sb);
  }

  /** Per classifier, the sd over seeds of its accuracy at each kind of features (points). */
  private static Map<ClassifierKind, List<Double>> errorBars(
      List<TrialResult> seedResults, List<TrialResult> points) {
    Map<ClassifierKind, List<Double>> out = new LinkedHashMap<>();
    if (SeedSpread.severalSeeds(seedResults)) {
      for (ClassifierKind kind : CLASSIFIERS) {
        out.put(kind, SeedSpread.sds(seedResults, points, Table1.accuracy(kind)));
      }
    }
    return out;
  }

  /**
   * Test accuracy per classifier and kind of features from {@code table} (one row per kind and
   * classifier), with {@code errors} as the "ours" error bars where given.
   */
  private static void writeAccuracyFigure(
      ResultTable table, Map<ClassifierKind, List<Double>> errors, List<String> caption, Path png)
      throws IOException {
    List<String> features = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      if (!features.contains(String.valueOf(row.get(0)))) {
        features.add(String.valueOf(row.get(0)));
      }
    }
    List<SweepFigure.Panel> panels = new ArrayList<>();
    for (ClassifierKind kind : CLASSIFIERS) {
      List<Double> ours = new ArrayList<>();
      List<Double> paper = new ArrayList<>();
      for (String f : features) {
        for (List<Object> row : table.rows()) {
          if (f.equals(row.get(0)) && kind.reportName().equals(row.get(1))) {
            ours.add((Double) row.get(table.column("accuracy")));
            paper.add((Double) row.get(table.column("paper_accuracy")));
          }
        }
      }
      Map<String, List<Double>> series = new LinkedHashMap<>();
      series.put("ours (test)", ours);
      series.put("document", paper);
      Map<String, List<Double>> bars =
          errors.containsKey(kind) ? Map.of("ours (test)", errors.get(kind)) : Map.of();
      panels.add(
          new SweepFigure.Panel(
              kind + ": test accuracy",
              "accuracy",
              false,
              series,
              bars,
              "features",
              features,
              true));
    }
    SweepFigure.write(png, "features", features, panels, caption);
  }

  /**
   * Fig. 5: a row of PCA panels and a row of t-SNE panels, one column per kind of features, each
   * titled with its silhouette and kNN accuracy. False when no trial left its embeddings.
   */
  static boolean writeEmbeddings(
      List<TrialResult> results, Path artifacts, Path png, List<String> caption)
      throws IOException {
    List<TrialResult> drawn = new ArrayList<>();
    for (TrialResult r : results) {
      if (Files.isRegularFile(artifacts.resolve(r.trial().id()).resolve(Table1.EMBED_TSNE))) {
        drawn.add(r);
      }
    }
    if (drawn.isEmpty()) {
      return false;
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int k = drawn.get(0).trial().intParam("knn_k");
    int legend = 2 * LINE;
    BufferedImage image =
        new BufferedImage(
            PANEL * drawn.size(),
            2 * PANEL + legend + LINE * (caption.size() + 1),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int col = 0; col < drawn.size(); col++) {
        TrialResult r = drawn.get(col);
        Path dir = artifacts.resolve(r.trial().id());
        int[] labels = Npy.read(dir.resolve(Table1.EMBED_LABELS)).ints();
        String[] files = {Table1.EMBED_PCA, Table1.EMBED_TSNE};
        String[] names = {"PCA", "t-SNE"};
        double[][] scores = {
          {r.metric(PCA_SILHOUETTE), r.metric(PCA_KNN)},
          {r.metric(TSNE_SILHOUETTE), r.metric(TSNE_KNN)}
        };
        for (int row = 0; row < 2; row++) {
          float[] xy = Npy.read(dir.resolve(files[row])).floats();
          String title =
              String.format(
                  Locale.ROOT,
                  "%s, %s: silhouette %.3f, %d-NN %.3f",
                  features(r),
                  names[row],
                  scores[row][0],
                  k,
                  scores[row][1]);
          XYChart chart = scatter(title, xy, labels);
          Graphics2D panel = (Graphics2D) g.create(col * PANEL, row * PANEL, PANEL, PANEL);
          chart.paint(panel, PANEL, PANEL);
          panel.dispose();
        }
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int x = 12;
      int y = 2 * PANEL + LINE;
      g.setColor(Color.DARK_GRAY);
      g.drawString("class:", x, y);
      x += 45;
      for (int c = 0; c < CLASS_COLORS.length; c++) {
        g.setColor(CLASS_COLORS[c]);
        g.fillOval(x, y - 9, 9, 9);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.valueOf(c), x + 12, y);
        x += 34;
      }
      y = 2 * PANEL + legend + LINE;
      for (String line : caption) {
        g.drawString(line, 12, y);
        y += LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
    return true;
  }

  private static XYChart scatter(String title, float[] xy, int[] labels) {
    XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL).title(title).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setAxisTicksVisible(false);
    for (int c = 0; c < CLASS_COLORS.length; c++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          xs.add((double) xy[2 * i]);
          ys.add((double) xy[2 * i + 1]);
        }
      }
      if (!xs.isEmpty()) {
        XYSeries s = chart.addSeries("class " + c, xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(CLASS_COLORS[c]);
      }
    }
    return chart;
  }

  private static String sizes(List<TrialResult> results) {
    if (results.isEmpty()) {
      return "no trials";
    }
    return byFeatures(results, LinkedTable1Report::sizes);
  }

  private static String sizes(TrialResult r) {
    double chosenOn = r.metric(Table1.RBF_TRAIN_SIZE);
    double rbf = trainSize(r, ClassifierKind.SVM_RBF);
    String rbfNote =
        !Double.isFinite(chosenOn) || (chosenOn == rbf && rbf == r.metric(TRAIN_SIZE))
            ? ""
            : chosenOn == rbf
                ? String.format(Locale.ROOT, " (svm_rbf: the first %.0f)", rbf)
                : String.format(
                    Locale.ROOT,
                    " (svm_rbf: chosen on the first %.0f, refitted on the first %.0f)",
                    chosenOn,
                    rbf);
    return String.format(
        Locale.ROOT,
        "%.0f train%s / %.0f validation / %.0f test images",
        r.metric(TRAIN_SIZE),
        rbfNote,
        r.metric(VALIDATION_SIZE),
        r.metric(TEST_SIZE));
  }

  /**
   * {@code describe} of the trials: one text when all agree, else each distinct text after the
   * features it holds for ("raw: ...; single, linked: ...").
   */
  static String byFeatures(List<TrialResult> results, Function<TrialResult, String> describe) {
    // A kind of features appears once per group, however many seeds it has.
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (TrialResult r : results) {
      groups.computeIfAbsent(describe.apply(r), k -> new LinkedHashSet<>()).add(features(r));
    }
    if (groups.size() == 1) {
      return groups.keySet().iterator().next();
    }
    return groups.entrySet().stream()
        .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
        .collect(Collectors.joining("; "));
  }

  /**
   * Training examples of the scored model of {@code kind}: the RBF SVM may use fewer, or be
   * refitted (older trials lack these metrics).
   */
  private static double trainSize(TrialResult r, ClassifierKind kind) {
    if (!kind.usesGamma()) {
      return r.metric(TRAIN_SIZE);
    }
    for (String metric : List.of(Table1.RBF_REFIT_SIZE, Table1.RBF_TRAIN_SIZE)) {
      if (Double.isFinite(r.metric(metric))) {
        return r.metric(metric);
      }
    }
    return r.metric(TRAIN_SIZE);
  }

  private static String features(TrialResult r) {
    return String.valueOf(r.trial().params().get("features"));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
