package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Classifier;
import org.sparsecode.harness.TrialResult;

class ReportTest {

  private static ResultTable sample() {
    return new ResultTable(
        "sample",
        List.of("lambda", "test_accuracy", "status", "note"),
        List.of(
            Arrays.asList(0.0, 0.97430000001, "ok", "a, quoted \"cell\""),
            Arrays.asList(2.7e-3, null, "diverged", null),
            Arrays.asList(1e-5, 0.9, "ok", "")),
        List.of("command: ./sparsecode reproduce sample", "seed: 1"));
  }

  @Test
  void csvReadsBackExactlyWithItsProvenanceComments(@TempDir Path tmp) throws IOException {
    Path csv = tmp.resolve("t.csv");
    CsvReport.write(sample(), csv);
    String text = Files.readString(csv);
    assertTrue(text.startsWith("# command: ./sparsecode reproduce sample"), text);
    assertTrue(text.contains("0.0027,"), "shortest plain form of 2.7e-3: " + text);
    ResultTable back = CsvReport.read(csv);
    assertEquals(sample().columns(), back.columns());
    assertEquals(0.97430000001, back.rows().get(0).get(1));
    assertEquals(2.7e-3, back.rows().get(1).get(0));
    assertEquals(1e-5, back.rows().get(2).get(0));
    assertEquals("a, quoted \"cell\"", back.rows().get(0).get(3));
    assertNull(back.rows().get(1).get(1));
    assertEquals(sample().notes(), back.notes());
  }

  @Test
  void markdownRoundsForReadingAndAlignsNumbers() {
    String md = MarkdownReport.render(sample());
    assertTrue(
        md.startsWith("| lambda | test_accuracy | status | note |\n| ---: | ---: | --- | --- |\n"),
        md);
    assertTrue(md.contains("| 0 | 0.9743 | ok |"), md);
    assertTrue(md.contains("| 2.7e-03 |  | diverged |"), md);
    assertEquals("1e-05", MarkdownReport.display("lambda", 1e-5));
    assertEquals("5e-04", MarkdownReport.display("lambda", 5e-4));
    assertEquals("0.9743", MarkdownReport.display("test_accuracy", 0.97434));
    assertEquals("20000", MarkdownReport.display("steps", 20000.0));
    assertEquals("5.41", MarkdownReport.display("avr_train", 5.4102));
    // Squared errors: three significant digits below 0.001, five decimals above.
    assertEquals("1.35e-6", MarkdownReport.display("recon_mse", 1.3527e-6));
    assertEquals("3.73e-4", MarkdownReport.display("recon_mse", 3.7312e-4));
    assertEquals("0.01234", MarkdownReport.display("mse_mnist", 0.012341));
    assertEquals("0.00000", MarkdownReport.display("recon_mse", 0.0));
  }

  @Test
  void aRowOfTheWrongLengthIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ResultTable("t", List.of("a", "b"), List.of(List.of(1.0)), List.of()));
    assertTrue(e.getMessage().contains("1 cells for 2 columns"), e.getMessage());
  }

  @Test
  void aFailedWriteKeepsThePreviousFile(@TempDir Path tmp) throws IOException {
    Path csv = tmp.resolve("t.csv");
    CsvReport.write(sample(), csv);
    String before = Files.readString(csv);
    ResultTable bad =
        new ResultTable(
            "bad",
            List.of("x"),
            List.of(
                List.of(
                    new Object() {
                      @Override
                      public String toString() {
                        throw new IllegalStateException("cannot print this cell");
                      }
                    })),
            List.of());
    assertThrows(IllegalStateException.class, () -> CsvReport.write(bad, csv));
    assertEquals(before, Files.readString(csv));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(csv), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void sweepTablePutsOurNumbersBesideTheDocumentsAndDrawsTheFigure(@TempDir Path tmp)
      throws IOException {
    Path harness = tmp.resolve("harness");
    Files.createDirectories(harness);
    Files.writeString(
        harness.resolve("mini.yaml"),
        String.join(
            "\n",
            "table: mini",
            "title: Mini sweep",
            "document: test",
            "model: fc",
            "params: {hidden: 8, seed: 3}",
            "budgets: {quick: {steps: 10}}",
            "grid: {lambda: [0, 1.0e-4]}",
            "paper:",
            "  - {lambda: 0, test_accuracy: 0.98, avr: 150, seconds: 10}",
            "  - {lambda: 1.0e-4, test_accuracy: 0.96, avr: 2.5, seconds: 10}",
            ""));
    SweepSpec spec = SweepSpec.load(harness, "mini");
    List<TrialResult> results = new ArrayList<>();
    double[] accuracy = {0.985, 0.945};
    for (Trial t : spec.expand("quick")) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(Metrics.TEST_ACCURACY, accuracy[t.index()]);
      m.put(Metrics.AVR_TRAIN, 100.0 / (t.index() + 1));
      m.put(Metrics.AVR_TEST, 90.0 / (t.index() + 1));
      m.put(Metrics.RSS_MIB_STEP_1000, 400.0);
      m.put(Metrics.RSS_MIB_END, 404.0);
      m.put(Metrics.STEPS, 10.0);
      m.put(Metrics.WALL_SECONDS, 4.0 + t.index());
      m.put(Classifier.STEPS_TO_97, t.index() == 0 ? 8.0 : 6.0);
      results.add(
          new TrialResult(
              t,
              TrialResult.Status.OK,
              "",
              m,
              new RunProvenance(
                  "abc123",
                  "2.18.0",
                  3,
                  "jvm",
                  "os",
                  "cpu",
                  2,
                  1,
                  "2026-01-01T00:00:0" + t.index() + "Z",
                  5.0)));
    }
    ResultTable table = SweepTables.table(spec, "quick", results, "./sparsecode reproduce mini");
    assertEquals(List.of(0.98, 0.96), table.numbers("paper_test_accuracy"));
    assertEquals(List.of(150.0, 2.5), table.numbers("paper_avr"));
    assertEquals(List.of(0.985, 0.945), table.numbers(Metrics.TEST_ACCURACY));
    assertTrue(table.notes().contains("commit: abc123"), table.notes().toString());
    assertTrue(
        table.notes().contains("sweep wall time: 10 s (sum over 2 trials)"),
        table.notes().toString());

    String findings = SweepTables.findings(spec, results);
    assertTrue(
        findings.contains("1 of 2 trials reach the document's test accuracy within one point"),
        findings);
    assertTrue(
        findings.contains(
            "lambda_0.0001: accuracy 0.9450 vs 0.9600 (-1.50 points) **more than one point below**"),
        findings);
    assertTrue(
        findings.contains("Whole sweep: 10 s here (evaluation included) against 20 s"), findings);
    assertTrue(findings.contains("grew by at most +1.0%"), findings);
    assertTrue(findings.contains("One trial of 10 steps took 4 to 5 s"), findings);
    String speed = SweepTables.learningSpeed(spec, results).orElseThrow();
    assertTrue(speed.contains("- lambda_0.0001: step 6 (earlier than lambda 0)"), speed);
    assertTrue(
        speed.contains("in 1 of 1 comparisons: sparsity sped learning up here in most cases"),
        speed);

    Path png = tmp.resolve("g/mini.png");
    SweepTables.write(
        spec,
        "quick",
        results,
        "cmd",
        tmp.resolve("r/mini.csv"),
        tmp.resolve("r/mini.md"),
        png,
        tmp.resolve("no-artifacts"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertTrue(image.getHeight() > 480);
    int first = image.getRGB(0, 0);
    boolean varied = false;
    for (int x = 0; x < image.getWidth() && !varied; x += 7) {
      for (int y = 0; y < image.getHeight() && !varied; y += 7) {
        varied = image.getRGB(x, y) != first;
      }
    }
    assertTrue(varied, "the figure is not blank");
    assertTrue(Files.readString(tmp.resolve("r/mini.md")).contains("## How ours compares"));
  }

  /** The decoder comparison against hand-computed ratios: 4e-6 / 2e-6 = 2, 1e-6 / 3e-6 = 0.33. */
  @Test
  void theDecoderComparisonCountsTheLambdasWhereSubpixelReconstructsBetter() {
    List<TrialResult> results = new ArrayList<>();
    double[][] mse = {{2e-6, 3e-6}, {4e-6, 1e-6}}; // [decoder][lambda]
    String[] decoders = {"conv_transpose", "subpixel"};
    double[] lambdas = {0, 1e-5};
    for (int d = 0; d < 2; d++) {
      for (int l = 0; l < 2; l++) {
        Trial t =
            new Trial(
                "ae",
                results.size(),
                decoders[d] + l,
                Map.of("decoder", decoders[d], "lambda", lambdas[l]));
        results.add(
            new TrialResult(
                t,
                TrialResult.Status.OK,
                "",
                Map.of(org.sparsecode.model.ConvAutoencoderClassifier.RECON_MSE, mse[d][l]),
                new RunProvenance(
                    "abc123", "2.18.0", 3, "jvm", "os", "cpu", 2, 1, "2026-01-01T00:00:00Z", 5.0)));
      }
    }
    String text = SweepTables.decoderComparison(results).orElseThrow();
    assertTrue(
        text.contains("- lambda 0: subpixel 4.00e-6, conv_transpose 2.00e-6 (ratio 2.00)"), text);
    assertTrue(
        text.contains("- lambda 1e-05: subpixel 1.00e-6, conv_transpose 3.00e-6 (ratio 0.33)"),
        text);
    assertTrue(text.contains("The subpixel decoder reconstructs better at 1 of 2 lambdas."), text);
    // Without one of the two decoders there is nothing to compare.
    assertTrue(SweepTables.decoderComparison(results.subList(0, 2)).isEmpty());
  }
}
