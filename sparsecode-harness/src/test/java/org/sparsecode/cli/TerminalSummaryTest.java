package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.SweepSpec;

/** The table and findings that {@code reproduce} prints at its end. */
class TerminalSummaryTest {
  @TempDir Path tmp;

  private SweepSpec spec() throws Exception {
    Files.writeString(
        tmp.resolve("t.yaml"),
        """
        table: t
        model: fc
        params: {seed: 1}
        budgets: {full: {steps: 10}}
        grid: {lambda: [0, 1.0e-5]}
        """);
    return SweepSpec.load(tmp.resolve("t.yaml"));
  }

  private static final String TABLE =
      """
      | lambda | status | test_accuracy | test_accuracy_ci95 | avr_train | validation_accuracy \
      | paper_test_accuracy | paper_avr | paper_seconds | steps | seed | wall_seconds |
      | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | 0 | ok | 0.9850 | [0.9824, 0.9872] | 259.45 | 0.9860 | 0.9792 | 156.30 | 85 | 20000 | 1 | 41.10 |
      | 1e-05 | ok | 0.9749 | [0.9716, 0.9778] | 5.84 | 0.9788 | 0.9743 | 5.41 | 85 | 20000 | 1 | 44.92 |
      """;

  @Test
  void oursBesideTheDocumentsThenTheIntervalWhileItFits() throws Exception {
    // paper_avr pairs with avr_train (no column "avr"); paper_seconds has no column of ours;
    // status, steps and seed do not vary; validation and times are left to the full report.
    assertEquals(
        List.of(
            "lambda  test_accuracy  test_accuracy_ci95   paper  avr_train   paper",
            "     0         0.9850  [0.9824, 0.9872]    0.9792     259.45  156.30",
            " 1e-05         0.9749  [0.9716, 0.9778]    0.9743       5.84    5.41",
            "paper: the document's value of the column before it."),
        TerminalSummary.table(spec(), TABLE));
  }

  @Test
  void aWideTableKeepsItsPairsAndDropsExtrasThatDoNotFit() throws Exception {
    // the interval's header alone would make the table 133 wide
    String wide = TABLE.replace("test_accuracy_ci95", "test_accuracy_ci95" + "x".repeat(60));
    List<String> lines = TerminalSummary.table(spec(), wide);
    assertEquals(
        "lambda  test_accuracy   paper  avr_train   paper",
        lines.get(0),
        "the interval is dropped");
    lines.forEach(l -> assertTrue(l.length() <= TerminalSummary.WIDTH, l));
  }

  @Test
  void findingsAreTheFindingsSectionWithoutTablesWrapped() {
    String md =
        """
        # T

        | a | b |
        | --- | --- |
        | 1 | 2 |

        ## Set-up

        Not this.

        ## Findings

        - first finding
        | x | y |
        - %s

        Closing line.

        ## Settings

        Not this either.
        """
            .formatted("word ".repeat(30).trim());
    List<String> f = TerminalSummary.findings(md);
    List<String> expected = new ArrayList<>();
    expected.add("- first finding");
    // 2 + 30 * 5 - 1 = 151 characters: wrapped at the last space before 100, then indented
    expected.add("- " + "word ".repeat(19).trim());
    expected.add("  " + "word ".repeat(11).trim());
    expected.add("");
    expected.add("Closing line.");
    assertEquals(expected, f);
  }

  /** Every committed report's table and findings, as reproduce prints them, fit 100 columns. */
  @Test
  void everyCommittedReportFitsOneHundredColumns() throws Exception {
    int checked = 0;
    for (SweepSpec spec : SweepSpec.listTables(Path.of("harness"))) {
      Path md = Path.of("reports", spec.table() + ".md");
      if (!Files.isRegularFile(md)) {
        continue;
      }
      String report = Files.readString(md);
      TerminalSummary.Table full = TerminalSummary.firstTable(report);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SweepReporting.printSummary(
          spec, report, report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      List<String> printed = bytes.toString(StandardCharsets.UTF_8).lines().toList();
      for (String line : printed) {
        assertTrue(line.length() <= TerminalSummary.WIDTH, spec.table() + ": " + line);
      }
      List<String> table = TerminalSummary.table(spec, report);
      assertFalse(table.isEmpty(), spec.table());
      assertEquals(
          full.rows().size() + 1,
          table.stream().filter(l -> !l.startsWith("paper:")).count(),
          spec.table() + ": one line per row of the report's table");
      // every published column that has ours beside it is printed
      long published =
          full.header().stream()
              .filter(h -> h.startsWith("paper_"))
              .filter(h -> !h.equals("paper_seconds"))
              .count();
      long printedPaper =
          List.of(table.get(0).split(" +")).stream().filter("paper"::equals).count();
      assertEquals(published, printedPaper, spec.table() + ": " + table.get(0));
      if (report.contains("\n## Findings") || report.contains("\n## How ours compares")) {
        assertTrue(
            printed.size() > table.size() + 1, spec.table() + " prints findings after the table");
      }
      checked++;
    }
    assertTrue(checked >= 10, "reports checked: " + checked);
  }
}
