package org.sparsecode.report;

import org.knowm.xchart.style.AxesChartStyler;

/**
 * Log-scale y axes that always carry labelled ticks: XChart labels only powers of ten, so an axis
 * whose data lie within one decade would show one tick or none. The axis is widened to whole
 * decades around the data, at least two of them.
 */
final class LogAxis {
  private LogAxis() {}

  static void decades(AxesChartStyler styler, double min, double max) {
    double low = Math.floor(Math.log10(min));
    double high = Math.ceil(Math.log10(max));
    if (high - low < 1) {
      high = low + 1;
    }
    styler.setYAxisLogarithmic(true);
    styler.setYAxisMin(Math.pow(10, low));
    styler.setYAxisMax(Math.pow(10, high));
  }
}
