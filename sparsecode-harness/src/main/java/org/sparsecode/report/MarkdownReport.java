package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsecode.io.AtomicFiles;
import org.sparsecode.model.ConvAutoencoderClassifier;

/**
 * Writes a {@link ResultTable} as a Markdown page: title, how it was produced, the table (numbers
 * right-aligned and rounded for reading; the CSV keeps full precision), then free sections.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void write(ResultTable table, Path file, List<String> sections) throws IOException {
    StringBuilder sb = new StringBuilder("# ").append(table.title()).append("\n\n");
    for (String note : table.notes()) {
      sb.append("- ").append(note).append('\n');
    }
    sb.append('\n').append(render(table)).append('\n');
    for (String section : sections) {
      sb.append('\n').append(section.strip()).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The table alone, as Markdown. */
  public static String render(ResultTable table) {
    List<String> columns = table.columns();
    List<List<String>> cells = new ArrayList<>();
    boolean[] numeric = new boolean[columns.size()];
    for (List<Object> row : table.rows()) {
      List<String> out = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        Object v = row.get(c);
        numeric[c] |= v instanceof Number;
        out.add(display(columns.get(c), v));
      }
      cells.add(out);
    }
    StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|");
    for (int c = 0; c < columns.size(); c++) {
      sb.append(numeric[c] ? " ---: |" : " --- |");
    }
    sb.append('\n');
    for (List<String> row : cells) {
      sb.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * A squared error per pixel: five decimals, or three significant digits ("1.35e-6") below 0.001,
   * where five decimals would print the autoencoders' errors as 0.00000.
   */
  static String meanSquaredError(double v) {
    if (v != 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.2e", v).replace("e-0", "e-");
    }
    return String.format(Locale.ROOT, "%.5f", v);
  }

  /** A cell rounded for reading, by what its column holds. */
  static String display(String column, Object value) {
    if (value == null) {
      return "";
    }
    if (!(value instanceof Number n)) {
      return value.toString();
    }
    double v = n.doubleValue();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (column.equals("lambda") || column.endsWith("_lambda")) {
      return v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v).replace(".0e", "e");
    }
    if (column.equals("c") || column.equals("gamma") || column.endsWith("_gamma")) {
      return new java.math.BigDecimal(v)
          .round(new java.math.MathContext(4))
          .stripTrailingZeros()
          .toPlainString();
    }
    if (column.endsWith(ConvAutoencoderClassifier.LOSS_AE)) {
      return String.format(Locale.ROOT, "%.4g", v);
    }
    if (column.equals(ConvAutoencoderClassifier.RECON_MSE)
        || column.startsWith("mse_")
        || column.endsWith("_mse")) {
      return meanSquaredError(v);
    }
    if (column.contains("accuracy")
        || column.contains("fraction")
        || column.startsWith("sparsity")
        || column.contains("purity")) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
