package org.sparsecode.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.sparsecode.io.AtomicFiles;

/**
 * Writes a {@link ResultTable} as RFC 4180 CSV: the notes as leading {@code #} comment lines, a
 * header row, then the rows. Numbers are written in the shortest form that reads back exactly; an
 * empty cell means "no value".
 */
public final class CsvReport {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setCommentMarker('#').build();

  private CsvReport() {}

  public static void write(ResultTable table, Path file) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          CSVPrinter printer =
              FORMAT
                  .builder()
                  .setHeaderComments(table.notes().toArray(new Object[0]))
                  .setHeader(table.columns().toArray(new String[0]))
                  .build()
                  .print(w);
          for (List<Object> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
              cells.add(format(cell));
            }
            printer.printRecord(cells);
          }
          printer.flush();
        });
  }

  /** Reads a table written by {@link #write}: numeric-looking cells become Double. */
  public static ResultTable read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            FORMAT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      List<List<Object>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        List<Object> row = new ArrayList<>();
        for (String cell : record) {
          row.add(parse(cell));
        }
        rows.add(row);
      }
      String comment = parser.getHeaderComment();
      List<String> notes = comment == null ? List.of() : List.of(comment.split("\n"));
      return new ResultTable(file.getFileName().toString(), parser.getHeaderNames(), rows, notes);
    }
  }

  static String format(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (cell instanceof Float f) {
      return format(Double.valueOf(f.toString()));
    }
    return cell.toString();
  }

  private static Object parse(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(cell);
    } catch (NumberFormatException e) {
      return cell;
    }
  }
}
