package org.sparsecode.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.sparsecode.harness.SweepSpec;

/**
 * What {@code reproduce} prints at its end: the report's table cut to the columns a reader
 * compares, at most {@value #WIDTH} characters wide, then the report's findings. The full table
 * stays in the report's files.
 *
 * <p>The columns come from the report's own table: the columns that tell rows apart (the grid keys
 * and leading text columns such as a classifier, when they vary), then each of our metrics that has
 * a published column {@code paper_<metric>} beside that published column, then, while they fit, the
 * other result columns in the report's order. Run settings (steps, sizes, seeds that do not vary),
 * times, memory and validation scores are left to the full report.
 */
final class TerminalSummary {
  static final int WIDTH = 100;

  private static final String PAPER = "paper_";
  private static final String GAP = "  ";
  private static final String CI = "_ci95";
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?%?");

  /** Columns that describe how a trial ran rather than what it found. */
  private static final Pattern RUN_DETAIL =
      Pattern.compile(
          "status|steps|seeds?|.*seconds.*|.*per_second|rss_.*|.*_size|.*epochs|validation_.*"
              + "|encoder_validation.*|lr_drops|code_width|c|gamma");

  private TerminalSummary() {}

  /** One Markdown table: its header and rows of cells (alignment row left out). */
  record Table(List<String> header, List<List<String>> rows) {
    String cell(int row, int column) {
      List<String> r = rows.get(row);
      return column < r.size() ? r.get(column) : "";
    }
  }

  /** A column to print: its place in the report's table and the header to print over it. */
  private record Column(int index, String title) {}

  /**
   * The lines of the compact table (header first), each at most {@value #WIDTH} characters, and a
   * legend when it has published columns; empty when {@code markdown} holds no table.
   */
  static List<String> table(SweepSpec spec, String markdown) {
    Table t = firstTable(markdown);
    if (t == null) {
      return List.of();
    }
    List<Column> chosen = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (int c = 0; c < t.header().size(); c++) {
      String name = t.header().get(c);
      boolean key =
          spec.grid().containsKey(name)
              || name.equals(SweepSpec.SEED)
              || (!numeric(t, c) && c < firstResultColumn(spec, t));
      if (key && varies(t, c)) {
        chosen.add(new Column(c, name));
        used.add(c);
      }
    }
    if (chosen.isEmpty()) {
      chosen.add(new Column(0, t.header().get(0)));
      used.add(0);
    }
    boolean anyPaper = false;
    for (int c = 0; c < t.header().size(); c++) {
      String name = t.header().get(c);
      if (!name.startsWith(PAPER)) {
        continue;
      }
      int ours = oursFor(t, name.substring(PAPER.length()));
      if (ours < 0 || used.contains(ours)) {
        continue;
      }
      chosen.add(new Column(ours, t.header().get(ours)));
      chosen.add(new Column(c, "paper"));
      used.add(ours);
      used.add(c);
      anyPaper = true;
    }
    // The mandatory columns alone could be too wide: drop published pairs from the right.
    while (chosen.size() > 1 && width(t, chosen) > WIDTH) {
      Column last = chosen.remove(chosen.size() - 1);
      if (last.title().equals("paper") && chosen.size() > 1) {
        chosen.remove(chosen.size() - 1);
      }
    }
    // Accuracies (and their intervals) first, then the other results, each while it fits.
    for (boolean accuracies : new boolean[] {true, false}) {
      for (int c = 0; c < t.header().size(); c++) {
        String name = t.header().get(c);
        if (used.contains(c)
            || name.startsWith(PAPER)
            || RUN_DETAIL.matcher(name).matches()
            || !varies(t, c)
            || name.contains("accuracy") != accuracies) {
          continue;
        }
        List<Column> wider = new ArrayList<>(chosen);
        wider.add(new Column(c, name));
        if (width(t, wider) <= WIDTH) {
          chosen = wider;
          used.add(c);
        }
      }
    }
    chosen.sort((a, b) -> Double.compare(order(t, a), order(t, b)));
    List<String> lines = render(t, chosen);
    if (anyPaper && chosen.stream().anyMatch(c -> c.title().equals("paper"))) {
      lines.add("paper: the document's value of the column before it.");
    }
    return lines;
  }

  /**
   * The report's findings: the lines of its "Findings" section, or of the first section that
   * compares with the document ("How ours compares"), tables left out, wrapped at {@value #WIDTH}
   * characters. Empty when the report has neither.
   */
  static List<String> findings(String reportMarkdown) {
    List<String> section = new ArrayList<>();
    boolean in = false;
    for (String line : reportMarkdown.split("\n", -1)) {
      if (line.startsWith("## ")) {
        if (in) {
          break;
        }
        String heading = line.substring(3).trim().toLowerCase(Locale.ROOT);
        in = heading.startsWith("findings") || heading.startsWith("how ours compares");
        continue;
      }
      if (in && !line.startsWith("|")) {
        section.add(line);
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : section) {
      if (line.isBlank() && (out.isEmpty() || out.get(out.size() - 1).isEmpty())) {
        continue;
      }
      out.addAll(wrap(line.stripTrailing(), WIDTH));
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** The first Markdown table in {@code markdown}, or null. */
  static Table firstTable(String markdown) {
    List<String> lines = new ArrayList<>();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("|")) {
        lines.add(line);
      } else if (!lines.isEmpty()) {
        break;
      }
    }
    if (lines.size() < 2) {
      return null;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 2; i < lines.size(); i++) {
      rows.add(cells(lines.get(i)));
    }
    return new Table(cells(lines.get(0)), rows);
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> out = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      out.add(cell.trim());
    }
    return out;
  }

  /** Our column for a published metric: the same name, else the first that starts with it. */
  private static int oursFor(Table t, String metric) {
    int exact = t.header().indexOf(metric);
    if (exact >= 0) {
      return exact;
    }
    for (int c = 0; c < t.header().size(); c++) {
      String name = t.header().get(c);
      if (name.startsWith(metric + "_") && !name.endsWith(CI)) {
        return c;
      }
    }
    return -1;
  }

  /** The first column that is neither a grid key nor text: where the results begin. */
  private static int firstResultColumn(SweepSpec spec, Table t) {
    for (int c = 0; c < t.header().size(); c++) {
      if (!spec.grid().containsKey(t.header().get(c)) && numeric(t, c)) {
        return c;
      }
    }
    return t.header().size();
  }

  private static boolean numeric(Table t, int column) {
    boolean any = false;
    for (int r = 0; r < t.rows().size(); r++) {
      String v = t.cell(r, column);
      if (v.isEmpty()) {
        continue;
      }
      if (!NUMBER.matcher(v).matches()) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** True when the column has two different values (a one-row table keeps every column). */
  private static boolean varies(Table t, int column) {
    if (t.rows().size() < 2) {
      return true;
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < t.rows().size(); r++) {
      seen.add(t.cell(r, column));
    }
    return seen.size() > 1;
  }

  /**
   * The report's order, except that a published column comes right after our column and its
   * interval ({@code <metric>_ci95}), and an interval right after its metric.
   */
  private static double order(Table t, Column c) {
    String name = t.header().get(c.index());
    if (name.startsWith(PAPER)) {
      return oursFor(t, name.substring(PAPER.length())) + 0.5;
    }
    if (name.endsWith(CI)) {
      int metric = t.header().indexOf(name.substring(0, name.length() - CI.length()));
      if (metric >= 0) {
        return metric + 0.25;
      }
    }
    return c.index();
  }

  private static int width(Table t, List<Column> columns) {
    int w = 0;
    for (Column c : columns) {
      w += columnWidth(t, c) + GAP.length();
    }
    return w - GAP.length();
  }

  private static int columnWidth(Table t, Column c) {
    int w = c.title().length();
    for (int r = 0; r < t.rows().size(); r++) {
      w = Math.max(w, t.cell(r, c.index()).length());
    }
    return w;
  }

  private static List<String> render(Table t, List<Column> columns) {
    List<String> lines = new ArrayList<>();
    int[] widths = columns.stream().mapToInt(c -> columnWidth(t, c)).toArray();
    boolean[] right = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      right[i] = numeric(t, columns.get(i).index());
    }
    List<String> header = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      header.add(pad(columns.get(i).title(), widths[i], right[i]));
    }
    lines.add(String.join(GAP, header).stripTrailing());
    for (int r = 0; r < t.rows().size(); r++) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        cells.add(pad(t.cell(r, columns.get(i).index()), widths[i], right[i]));
      }
      lines.add(String.join(GAP, cells).stripTrailing());
    }
    return lines;
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  /** Word-wraps one line; continuation lines of a list item are indented under its text. */
  static List<String> wrap(String line, int width) {
    List<String> out = new ArrayList<>();
    if (line.length() <= width) {
      out.add(line);
      return out;
    }
    String indent = line.startsWith("- ") ? "  " : "";
    StringBuilder current = new StringBuilder();
    for (String word : line.split(" ")) {
      if (current.length() > 0 && current.length() + 1 + word.length() > width) {
        out.add(current.toString());
        current = new StringBuilder(indent);
      }
      if (current.length() > indent.length() || (current.length() > 0 && out.isEmpty())) {
        current.append(' ');
      }
      current.append(word);
    }
    if (current.length() > indent.length()) {
      out.add(current.toString());
    }
    return out;
  }
}
