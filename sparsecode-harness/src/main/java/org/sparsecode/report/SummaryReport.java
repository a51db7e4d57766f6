package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sparsecode.io.AtomicFiles;

/** Writes the summary as CSV (every column) and Markdown (the counts first, then the rows). */
public final class SummaryReport {
  private SummaryReport() {}

  /** Writes both files; returns the counts paragraph the Markdown opens with. */
  public static String write(List<Summary.Row> rows, List<String> notes, Path csv, Path md)
      throws IOException {
    List<List<Object>> cells = new ArrayList<>();
    for (Summary.Row r : rows) {
      cells.add(r.cells());
    }
    CsvReport.write(new ResultTable("summary", Summary.COLUMNS, cells, notes), csv);
    String counts = counts(rows);
    StringBuilder sb =
        new StringBuilder("# Published numbers and claims against ours\n\n")
            .append(counts)
            .append('\n')
            .append(byTable(rows))
            .append('\n');
    for (String note : notes) {
      sb.append("- ").append(note).append('\n');
    }
    sb.append('\n').append(VERDICTS).append("\n\n");
    sb.append(
        "| document | table | row | metric | paper | ours | seeds | verdict | difference | stale |\n");
    sb.append("| --- | --- | --- | --- | ---: | --- | ---: | --- | ---: | --- |\n");
    for (Summary.Row r : rows) {
      sb.append("| ")
          .append(
              String.join(
                  " | ",
                  shortDocument(r.document()),
                  r.table(),
                  r.row(),
                  r.metric(),
                  number(r.metric(), r.paper()),
                  ours(r),
                  String.valueOf(r.seeds()),
                  r.verdict(),
                  r.difference(),
                  r.stale()))
          .append(" |\n");
    }
    AtomicFiles.writeString(md, sb.toString());
    return counts;
  }

  static final String VERDICTS =
      "How a verdict is judged: a published number is *reproduced* when it lies within"
          + " our seeds' range widened by the test interval (for an accuracy, from the low end of the lowest seed's"
          + " 95% Wilson interval to the high end of the highest seed's: the bracket after our mean; for AVR and"
          + " loss_ae, which have no sampling interval here, the seeds' range), *above* or *below* otherwise, by the"
          + " difference of our mean in points (accuracies) or per cent (the rest). A claim *holds* or *fails* as the"
          + " check in its metric column says. `stale`: true when a row rests on a trial whose fingerprint no longer"
          + " matches the code, unverified when on a trial stored before fingerprints were recorded. Our AVR is"
          + " counted on the last training batch (avr_train), where the blog counted it; a row whose trials do not"
          + " record the metric (loss_ae today) is *not measured*. Published numbers come from the sweep files'"
          + " paper entries, the blog's loss_ae from its CNN+AE screenshot.";

  /** How many rows of each kind and verdict, and how many rest on stale or unverified trials. */
  record Tally(
      int numbers,
      int reproduced,
      int above,
      int below,
      int numbersNotMeasured,
      int claims,
      int hold,
      int fail,
      int claimsNotMeasured,
      int stale,
      int unverified) {
    static Tally of(List<Summary.Row> rows) {
      int[] n = new int[11];
      for (Summary.Row r : rows) {
        boolean number = r.paper() != null;
        n[number ? 0 : 5]++;
        switch (r.verdict()) {
          case Summary.REPRODUCED -> n[1]++;
          case Summary.ABOVE -> n[2]++;
          case Summary.BELOW -> n[3]++;
          case Summary.HOLDS -> n[6]++;
          case Summary.FAILS -> n[7]++;
          default -> n[number ? 4 : 8]++; // not measured
        }
        n[9] += r.stale().equals("true") ? 1 : 0;
        n[10] += r.stale().equals("unverified") ? 1 : 0;
      }
      return new Tally(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10]);
    }
  }

  /**
   * "**51 published numbers: 20 reproduced, 14 above, 12 below, 5 not measured.** 19 claims ..."
   */
  static String counts(List<Summary.Row> rows) {
    Tally t = Tally.of(rows);
    return String.format(
        Locale.ROOT,
        "**%d published numbers: %d reproduced, %d above, %d below, %d not measured.** %d claims without a"
            + " number: %d hold, %d fail, %d not measured. Rows resting on a stale trial: %d; on an unverified"
            + " trial (stored before fingerprints were recorded): %d.%n",
        t.numbers(),
        t.reproduced(),
        t.above(),
        t.below(),
        t.numbersNotMeasured(),
        t.claims(),
        t.hold(),
        t.fail(),
        t.claimsNotMeasured(),
        t.stale(),
        t.unverified());
  }

  /**
   * The counts per table, in the summary's order, then over all tables: the headline table that the
   * README quotes under the counts.
   */
  static String byTable(List<Summary.Row> rows) {
    Map<String, List<Summary.Row>> tables = new LinkedHashMap<>();
    for (Summary.Row r : rows) {
      tables.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r);
    }
    StringBuilder sb =
        new StringBuilder(
            "| table | document | published numbers | reproduced | above | below | claims | hold"
                + " | fail | not measured |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<String, List<Summary.Row>> e : tables.entrySet()) {
      String document = shortDocument(e.getValue().get(0).document());
      sb.append(countsRow("`" + e.getKey() + "`", document, Tally.of(e.getValue())));
    }
    return sb.append(countsRow("all", "", Tally.of(rows))).toString();
  }

  private static String countsRow(String table, String document, Tally t) {
    return Stream.of(
            table,
            document,
            t.numbers(),
            t.reproduced(),
            t.above(),
            t.below(),
            t.claims(),
            t.hold(),
            t.fail(),
            t.numbersNotMeasured() + t.claimsNotMeasured())
        .map(String::valueOf)
        .collect(Collectors.joining(" | ", "| ", " |\n"));
  }

  private static String shortDocument(String document) {
    int colon = document.indexOf(':');
    return colon < 0 ? document : document.substring(0, colon);
  }

  /** "0.9749 [0.9716, 0.9778]", with "± sd" between for several seeds. */
  private static String ours(Summary.Row r) {
    if (r.oursMean() == null) {
      return "";
    }
    String s = number(r.metric(), r.oursMean());
    if (r.oursSd() != null) {
      s += " ± " + number(r.metric(), r.oursSd());
    }
    if (r.low() != null && r.high() != null && r.metric().endsWith("accuracy")) {
      s += " [" + number(r.metric(), r.low()) + ", " + number(r.metric(), r.high()) + "]";
    }
    return s;
  }

  private static String number(String metric, Double v) {
    if (v == null) {
      return "";
    }
    if (metric.endsWith("accuracy") || metric.contains("fraction") || metric.contains("purity")) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    // Four significant digits, written out: 10570, 5.41, 0.0666.
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }
}
