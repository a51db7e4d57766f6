package org.sparsecode.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A learning curve as a small CSV file: a header of column names, then one row of numbers per
 * recorded point. A missing number (NaN) is written as an empty cell and read back as NaN.
 */
public final class CurveCsv {
  /** The curve of a trial's training, in its artifacts folder. */
  public static final String FILE = "curve.csv";

  private CurveCsv() {}

  /** The columns and rows of one curve file. */
  public record Table(List<String> columns, List<double[]> rows) {
    /**
     * Copies the lists, so the table cannot change afterwards.
     *
     * @param columns the header's column names
     * @param rows one array per row, one value per column
     */
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /**
     * Whether the curve has a column.
     *
     * @param column a column name
     * @return whether the header lists it
     */
    public boolean has(String column) {
      return columns.contains(column);
    }

    /**
     * One column's values, in row order.
     *
     * @param name a column name from the header
     * @return the column's values, one per row
     * @throws IllegalArgumentException when there is no such column
     */
    public double[] column(String name) {
      int i = columns.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException(
            "the curve has no column '" + name + "'; it has " + columns);
      }
      double[] out = new double[rows.size()];
      for (int r = 0; r < out.length; r++) {
        out[r] = rows.get(r)[i];
      }
      return out;
    }
  }

  /**
   * Writes the curve atomically.
   *
   * @param file the CSV file, replaced if it exists
   * @param columns the header's column names
   * @param rows one array per row, one value per column
   * @throws IOException when the file cannot be written
   */
  public static void write(Path file, List<String> columns, List<double[]> rows)
      throws IOException {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
    for (double[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(
            "a curve row has " + row.length + " values for " + columns.size() + " columns");
      }
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(format(row[i]));
      }
      out.append('\n');
    }
    AtomicFiles.writeString(file, out.toString());
  }

  /**
   * Reads a curve written by {@link #write}.
   *
   * @param file a CSV file with a header row and numeric rows
   * @return its columns and rows
   * @throws IOException when the file cannot be read
   */
  public static Table read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new IOException(file + " is empty; it should start with a header of column names");
    }
    List<String> columns = List.of(lines.get(0).split(",", -1));
    List<double[]> rows = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      String[] cells = lines.get(n).split(",", -1);
      if (cells.length != columns.size()) {
        throw new IOException(
            file
                + " line "
                + (n + 1)
                + " has "
                + cells.length
                + " cells for "
                + columns.size()
                + " columns");
      }
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        try {
          row[i] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
        } catch (NumberFormatException e) {
          throw new IOException(file + " line " + (n + 1) + ": '" + cells[i] + "' is not a number");
        }
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
