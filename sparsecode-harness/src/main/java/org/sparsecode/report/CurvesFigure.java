package org.sparsecode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;

/**
 * The learning curves of a sweep's trials, read from a CSV in each trial's artifacts (for
 * classifiers {@link CurveCsv#FILE}): an accuracy and an activity count against steps, one line per
 * trial.
 */
public final class CurvesFigure {
  private static final int PANEL_WIDTH = 720;
  private static final int PANEL_HEIGHT = 620;
  private static final int CAPTION_LINE = 18;

  private CurvesFigure() {}

  /** A trial's curve with the label of its line. */
  public record Curve(String label, CurveCsv.Table table) {}

  /** A document's accuracy and AVR at an unknown step, drawn as dashed level lines. */
  public record Mark(String label, double accuracy, double avr) {}

  /**
   * What the two panels draw: a curve column of accuracies (left, on a linear axis that starts near
   * its lowest late value) and one of activity counts (right, on a log axis), with their titles.
   *
   * @param accuracyAxis the left axis's title, to which "(axis starts at ...)" is added
   */
  public record Panels(
      String stepAxis,
      String accuracyColumn,
      String accuracyTitle,
      String accuracyAxis,
      String activityColumn,
      String activityTitle,
      String activityAxis) {}

  /** A classifier's {@link CurveCsv#FILE}: validation accuracy and the AVR of the batch. */
  public static final Panels CLASSIFIER =
      new Panels(
          "training step",
          "validation_accuracy",
          "Validation accuracy during training",
          "validation accuracy",
          "avr_train_batch",
          "AVR on the batch just trained on",
          "active hidden units per example (log scale)");

  /**
   * The curves the trials left under {@code artifacts} (trials without one are skipped), labelled
   * by their grid values, and by their seed for the seeds after a grid point's first.
   */
  public static List<Curve> read(List<TrialResult> results, Path artifacts, List<String> gridKeys)
      throws IOException {
    return read(results, artifacts, CurveCsv.FILE, r -> gridLabel(r, gridKeys));
  }

  /**
   * The curves in each trial's {@code fileName} under {@code artifacts} (trials without one are
   * skipped), labelled by {@code pointLabel} and by their seed for the seeds after a grid point's
   * first.
   */
  public static List<Curve> read(
      List<TrialResult> results,
      Path artifacts,
      String fileName,
      Function<TrialResult, String> pointLabel)
      throws IOException {
    List<Curve> out = new ArrayList<>();
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(fileName);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      StringBuilder label = new StringBuilder(pointLabel.apply(r));
      if (!SweepSpec.pointId(r.trial().id()).equals(r.trial().id())) {
        label.append(SEED_LABEL).append(r.trial().params().get("seed"));
      }
      out.add(new Curve(label.toString(), CurveCsv.read(file)));
    }
    return out;
  }

  /** "conv_transpose, lambda 1e-05": the trial's values of the grid keys. */
  private static String gridLabel(TrialResult r, List<String> gridKeys) {
    StringBuilder label = new StringBuilder();
    for (String k : gridKeys) {
      Object v = r.trial().params().get(k);
      Object shown = v instanceof Number n ? n.doubleValue() : v;
      if (k.equals("lambda") && v != null) {
        shown = Double.parseDouble(v.toString());
      }
      label
          .append(label.length() == 0 ? "" : ", ")
          .append(k.equals("lambda") ? "lambda " : "")
          .append(MarkdownReport.display(k, shown));
    }
    return label.toString();
  }

  private static final String SEED_LABEL = ", seed ";

  /** The label of a curve's grid point, without its seed. */
  static String pointLabel(Curve c) {
    int at = c.label().indexOf(SEED_LABEL);
    return at < 0 ? c.label() : c.label().substring(0, at);
  }

  private static void seedStyle(XYSeries series, Curve c, Map<String, Color> colours) {
    series.setMarker(SeriesMarkers.NONE);
    Color colour = colours.get(pointLabel(c));
    if (colour == null) {
      return; // one seed per point: the chart's own colours, as always
    }
    series.setLineColor(colour);
    if (c.label().contains(SEED_LABEL)) {
      series.setLineStyle(SeriesLines.DASH_DASH);
      series.setShowInLegend(false);
    } else {
      // Solid, whatever the chart's own style cycle gives this series: dashes mean other seeds.
      series.setLineStyle(SeriesLines.SOLID);
    }
  }

  /**
   * Writes the two-panel figure of classifier curves; draws nothing and returns false when there
   * are no curves.
   */
  public static boolean write(
      Path png, List<Curve> curves, Optional<Mark> mark, List<String> caption) throws IOException {
    return write(png, curves, mark, caption, CLASSIFIER);
  }

  /**
   * Writes the two-panel figure of {@code panels}' columns; draws nothing and returns false when
   * there are no curves.
   */
  public static boolean write(
      Path png, List<Curve> curves, Optional<Mark> mark, List<String> caption, Panels panels)
      throws IOException {
    if (curves.isEmpty()) {
      return false;
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    double accuracyFloor = accuracyFloor(curves, panels.accuracyColumn());
    XYChart accuracy =
        chart(
            panels.accuracyTitle(),
            String.format(
                java.util.Locale.ROOT,
                "%s (axis starts at %.2f)",
                panels.accuracyAxis(),
                accuracyFloor),
            panels.stepAxis());
    accuracy.getStyler().setYAxisMin(accuracyFloor);
    accuracy.getStyler().setYAxisMax(accuracyCeiling(curves, panels.accuracyColumn()));
    // One legend, on the right panel: both panels draw the trials in the same colours.
    accuracy.getStyler().setLegendVisible(false);
    XYChart avr = chart(panels.activityTitle(), panels.activityAxis(), panels.stepAxis());
    double avrMin = Double.POSITIVE_INFINITY, avrMax = 0;
    // Later seeds take their grid point's colour, dashed, and stay out of the legend.
    Map<String, Color> colours = new HashMap<>();
    boolean seeds = curves.stream().anyMatch(c -> c.label().contains(SEED_LABEL));
    if (seeds) {
      Color[] cycle = accuracy.getStyler().getSeriesColors();
      for (Curve c : curves) {
        String point = pointLabel(c);
        // Past the palette, darker shades of it, so that no two points share a colour.
        colours.computeIfAbsent(
            point,
            k -> {
              Color base = cycle[colours.size() % cycle.length];
              for (int round = colours.size() / cycle.length; round > 0; round--) {
                base = base.darker();
              }
              return base;
            });
      }
    }
    double accuracyStride = drawnStride(curves, panels.accuracyColumn());
    double activityStride = drawnStride(curves, panels.activityColumn());
    for (Curve c : curves) {
      double[] steps = c.table().column("step");
      double[] acc = c.table().column(panels.accuracyColumn());
      double[] a = c.table().column(panels.activityColumn());
      List<Double> xs = new ArrayList<>(),
          ys = new ArrayList<>(),
          xa = new ArrayList<>(),
          ya = new ArrayList<>();
      for (int i = 0; i < steps.length; i++) {
        if (Double.isFinite(acc[i]) && acc[i] >= accuracyFloor && steps[i] % accuracyStride == 0) {
          xs.add(steps[i]);
          ys.add(acc[i]);
        }
        if (Double.isFinite(a[i]) && a[i] > 0 && steps[i] % activityStride == 0) {
          xa.add(steps[i]);
          ya.add(a[i]);
          avrMin = Math.min(avrMin, a[i]);
          avrMax = Math.max(avrMax, a[i]);
        }
      }
      if (!xs.isEmpty()) {
        seedStyle(accuracy.addSeries(c.label(), xs, ys), c, colours);
      }
      if (!xa.isEmpty()) {
        seedStyle(avr.addSeries(c.label(), xa, ya), c, colours);
      }
    }
    if (mark.isPresent()) {
      Mark m = mark.get();
      double first = Double.POSITIVE_INFINITY, last = 0;
      for (Curve c : curves) {
        for (double step : c.table().column("step")) {
          first = Math.min(first, step);
          last = Math.max(last, step);
        }
      }
      level(accuracy, m.label(), first, last, m.accuracy());
      level(avr, m.label(), first, last, m.avr());
      avrMin = Math.min(avrMin, m.avr());
      avrMax = Math.max(avrMax, m.avr());
    }
    if (avrMax > 0) {
      LogAxis.decades(avr.getStyler(), avrMin, avrMax);
    }
    List<String> shown = new ArrayList<>(caption);
    if (seeds) {
      shown.add("dashed: the grid point's other seeds, in its colour");
    }
    List<String> lines = Captions.wrap(shown, 2 * PANEL_WIDTH - 24);
    int height = PANEL_HEIGHT + CAPTION_LINE * (lines.size() + 1);
    BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      XYChart[] charts = {accuracy, avr};
      for (int p = 0; p < 2; p++) {
        Graphics2D panel = (Graphics2D) g.create(p * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
        charts[p].paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
        panel.dispose();
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int y = PANEL_HEIGHT + CAPTION_LINE;
      for (String line : lines) {
        g.drawString(line, 12, y);
        y += CAPTION_LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
    return true;
  }

  /** At most this many points of a curve are drawn. */
  private static final int MAX_DRAWN_POINTS = 60;

  /**
   * The steps a panel draws a column at: every value when no curve has more than {@link
   * #MAX_DRAWN_POINTS}, else those at multiples of the smallest round stride (1, 2, 2.5 or 5 times
   * a power of 10) that leaves at most that many. XChart puts the ticks of equally spaced data on
   * the data's own steps, so a curve every 50 steps would be ticked at 50, 900, 1,750, ... with
   * overlapping labels; round strides give round ticks.
   */
  static double drawnStride(List<Curve> curves, String column) {
    double last = 0;
    int rows = 0;
    for (Curve c : curves) {
      double[] steps = c.table().column("step");
      double[] values = c.table().column(column);
      int finite = 0;
      for (int i = 0; i < steps.length; i++) {
        if (Double.isFinite(values[i])) {
          finite++;
          last = Math.max(last, steps[i]);
        }
      }
      rows = Math.max(rows, finite);
    }
    if (rows <= MAX_DRAWN_POINTS) {
      return 1;
    }
    for (double power = 1; ; power *= 10) {
      for (double m : new double[] {1, 2, 2.5, 5}) {
        if (last / (m * power) <= MAX_DRAWN_POINTS) {
          return m * power;
        }
      }
    }
  }

  /**
   * Where the accuracy axis starts: just below the lowest accuracy over the second half of the
   * longest run, a multiple of 0.01. Early evaluations of slow trials lie far below the rest and
   * would squash the curves; they are left out of the panel, and its axis label says where it
   * starts.
   */
  static double accuracyFloor(List<Curve> curves) {
    return accuracyFloor(curves, CLASSIFIER.accuracyColumn());
  }

  private static double accuracyFloor(List<Curve> curves, String column) {
    double lastStep = 0;
    for (Curve c : curves) {
      for (double s : c.table().column("step")) {
        lastStep = Math.max(lastStep, s);
      }
    }
    double min = 1;
    for (Curve c : curves) {
      double[] steps = c.table().column("step");
      double[] acc = c.table().column(column);
      for (int i = 0; i < steps.length; i++) {
        if (steps[i] >= lastStep / 2 && Double.isFinite(acc[i])) {
          min = Math.min(min, acc[i]);
        }
      }
    }
    return Math.max(0, Math.floor(min * 100) / 100 - 0.01);
  }

  /** Just above the highest accuracy, a multiple of 0.01, at most 1. */
  private static double accuracyCeiling(List<Curve> curves, String column) {
    double max = 0;
    for (Curve c : curves) {
      for (double a : c.table().column(column)) {
        if (Double.isFinite(a)) {
          max = Math.max(max, a);
        }
      }
    }
    return Math.min(1, Math.ceil(max * 100) / 100 + 0.005);
  }

  private static void level(XYChart chart, String label, double from, double to, double y) {
    XYSeries s = chart.addSeries(label, List.of(from, to), List.of(y, y));
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Color.BLACK);
    s.setLineStyle(
        new java.awt.BasicStroke(
            1.5f,
            java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER,
            10f,
            new float[] {6f, 4f},
            0f));
  }

  private static XYChart chart(String title, String yLabel, String xLabel) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    styler.setXAxisDecimalPattern("#,###");
    styler.setXAxisMin(0.0);
    styler.setMarkerSize(10);
    return chart;
  }
}
