package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** The regularizer report's findings on made-up results whose comparisons are known. */
class RegularizerComparisonTest {
  private static final RunProvenance PROVENANCE =
      new RunProvenance(
          "0123abc", "1.1.0", 1, "jvm", "os", "cpu", 2, 1, "2024-01-01T00:00:00Z", 10);

  /** test accuracy, validation accuracy, AVR on test, fraction below 0.1, by trial id. */
  private static final Map<String, double[]> NUMBERS = new LinkedHashMap<>();

  static {
    NUMBERS.put("regularizer_none__lambda_0", new double[] {0.9790, 0.9800, 390, 0.70});
    NUMBERS.put("regularizer_dropout__lambda_0", new double[] {0.9820, 0.9830, 260, 0.75});
    NUMBERS.put("regularizer_l1__lambda_1e-05", new double[] {0.9760, 0.9770, 6, 0.99});
    NUMBERS.put("regularizer_l1__lambda_0.0001", new double[] {0.9660, 0.9680, 3, 0.995});
    NUMBERS.put("regularizer_ovr__lambda_1e-06", new double[] {0.9795, 0.9801, 380, 0.71});
    NUMBERS.put("regularizer_ovr__lambda_1e-05", new double[] {0.9805, 0.9812, 300, 0.78});
    // Best on validation, not on test: the report must choose on validation.
    NUMBERS.put("regularizer_ovr__lambda_0.0001", new double[] {0.9790, 0.9840, 120, 0.90});
    NUMBERS.put("regularizer_ovr__lambda_0.001", new double[] {0.9700, 0.9720, 40, 0.97});
    NUMBERS.put("regularizer_ovr__lambda_0.01", new double[] {0.9500, 0.9510, 12, 0.96});
  }

  private static List<TrialResult> results() {
    List<TrialResult> out = new ArrayList<>();
    for (Trial t : SweepSpec.load(Path.of("harness", "ovr-regularizer.yaml")).expand("quick")) {
      if (!t.id().equals(SweepSpec.pointId(t.id()))) {
        continue; // the first seed's pass only: the numbers are per grid point
      }
      double[] n = NUMBERS.get(t.id());
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(Metrics.TEST_ACCURACY, n[0]);
      m.put(Metrics.VALIDATION_ACCURACY, n[1]);
      m.put(Metrics.AVR_TEST, n[2]);
      m.put(MlpClassifier.BELOW_THRESHOLD, n[3]);
      out.add(new TrialResult(t, TrialResult.Status.OK, "", m, PROVENANCE));
    }
    return out;
  }

  @Test
  void sweepFileExpandsToTheNineRowsInOrder() {
    assertEquals(
        List.copyOf(NUMBERS.keySet()), results().stream().map(r -> r.trial().id()).toList());
  }

  @Test
  void findingsChooseOvrOnValidationAndCompareWithDropout() {
    String f = RegularizerComparison.findings(results());
    assertTrue(
        f.contains(
            "OVR lambda chosen on validation accuracy: 1e-04 (validation_accuracy 0.9840,"
                + " test accuracy 0.9790, AVR 120.0, below_0.1_fraction 0.9000)"),
        f);
    // 0.9790 - 0.9820 = -0.30 points: within 0.5; AVR 120 < 260 and 0.90 > 0.75: sparser.
    assertTrue(
        f.contains(
            "Against dropout 0.5: test accuracy 0.9790 vs 0.9820, -0.30 points: within 0.5 point,"
                + " so the document's \"on par with Dropout\" holds here. OVR's row is sparser by both measures: AVR 120.0"
                + " vs 260.0"),
        f);
    assertTrue(
        f.contains("Against none: test accuracy 0.9790 vs 0.9790, +0.00 points: within 0.5 point."),
        f);
    assertTrue(
        f.contains("l1 1e-05: test accuracy 0.9760 (-0.30 points against the chosen OVR row)"), f);
    // Test accuracy peaks at 1e-5; the fraction below 0.1 falls from 1e-3 (0.97) to 1e-2 (0.96).
    assertTrue(f.contains("Test accuracy peaks at lambda 1e-05"), f);
    assertTrue(f.contains("does not rise at every step"), f);
  }

  @Test
  void aWideGapIsNotOnParAndMixedSparsityIsNamed() {
    List<TrialResult> rs = results();
    TrialResult ovr = rs.get(6);
    TrialResult dropout = rs.get(1);
    Map<String, Double> m = new LinkedHashMap<>(dropout.metrics());
    m.put(Metrics.TEST_ACCURACY, 0.9860);
    m.put(Metrics.AVR_TEST, 100.0);
    TrialResult better = new TrialResult(dropout.trial(), TrialResult.Status.OK, "", m, PROVENANCE);
    String c = RegularizerComparison.compare(ovr, better, true);
    assertTrue(
        c.contains(
            "-0.70 points: OVR is worse by more than 0.5 point, so the document's \"on par with"
                + " Dropout\" does not hold here"),
        c);
    // 0.9790 - 0.9740 = +0.50 points, although 100 * (0.979 - 0.974) is 0.5000000000000004 in
    // doubles.
    m.put(Metrics.TEST_ACCURACY, 0.9740);
    String edge =
        RegularizerComparison.compare(
            ovr, new TrialResult(dropout.trial(), TrialResult.Status.OK, "", m, PROVENANCE), true);
    assertTrue(edge.contains("+0.50 points: within 0.5 point"), edge);
    m.put(Metrics.TEST_ACCURACY, 0.9730);
    String above =
        RegularizerComparison.compare(
            ovr, new TrialResult(dropout.trial(), TrialResult.Status.OK, "", m, PROVENANCE), true);
    assertTrue(
        above.contains(
            "+0.60 points: OVR is better by more than 0.5 point (the document claims only \"on par\")"),
        above);
    assertTrue(c.contains("sparser by below_0.1_fraction only"), c);
  }

  @Test
  void writesTableAndFigure(@TempDir Path tmp) throws IOException {
    SweepSpec spec = SweepSpec.load(Path.of("harness", "ovr-regularizer.yaml"));
    String md = writeReport(spec, results(), tmp);
    assertTrue(md.startsWith("| regularizer | lambda | status | test_accuracy |"), md);
    assertTrue(md.contains("| ovr | 1e-04 | ok | 0.9790 |"), md);
    String page = Files.readString(tmp.resolve("t.md"));
    assertTrue(
        page.contains("## Set-up") && page.contains("Data: mnist") && page.contains("## Findings"),
        page);
    BufferedImage png = ImageIO.read(tmp.resolve("t.png").toFile());
    assertEquals(3 * 640, png.getWidth());
    assertTrue(page.contains("None of these trials has a learning curve"), page);

    // One trial's curve: the page links the curves figure and gives its best accuracy, labelled
    // as the table names the row.
    TrialResult dropout =
        results().stream()
            .filter(r -> RegularizerComparison.label(r).startsWith("dropout"))
            .findFirst()
            .orElseThrow();
    CurveCsv.write(
        tmp.resolve("artifacts").resolve(dropout.trial().id()).resolve(CurveCsv.FILE),
        List.of("step", "validation_accuracy", "avr_train_batch"),
        List.of(new double[] {1000, 0.97, 300}, new double[] {2000, 0.98, 250}));
    writeReport(spec, results(), tmp);
    page = Files.readString(tmp.resolve("t.md"));
    assertTrue(page.contains("([graphs/ovr-regularizer-curves.png]"), page);
    assertTrue(page.contains("| dropout 0.5 | 0.9800 | 2000 | 300.00 | 250.00 |"), page);
    assertTrue(Files.size(tmp.resolve("ovr-regularizer-curves.png")) > 10_000);
  }

  /** The quick-budget report under tmp: t.csv, t.md, t.png and the curves figure, artifacts/. */
  private static String writeReport(SweepSpec spec, List<TrialResult> results, Path tmp)
      throws IOException {
    return RegularizerComparison.write(
        spec,
        "quick",
        results,
        "cmd",
        tmp.resolve("t.csv"),
        tmp.resolve("t.md"),
        tmp.resolve("t.png"),
        tmp.resolve("artifacts"));
  }

  /** The same trials again as seed 2, with the test accuracy 0.002 lower and AVR 20 higher. */
  private static List<TrialResult> withSecondSeed() {
    List<TrialResult> out = new ArrayList<>(results());
    for (TrialResult r : results()) {
      Map<String, Object> params = new LinkedHashMap<>(r.trial().params());
      params.put("seed", 2L);
      Map<String, Double> m = new LinkedHashMap<>(r.metrics());
      m.put(Metrics.TEST_ACCURACY, r.metric(Metrics.TEST_ACCURACY) - 0.002);
      m.put(Metrics.AVR_TEST, r.metric(Metrics.AVR_TEST) + 20);
      Trial t =
          new Trial(r.trial().table(), r.trial().index(), r.trial().id() + "__seed_2", params);
      out.add(new TrialResult(t, TrialResult.Status.OK, "", m, PROVENANCE));
    }
    return out;
  }

  @Test
  void severalSeedsAreAggregatedPerPoint(@TempDir Path tmp) throws IOException {
    SweepSpec spec = SweepSpec.load(Path.of("harness", "ovr-regularizer.yaml"));
    writeReport(spec, withSecondSeed(), tmp);
    String page = Files.readString(tmp.resolve("t.md"));
    // dropout: 0.9820 and 0.9800, mean 0.9810, sd 0.002 / sqrt(2) = 0.0014;
    // the interval runs from Wilson's low end of 0.9800 to the high end of 0.9820 on 10,000.
    WilsonInterval lowSeed = WilsonInterval.of(0.9800, 10_000);
    WilsonInterval highSeed = WilsonInterval.of(0.9820, 10_000);
    String interval = new WilsonInterval(lowSeed.low(), highSeed.high()).format();
    assertTrue(
        page.contains(
            "| dropout 0.5 | test_accuracy | 2 | 0.9810 ± 0.0014 | "
                + interval
                + " | 0.9820, 0.9800 |"),
        page);
    // AVR of dropout: 260 and 280, mean 270, sd 20 / sqrt(2) = 14.14.
    assertTrue(
        page.contains("| dropout 0.5 | avr_test | 2 | 270.00 ± 14.14 |  | 260.00, 280.00 |"), page);
    String csv = Files.readString(tmp.resolve("t-seeds.csv"));
    assertTrue(csv.contains("dropout 0.5,test_accuracy,2,0.981"), csv);
    assertEquals(3 * 640, ImageIO.read(tmp.resolve("t.png").toFile()).getWidth());
  }
}
