package org.sparsecode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of side-by-side panels over a swept parameter, with a caption saying how the numbers were
 * produced. The swept values sit at equally spaced positions labelled with their values, because
 * sweeps include 0 and span decades, which neither a linear nor a log axis shows well.
 */
public final class SweepFigure {
  private static final int PANEL_WIDTH = 640;
  private static final int PANEL_HEIGHT = 560;
  private static final int CAPTION_LINE = 18;

  /** Panels per row when a figure has more than {@link #ONE_ROW} of them. */
  private static final int PER_ROW = 2;

  private static final int ONE_ROW = 3;

  /**
   * One chart: a y label, whether y is logarithmic, and named series of y values (one per swept
   * value; null where there is no value, which is skipped rather than drawn as 0). A series may
   * have error bars of the same length in {@code errorBars}, under its name (null: none there). A
   * panel may have an x axis of its own ({@code xLabel}, {@code xLabels}; null: the figure's) and
   * draw bars instead of lines (for categories that are not a sweep, such as kinds of features).
   */
  public record Panel(
      String title,
      String yLabel,
      boolean logY,
      Map<String, List<Double>> series,
      Map<String, List<Double>> errorBars,
      String xLabel,
      List<String> xLabels,
      boolean bars) {

    /** A line panel over the figure's x axis. */
    public Panel(String title, String yLabel, boolean logY, Map<String, List<Double>> series) {
      this(title, yLabel, logY, series, Map.of(), null, null, false);
    }

    /** A line panel over the figure's x axis, with error bars. */
    public Panel(
        String title,
        String yLabel,
        boolean logY,
        Map<String, List<Double>> series,
        Map<String, List<Double>> errorBars) {
      this(title, yLabel, logY, series, errorBars, null, null, false);
    }

    /** A panel with its own x axis, as lines or bars. */
    public Panel(
        String title,
        String yLabel,
        boolean logY,
        Map<String, List<Double>> series,
        String xLabel,
        List<String> xLabels,
        boolean bars) {
      this(title, yLabel, logY, series, Map.of(), xLabel, xLabels, bars);
    }
  }

  private SweepFigure() {}

  public static void write(
      Path png, String xLabel, List<String> xLabels, List<Panel> panels, List<String> caption)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int columns = panels.size() > ONE_ROW ? PER_ROW : panels.size();
    int rows = (panels.size() + columns - 1) / columns;
    List<String> lines = Captions.wrap(caption, PANEL_WIDTH * columns - 24);
    int height = PANEL_HEIGHT * rows + CAPTION_LINE * (lines.size() + 1);
    BufferedImage image =
        new BufferedImage(PANEL_WIDTH * columns, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int p = 0; p < panels.size(); p++) {
        Panel spec = panels.get(p);
        double floor = commonFloor(panels, spec.yLabel());
        CategoryChart chart =
            chart(
                spec,
                spec.xLabel() != null ? spec.xLabel() : xLabel,
                spec.xLabels() != null ? spec.xLabels() : xLabels,
                floor);
        Graphics2D panel =
            (Graphics2D)
                g.create(
                    (p % columns) * PANEL_WIDTH,
                    (p / columns) * PANEL_HEIGHT,
                    PANEL_WIDTH,
                    PANEL_HEIGHT);
        chart.paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
        panel.dispose();
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int y = PANEL_HEIGHT * rows + CAPTION_LINE;
      for (String line : lines) {
        g.drawString(line, 12, y);
        y += CAPTION_LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }

  private static CategoryChart chart(
      Panel panel, String xLabel, List<String> xLabels, double floor) {
    boolean zoomed = panel.bars() && !panel.logY() && !Double.isNaN(floor);
    String yLabel =
        zoomed
            ? String.format(
                java.util.Locale.ROOT, "%s (axis starts at %.2f)", panel.yLabel(), floor)
            : panel.yLabel();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(panel.title())
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    CategoryStyler styler = chart.getStyler();
    // Categories on a log axis are points: a bar on a log axis has no base to stand on.
    boolean points = panel.bars() && panel.logY();
    styler.setDefaultSeriesRenderStyle(
        points
            ? CategorySeriesRenderStyle.Scatter
            : panel.bars() ? CategorySeriesRenderStyle.Bar : CategorySeriesRenderStyle.Line);
    // Line series share each category's x position instead of standing side by side like bars.
    styler.setOverlapped(!panel.bars() || points);
    if (xLabels.stream().anyMatch(l -> l.length() > 12)) {
      styler.setXAxisLabelRotation(20);
    }
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setYAxisLogarithmic(panel.logY());
    styler.setMarkerSize(8);
    styler.setErrorBarsColorSeriesColor(true);
    if (zoomed) {
      styler.setYAxisMin(floor);
    }
    if (!panel.bars() && !panel.logY()) {
      // Shares that differ by less than 2 points: an axis fitted to them would draw a cliff.
      double[] r = range(panel);
      if (r[1] > 0 && r[1] <= 1 && r[1] - r[0] < 0.02) {
        styler.setYAxisMin(Math.floor((r[0] - 0.01) * 100) / 100);
        styler.setYAxisMax(Math.min(1, Math.ceil((r[1] + 0.01) * 100) / 100));
      }
    }
    if (panel.logY()) {
      double[] range = range(panel);
      if (range[1] > 0) {
        LogAxis.decades(styler, range[0], range[1]);
      }
    }
    int index = 0;
    for (Map.Entry<String, List<Double>> s : panel.series().entrySet()) {
      List<Double> ys = new ArrayList<>();
      boolean any = false;
      for (Double v : s.getValue()) {
        boolean usable = v != null && Double.isFinite(v) && (!panel.logY() || v > 0);
        ys.add(usable ? v : null);
        any |= usable;
      }
      if (any) {
        List<Double> errors = panel.errorBars().get(s.getKey());
        // XChart draws error bars wrongly on a log axis, and cannot draw them at all for a series
        // with a missing value (glyph numbers of the single dictionary). On a log axis, and for
        // lines with a missing value, the spread is two unlabelled point series (mean - sd and
        // mean + sd) in the series' colour; bars from 0 draw a missing value as an empty bar
        // (standing beside its neighbours, points would not line up with the bars), and bars on
        // a zoomed axis then go without their spread.
        boolean missing = ys.contains(null);
        boolean spreadAsPoints = errors != null && (panel.logY() || (missing && !panel.bars()));
        boolean emptyBars = errors != null && missing && panel.bars() && !panel.logY() && !zoomed;
        boolean errorBars = errors != null && !spreadAsPoints && (!missing || emptyBars);
        List<Double> drawn = emptyBars ? ys.stream().map(v -> v == null ? 0.0 : v).toList() : ys;
        CategorySeries series =
            errorBars
                ? chart.addSeries(s.getKey(), xLabels, drawn, usableErrors(ys, errors))
                : chart.addSeries(s.getKey(), xLabels, ys);
        series.setMarker(
            s.getKey().startsWith("document") ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        // The spread's extra series would shift the colour cycle: colours are set explicitly.
        Color colour = styler.getSeriesColors()[index % styler.getSeriesColors().length];
        if (!panel.errorBars().isEmpty()) {
          series.setLineColor(colour);
          series.setMarkerColor(colour);
          series.setFillColor(colour);
        }
        if (spreadAsPoints) {
          for (int sign : new int[] {-1, 1}) {
            List<Double> bound = new ArrayList<>();
            for (int i = 0; i < ys.size(); i++) {
              Double e = i < errors.size() ? errors.get(i) : null;
              Double y = ys.get(i);
              double b = y == null || e == null ? Double.NaN : y + sign * e;
              bound.add(Double.isFinite(b) && b > 0 && e > 0 ? b : null);
            }
            if (bound.stream().anyMatch(v -> v != null)) {
              CategorySeries spread =
                  chart.addSeries(s.getKey() + (sign < 0 ? " - sd" : " + sd"), xLabels, bound);
              spread.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
              spread.setMarker(SeriesMarkers.TRIANGLE_UP);
              spread.setMarkerColor(colour);
              spread.setShowInLegend(false);
            }
          }
        }
        index++;
      }
    }
    return chart;
  }

  /**
   * Where the y axes of a figure's bar panels of one quantity (one y label) start: when all their
   * values are shares that lie well above 0 (accuracies of 0.85 to 0.98, say), just below the
   * smallest of those panels, a multiple of 0.05, so that differences show and the panels share one
   * baseline; NaN (start at 0) otherwise.
   */
  static double commonFloor(List<Panel> panels, String yLabel) {
    java.util.DoubleSummaryStatistics stats =
        panels.stream()
            .filter(p -> p.bars() && !p.logY() && p.yLabel().equals(yLabel))
            .flatMap(p -> p.series().values().stream())
            .flatMap(List::stream)
            .filter(v -> v != null && Double.isFinite(v))
            .mapToDouble(Double::doubleValue)
            .summaryStatistics();
    // Shares and accuracies only: a count's bar must start at 0 to be read as a count.
    return stats.getMin() > 0.5 && stats.getMax() <= 1
        ? Math.floor(stats.getMin() * 20) / 20 - 0.05
        : Double.NaN;
  }

  /** The smallest positive and the largest value of a panel's series. */
  private static double[] range(Panel panel) {
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    for (List<Double> ys : panel.series().values()) {
      for (Double v : ys) {
        if (v != null && Double.isFinite(v) && v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new double[] {lo, hi};
  }

  /** Error bars where the point is drawn and the bar is a finite number; 0 (no bar) elsewhere. */
  private static List<Double> usableErrors(List<Double> ys, List<Double> errors) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      Double e = i < errors.size() ? errors.get(i) : null;
      out.add(ys.get(i) != null && e != null && Double.isFinite(e) ? e : 0.0);
    }
    return out;
  }
}
