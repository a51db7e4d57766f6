package org.sparsecode.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table of results: a title, named columns, rows of cells (Double, Long, String; null for an
 * empty cell) and notes saying how it was produced (command, budget, seed, commit, machine).
 */
public record ResultTable(
    String title, List<String> columns, List<List<Object>> rows, List<String> notes) {

  public ResultTable {
    columns = List.copyOf(columns);
    List<List<Object>> copied = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row "
                + copied.size()
                + " of '"
                + title
                + "' has "
                + row.size()
                + " cells for "
                + columns.size()
                + " columns "
                + columns);
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copied);
    notes = List.copyOf(notes);
  }

  /** The title and the notes a figure's caption repeats: command, budget, seed, commit. */
  public List<String> caption() {
    List<String> lines = new ArrayList<>(List.of(title));
    for (String note : notes) {
      if (note.startsWith("command")
          || note.startsWith("budget")
          || note.startsWith("seed")
          || note.startsWith("commit")) {
        lines.add(note);
      }
    }
    return lines;
  }

  /** Index of a column, or an error naming the columns there are. */
  public int column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in " + columns);
    }
    return i;
  }

  /** The cells of one column, as numbers (null where empty or not numeric). */
  public List<Double> numbers(String name) {
    int c = column(name);
    List<Double> out = new ArrayList<>();
    for (List<Object> row : rows) {
      out.add(row.get(c) instanceof Number n ? n.doubleValue() : null);
    }
    return out;
  }
}
