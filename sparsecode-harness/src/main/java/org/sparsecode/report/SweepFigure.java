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
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.CategoryStyler;
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
      String title, String yLabel, boolean logY, Map<String, List<Double>> series,
      Map<String, List<Double>> errorBars, String xLabel, List<String> xLabels, boolean bars) {

    /** A line panel over the figure's x axis. */
    public Panel(String title, String yLabel, boolean logY, Map<String, List<Double>> series) {
      this(title, yLabel, logY, series, Map.of(), null, null, false);
    }

    /** A line panel over the figure's x axis, with error bars. */
    public Panel(
        String title, String yLabel, boolean logY, Map<String, List<Double>> series,
        Map<String, List<Double>> errorBars) {
      this(title, yLabel, logY, series, errorBars, null, null, false);
    }

    /** A panel with its own x axis, as lines or bars. */
    public Panel(
        String title, String yLabel, boolean logY, Map<String, List<Double>> series, String xLabel,
        List<String> xLabels, boolean bars) {
      this(title, yLabel, logY, series, Map.of(), xLabel, xLabels, bars);
    }
  }

  private SweepFigure() {}

  public static void write(
      Path png, String xLabel, List<String> xLabels, List<Panel> panels, List<String> caption) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int columns = panels.size() > ONE_ROW ? PER_ROW : panels.size();
    int rows = (panels.size() + columns - 1) / columns;
    int height = PANEL_HEIGHT * rows + CAPTION_LINE * (caption.size() + 1);
    BufferedImage image = new BufferedImage(PANEL_WIDTH * columns, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int p = 0; p < panels.size(); p++) {
        Panel spec = panels.get(p);
        CategoryChart chart =
            chart(spec, spec.xLabel() != null ? spec.xLabel() : xLabel, spec.xLabels() != null ? spec.xLabels() : xLabels);
        Graphics2D panel =
            (Graphics2D) g.create((p % columns) * PANEL_WIDTH, (p / columns) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
        chart.paint(panel, PANEL_WIDTH, PANEL_HEIGHT);
        panel.dispose();
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int y = PANEL_HEIGHT * rows + CAPTION_LINE;
      for (String line : caption) {
        g.drawString(line, 12, y);
        y += CAPTION_LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }

  private static CategoryChart chart(Panel panel, String xLabel, List<String> xLabels) {
    CategoryChart chart =
        new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.title())
            .xAxisTitle(xLabel).yAxisTitle(panel.yLabel()).build();
    CategoryStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(panel.bars() ? CategorySeriesRenderStyle.Bar : CategorySeriesRenderStyle.Line);
    // Line series share each category's x position instead of standing side by side like bars.
    styler.setOverlapped(!panel.bars());
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setYAxisLogarithmic(panel.logY());
    styler.setMarkerSize(8);
    styler.setErrorBarsColorSeriesColor(true);
    zoomBars(panel, styler);
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
        CategorySeries series =
            errors == null
                ? chart.addSeries(s.getKey(), xLabels, ys)
                : chart.addSeries(s.getKey(), xLabels, ys, usableErrors(ys, errors));
        series.setMarker(s.getKey().startsWith("document") ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Bars whose values all lie well above 0 (accuracies of 0.85 to 0.98, say) start the y axis
   * just below the smallest, a multiple of 0.05, so that their differences show.
   */
  private static void zoomBars(Panel panel, CategoryStyler styler) {
    if (!panel.bars() || panel.logY()) {
      return;
    }
    double min = panel.series().values().stream().flatMap(List::stream)
        .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).min().orElse(0);
    if (min > 0.5) {
      styler.setYAxisMin(Math.floor(min * 20) / 20 - 0.05);
    }
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
