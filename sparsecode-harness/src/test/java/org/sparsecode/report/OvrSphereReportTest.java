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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.model.MlpClassifier;

class OvrSphereReportTest {
  private static final String BELOW = MlpClassifier.BELOW_THRESHOLD;
  private static final List<String> GRID = List.of("hidden", "partitions", "seed");

  private static final RunProvenance PROVENANCE =
      new RunProvenance(
          "0123abc", "2.18.0", 1, "jvm", "os", "cpu", 2, 1, "2024-01-01T00:00:00Z", 1.5);

  private static TrialResult result(
      int hidden, int partitions, int seed, double below, double l0, double accuracy) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("points", 5000);
    p.put("steps", 100);
    p.put("hidden", hidden);
    p.put("partitions", partitions);
    p.put("seed", seed);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.TEST_ACCURACY, accuracy);
    m.put(Metrics.AVR_TEST, l0 * hidden);
    m.put(Metrics.L0_FRACTION_TEST, l0);
    m.put(Metrics.DEAD_FRACTION, 0.0);
    m.put(BELOW, below);
    m.put(Metrics.STEPS, 100.0);
    String id = "hidden_" + hidden + "__partitions_" + partitions + "__seed_" + seed;
    return new TrialResult(
        new Trial("ovr-sphere", 0, id, p), TrialResult.Status.OK, "", m, PROVENANCE);
  }

  /** Every (width, partitions, seed) of the grid, sparsity from {@code below(partitions, seed)}. */
  private static List<TrialResult> sweep(int[] widths, BiFunction<Integer, Integer, Double> below) {
    List<TrialResult> out = new ArrayList<>();
    for (int w : widths) {
      for (int p : new int[] {4, 16, 64}) {
        for (int s = 1; s <= 3; s++) {
          double b = below.apply(p, s) + (w == 32 ? 0.01 : 0);
          out.add(result(w, p, s, b, 1 - b, 0.9));
        }
      }
    }
    return out;
  }

  @Test
  void summaryHasTheMeanAndSampleStdOverSeedsOfEachPoint() {
    List<TrialResult> results =
        new ArrayList<>(
            List.of(
                result(16, 4, 1, 0.40, 0.50, 0.9),
                result(16, 4, 2, 0.50, 0.40, 0.8),
                result(16, 4, 3, 0.60, 0.60, 0.7),
                result(16, 16, 1, 0.30, 0.70, 1.0),
                result(16, 16, 2, 0.70, 0.30, 0.5)));
    TrialResult diverged = result(16, 16, 3, 0.99, 0.99, 0.1);
    results.add(
        new TrialResult(
            diverged.trial(), TrialResult.Status.DIVERGED, "nan", Map.of(), PROVENANCE));

    ResultTable t = OvrSphereReport.summary("t", GRID, results, List.of());
    assertEquals(List.of("hidden", "partitions", "seeds"), t.columns().subList(0, 3));
    assertEquals(2, t.rows().size());
    List<Object> first = t.rows().get(0);
    assertEquals(16.0, first.get(t.column("hidden")));
    assertEquals(4.0, first.get(t.column("partitions")));
    assertEquals(3.0, first.get(t.column("seeds")));
    // 0.4, 0.5, 0.6: mean 0.5, squared deviations 0.01 + 0 + 0.01 over n - 1 = 2 -> std 0.1.
    assertEquals(0.5, (Double) first.get(t.column(BELOW + "_mean")), 1e-12);
    assertEquals(0.1, (Double) first.get(t.column(BELOW + "_std")), 1e-12);
    assertEquals(0.8, (Double) first.get(t.column(Metrics.TEST_ACCURACY + "_mean")), 1e-12);
    assertEquals(0.1, (Double) first.get(t.column(Metrics.TEST_ACCURACY + "_std")), 1e-12);
    // AVR = l0 * 16: 8, 6.4, 9.6 -> mean 8, std 1.6.
    assertEquals(8.0, (Double) first.get(t.column(Metrics.AVR_TEST + "_mean")), 1e-12);
    assertEquals(1.6, (Double) first.get(t.column(Metrics.AVR_TEST + "_std")), 1e-12);
    // The diverged seed is left out: 0.3 and 0.7 -> mean 0.5, std sqrt(0.08) = 0.2828...
    List<Object> second = t.rows().get(1);
    assertEquals(2.0, second.get(t.column("seeds")));
    assertEquals(0.5, (Double) second.get(t.column(BELOW + "_mean")), 1e-12);
    assertEquals(Math.sqrt(0.08), (Double) second.get(t.column(BELOW + "_std")), 1e-12);
  }

  @Test
  void spreadOfOneValueHasNoStd() {
    Spread s = Spread.of(0.25);
    assertEquals(0.25, s.mean());
    assertTrue(Double.isNaN(s.std()));
    assertEquals(new Spread(4, 2.5, Math.sqrt(5.0 / 3), 1, 4), Spread.of(4, 1, 3, 2));
    ResultTable t =
        OvrSphereReport.summary("t", GRID, List.of(result(16, 4, 1, 0.4, 0.5, 0.9)), List.of());
    assertNull(t.rows().get(0).get(t.column(BELOW + "_std")));
  }

  @Test
  void spearmanAndSlopeAgainstHandComputation() {
    // Ranks of y: 1, 3, 2, 4; d^2 = 0, 1, 1, 0; rho = 1 - 6 * 2 / (4 * 15) = 0.8.
    assertEquals(
        0.8, Trends.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 30, 20, 40}), 1e-12);
    assertEquals(-1.0, Trends.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    // Tied y shares rank 1.5: ranks (1, 2, 3) vs (1.5, 1.5, 3) -> 1.5 / sqrt(2 * 1.5) = 0.8660.
    assertEquals(
        1.5 / Math.sqrt(3), Trends.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 9}), 1e-12);
    assertTrue(Double.isNaN(Trends.spearman(new double[] {1, 2, 3}, new double[] {7, 7, 7})));
    assertEquals(2.0, Trends.slope(new double[] {0, 1, 2}, new double[] {1, 3, 5}), 1e-12);
    // Means 2 and 1: sxy = (-2)(1) + 0 (-1) + 2 (0) = -2, sxx = 4 + 0 + 4 = 8.
    assertEquals(-0.25, Trends.slope(new double[] {0, 2, 4}, new double[] {2, 0, 1}), 1e-12);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Trends.slope(new double[] {1}, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("1 x values for 2 y values"), e.getMessage());
  }

  @Test
  void risingSparsityIsFoundAtEveryWidth() {
    // below = 0.4 + 0.02 * log2(partitions) + 0.001 * seed: every seed's curve rises, 0.02 per
    // doubling.
    List<TrialResult> results =
        sweep(new int[] {16, 32}, (p, s) -> 0.4 + 0.02 * Math.log(p) / Math.log(2) + 0.001 * s);
    List<OvrSphereReport.Trend> trends =
        OvrSphereReport.trends(
            results, "partitions", "hidden", List.of(), OvrSphereReport.BELOW_MEASURE);
    assertEquals(2, trends.size());
    for (OvrSphereReport.Trend t : trends) {
      assertEquals(List.of(1.0, 1.0, 1.0), t.rhos());
      assertEquals(1, t.direction());
      assertEquals(0.02, t.slopePerDoubling().mean(), 1e-12);
      assertEquals(0.0, t.slopePerDoubling().std(), 1e-12);
    }
    String text = OvrSphereReport.findings(results, List.of());
    assertTrue(
        text.contains(
            "Sparser with more partitions at 2 of 2 widths, less sparse at 0, mixed at 0."
                + " Of all 6 seed curves, 6 rise and 0 fall (rho > 0 / < 0); mean rho +1.00."),
        text);
    assertTrue(
        text.contains(
            "| 16 | +1.00 | +1.00 .. +1.00 | 3 of 3 | +0.0200 ± 0.0000 | sparser with more partitions |"),
        text);
    assertTrue(
        text.contains("4 partitions 0.9000, 16 partitions 0.9000, 64 partitions 0.9000"), text);
  }

  @Test
  void fallingAndMixedSparsityAreNotReportedAsRising() {
    // Width 16: falls for every seed. Width 32: seed 1 rises, seeds 2 and 3 fall.
    List<TrialResult> results = new ArrayList<>();
    for (TrialResult r : sweep(new int[] {16}, (p, s) -> 0.6 - 0.01 * Math.log(p) / Math.log(2))) {
      results.add(r);
    }
    for (TrialResult r :
        sweep(
            new int[] {32}, (p, s) -> 0.5 + (s == 1 ? 0.01 : -0.01) * Math.log(p) / Math.log(2))) {
      results.add(r);
    }
    List<OvrSphereReport.Trend> trends =
        OvrSphereReport.trends(
            results, "partitions", "hidden", List.of(), OvrSphereReport.BELOW_MEASURE);
    assertEquals(-1, trends.get(0).direction());
    assertEquals(List.of(1.0, -1.0, -1.0), trends.get(1).rhos());
    assertEquals(0, trends.get(1).direction());
    // Slopes +0.01, -0.01, -0.01: mean -0.01 / 3, std 0.01 * sqrt(((4/3)^2 + 2 (2/3)^2) / 2) = 0.02
    // / sqrt(3).
    assertEquals(-0.01 / 3, trends.get(1).slopePerDoubling().mean(), 1e-12);
    assertEquals(0.02 / Math.sqrt(3), trends.get(1).slopePerDoubling().std(), 1e-12);
    String text = OvrSphereReport.findings(results, List.of());
    assertTrue(
        text.contains(
            "Sparser with more partitions at 0 of 2 widths, less sparse at 1, mixed at 1."
                + " Of all 6 seed curves, 1 rise and 5 fall (rho > 0 / < 0); mean rho -0.67."),
        text);
    assertTrue(
        text.contains("| 32 | -0.33 | -1.00 .. +1.00 | 1 of 3 | -0.0033 ± 0.0115 | mixed |"), text);
  }

  @Test
  void aFlatCurveHasNoDirection() {
    List<TrialResult> results = sweep(new int[] {16}, (p, s) -> 0.5);
    OvrSphereReport.Trend t =
        OvrSphereReport.trends(
                results, "partitions", "hidden", List.of(), OvrSphereReport.BELOW_MEASURE)
            .get(0);
    assertTrue(t.rhos().stream().allMatch(r -> Double.isNaN(r)), t.rhos().toString());
    assertEquals(0, t.direction());
    assertTrue(
        OvrSphereReport.findings(results, List.of()).contains("| 16 | n/a | n/a | 0 of 3 |"));
  }

  @Test
  void writesBothCsvFilesTheReportAndTwoFigures(@TempDir Path tmp) throws IOException {
    Path yaml = tmp.resolve("ovr-sphere.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "table: ovr-sphere",
            "title: Sphere",
            "document: Doc 001",
            "model: ovr_sphere",
            "params: {points: 5000, lambda: 0}",
            "budgets: {quick: {steps: 100}}",
            "grid:",
            "  hidden: [16, 32]",
            "  partitions: [4, 16, 64]",
            "  seed: [1, 2, 3]",
            ""));
    SweepSpec spec = SweepSpec.load(yaml);
    List<TrialResult> results =
        sweep(new int[] {16, 32}, (p, s) -> 0.4 + 0.02 * Math.log(p) / Math.log(2) + 0.001 * s);
    Path png = tmp.resolve("graphs/ovr-sphere.png");
    String terminal = writeReport(spec, results, tmp);

    ResultTable trials = CsvReport.read(tmp.resolve("reports/ovr-sphere.csv"));
    assertEquals(18, trials.rows().size());
    assertEquals(List.of("hidden", "partitions", "seed", "status"), trials.columns().subList(0, 4));
    assertTrue(
        trials.notes().contains("settings: points 5000, lambda 0, steps 100"),
        trials.notes().toString());
    ResultTable summary = CsvReport.read(tmp.resolve("reports/ovr-sphere-summary.csv"));
    assertEquals(6, summary.rows().size());
    // hidden 16, partitions 4: 0.4 + 0.04 + 0.001 * (1, 2, 3) -> mean 0.442, std 0.001.
    assertEquals(0.442, summary.numbers(BELOW + "_mean").get(0), 1e-12);
    assertEquals(0.001, summary.numbers(BELOW + "_std").get(0), 1e-12);

    String md = Files.readString(tmp.resolve("reports/ovr-sphere.md"));
    assertTrue(md.contains("- command: ./sparsecode reproduce ovr-sphere"), md);
    assertTrue(md.contains("- commit: 0123abc"), md);
    assertTrue(md.contains("Sparser with more partitions at 2 of 2 widths"), md);
    assertTrue(md.contains("## Every trial"), md);
    assertTrue(terminal.startsWith("| hidden | partitions | seeds |"), terminal);
    for (String name : List.of("ovr-sphere-width.png", "ovr-sphere-partitions.png")) {
      BufferedImage image = ImageIO.read(png.resolveSibling(name).toFile());
      assertEquals(3 * 640, image.getWidth(), name);
    }
    assertTrue(md.contains("0 of 18 trials have a curve"), md);
    assertTrue(!Files.exists(png.resolveSibling("ovr-sphere-curves.png")));

    // A curve for the first trial (seed 1) and one for a seed-2 trial: the figure draws seed 1's.
    TrialResult second =
        results.stream()
            .filter(r -> ((Number) r.trial().params().get("seed")).longValue() == 2)
            .findFirst()
            .get();
    for (TrialResult r : List.of(results.get(0), second)) {
      CurveCsv.write(
          tmp.resolve("artifacts").resolve(r.trial().id()).resolve(CurveCsv.FILE),
          List.of("step", "validation_accuracy", "l0_fraction_train_batch"),
          List.of(new double[] {50, 0.5, 0.6}, new double[] {100, 0.7, 0.5}));
    }
    writeReport(spec, results, tmp);
    md = Files.readString(tmp.resolve("reports/ovr-sphere.md"));
    assertTrue(md.contains("2 of 18 trials have a curve"), md);
    assertTrue(
        md.contains(
            "[graphs/ovr-sphere-curves.png](../graphs/ovr-sphere-curves.png) draws seed 1's"),
        md);
    assertTrue(Files.size(png.resolveSibling("ovr-sphere-curves.png")) > 10_000);
  }

  /** The quick-budget report under tmp: reports/, graphs/ovr-sphere*.png, artifacts/. */
  private static String writeReport(SweepSpec spec, List<TrialResult> results, Path tmp)
      throws IOException {
    return OvrSphereReport.write(
        spec,
        "quick",
        results,
        "./sparsecode reproduce ovr-sphere",
        tmp.resolve("reports/ovr-sphere.csv"),
        tmp.resolve("reports/ovr-sphere.md"),
        tmp.resolve("graphs/ovr-sphere.png"),
        tmp.resolve("artifacts"));
  }

  @Test
  void aGridWithoutSeedsIsRefusedWithTheFix(@TempDir Path tmp) throws IOException {
    Path yaml = tmp.resolve("s.yaml");
    Files.writeString(
        yaml,
        "table: s\nmodel: ovr_sphere\nbudgets: {quick: {steps: 1}}\ngrid: {hidden: [16], partitions: [4]}\n");
    SweepSpec spec = SweepSpec.load(yaml);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OvrSphereReport.write(
                    spec,
                    "quick",
                    List.of(),
                    "c",
                    tmp.resolve("a.csv"),
                    tmp.resolve("a.md"),
                    tmp.resolve("a.png"),
                    tmp));
    assertTrue(
        e.getMessage().contains("needs 'seed' in grid")
            && e.getMessage().contains("seed: [1, 2, 3]"),
        e.getMessage());
  }
}
