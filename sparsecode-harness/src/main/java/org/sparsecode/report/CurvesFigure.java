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
 * The learning curves of a sweep's classifier trials, read from each trial's {@link CurveCsv#FILE}:
 * validation accuracy and the AVR on the batch just trained on against steps, one line per trial.
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
   * The curves the trials left under {@code artifacts} (trials without one are skipped), labelled
   * by their grid values, and by their seed for the seeds after a grid point's first.
   */
  public static List<Curve> read(List<TrialResult> results, Path artifacts, List<String> gridKeys)
      throws IOException {
    List<Curve> out = new ArrayList<>();
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(CurveCsv.FILE);
      if (!Files.isRegularFile(file)) {
        continue;
      }
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
      if (!SweepSpec.pointId(r.trial().id()).equals(r.trial().id())) {
        label.append(", seed ").append(r.trial().params().get("seed"));
      }
      out.add(new Curve(label.toString(), CurveCsv.read(file)));
    }
    return out;
  }

  private static final String SEED_LABEL = ", seed ";

  /** The label of a curve's grid point, without its seed. */
  private static String pointLabel(Curve c) {
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
    }
  }

  /** Writes the two-panel figure; draws nothing and returns false when there are no curves. */
  public static boolean write(
      Path png, List<Curve> curves, Optional<Mark> mark, List<String> caption) throws IOException {
    if (curves.isEmpty()) {
      return false;
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    double accuracyFloor = accuracyFloor(curves);
    XYChart accuracy =
        chart(
            "Validation accuracy during training",
            String.format(
                java.util.Locale.ROOT, "validation accuracy (axis starts at %.2f)", accuracyFloor));
    accuracy.getStyler().setYAxisMin(accuracyFloor);
    accuracy.getStyler().setYAxisMax(accuracyCeiling(curves));
    // One legend, on the right panel: both panels draw the trials in the same colours.
    accuracy.getStyler().setLegendVisible(false);
    XYChart avr =
        chart("AVR on the batch just trained on", "active hidden units per example (log scale)");
    double avrMin = Double.POSITIVE_INFINITY, avrMax = 0;
    // Later seeds take their grid point's colour, dashed, and stay out of the legend.
    Map<String, Color> colours = new HashMap<>();
    boolean seeds = curves.stream().anyMatch(c -> c.label().contains(SEED_LABEL));
    if (seeds) {
      Color[] cycle = accuracy.getStyler().getSeriesColors();
      for (Curve c : curves) {
        String point = pointLabel(c);
        colours.computeIfAbsent(point, k -> cycle[colours.size() % cycle.length]);
      }
    }
    for (Curve c : curves) {
      double[] steps = c.table().column("step");
      double[] acc = c.table().column("validation_accuracy");
      double[] a = c.table().column("avr_train_batch");
      List<Double> xs = new ArrayList<>(),
          ys = new ArrayList<>(),
          xa = new ArrayList<>(),
          ya = new ArrayList<>();
      for (int i = 0; i < steps.length; i++) {
        if (Double.isFinite(acc[i]) && acc[i] >= accuracyFloor) {
          xs.add(steps[i]);
          ys.add(acc[i]);
        }
        if (Double.isFinite(a[i]) && a[i] > 0) {
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

  /**
   * Where the accuracy axis starts: just below the lowest accuracy over the second half of the
   * longest run, a multiple of 0.01. Early evaluations of slow trials lie far below the rest and
   * would squash the curves; they are left out of the panel, and its axis label says where it
   * starts.
   */
  static double accuracyFloor(List<Curve> curves) {
    double lastStep = 0;
    for (Curve c : curves) {
      for (double s : c.table().column("step")) {
        lastStep = Math.max(lastStep, s);
      }
    }
    double min = 1;
    for (Curve c : curves) {
      double[] steps = c.table().column("step");
      double[] acc = c.table().column("validation_accuracy");
      for (int i = 0; i < steps.length; i++) {
        if (steps[i] >= lastStep / 2 && Double.isFinite(acc[i])) {
          min = Math.min(min, acc[i]);
        }
      }
    }
    return Math.max(0, Math.floor(min * 100) / 100 - 0.01);
  }

  /** Just above the highest accuracy, a multiple of 0.01, at most 1. */
  static double accuracyCeiling(List<Curve> curves) {
    double max = 0;
    for (Curve c : curves) {
      for (double a : c.table().column("validation_accuracy")) {
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

  private static XYChart chart(String title, String yLabel) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("training step")
            .yAxisTitle(yLabel)
            .build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    styler.setXAxisDecimalPattern("#,###");
    styler.setMarkerSize(10);
    return chart;
  }
}
