package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/** A grid point's seeds: mean, sd (n - 1), each seed's value and the widened Wilson interval. */
class SeedSpreadTest {
  private static TrialResult trial(
      String id, long seed, TrialResult.Status status, double accuracy, double avr) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("lambda", 1e-5);
    params.put("seed", seed);
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (status == TrialResult.Status.OK) {
      metrics.put(Metrics.TEST_ACCURACY, accuracy);
      metrics.put(Metrics.AVR_TRAIN, avr);
    }
    return new TrialResult(new Trial("t", 0, id, params), status, "", metrics, null);
  }

  /** lambda=1e-05 with three seeds (0.98, 0.97, 0.99; AVR 150, 120, 144) and lambda=0 with one. */
  private static List<TrialResult> results() {
    return List.of(
        trial("lambda_1e-05", 1, TrialResult.Status.OK, 0.98, 150),
        trial("lambda_0", 1, TrialResult.Status.OK, 0.95, 300),
        trial("lambda_1e-05__seed_2", 2, TrialResult.Status.OK, 0.97, 120),
        trial("lambda_1e-05__seed_3", 3, TrialResult.Status.OK, 0.99, 144));
  }

  @Test
  void meanSdSeedsAndTheWidenedInterval() {
    List<TrialResult> point = SeedSpread.byPoint(results()).get("lambda_1e-05");
    SeedSpread.Stat a = SeedSpread.of(point, Metrics.TEST_ACCURACY).orElseThrow();
    assertEquals(3, a.spread().n());
    assertEquals(0.98, a.spread().mean(), 1e-12);
    // deviations 0, -0.01, +0.01: sqrt(0.0002 / (3 - 1)) = 0.01
    assertEquals(0.01, a.spread().std(), 1e-12);
    assertEquals(List.of(1L, 2L, 3L), a.seeds());
    assertArrayEquals(new double[] {0.98, 0.97, 0.99}, a.values(), 0);
    // Wilson on 10,000 test images, z = 1.96: low end of 0.97, high end of 0.99
    assertEquals(0.966472, a.low(), 1e-6);
    assertEquals(0.991771, a.high(), 1e-6);
    assertEquals("0.9800 ± 0.0100", a.meanAndSd());
    assertEquals("[0.9665, 0.9918]", a.interval());
    assertEquals("0.9800, 0.9700, 0.9900", a.perSeed());

    SeedSpread.Stat avr = SeedSpread.of(point, Metrics.AVR_TRAIN).orElseThrow();
    assertEquals(138, avr.spread().mean(), 1e-12);
    // deviations 12, -18, 6: sqrt(504 / 2) = sqrt(252)
    assertEquals(Math.sqrt(252), avr.spread().std(), 1e-12);
    assertNull(avr.low(), "only a test accuracy has a sampling interval");
  }

  @Test
  void meansGiveEachPointOnceAndLeaveDivergedSeedsOut() {
    List<TrialResult> withDiverged = new ArrayList<>(results());
    withDiverged.add(trial("lambda_0__seed_2", 2, TrialResult.Status.DIVERGED, 0, 0));
    List<TrialResult> means = SeedSpread.means(withDiverged);
    assertEquals(2, means.size());
    assertEquals("lambda_1e-05", means.get(0).trial().id());
    assertEquals(0.98, means.get(0).metric(Metrics.TEST_ACCURACY), 1e-12);
    assertEquals(138, means.get(0).metric(Metrics.AVR_TRAIN), 1e-12);
    assertEquals(0.95, means.get(1).metric(Metrics.TEST_ACCURACY), 1e-12);
    assertEquals(0.01, SeedSpread.sd(withDiverged, means.get(0), Metrics.TEST_ACCURACY), 1e-12);
    assertNull(SeedSpread.sd(withDiverged, means.get(1), Metrics.TEST_ACCURACY));
  }

  @Test
  void oneSeedPerPointStaysAsItIs() {
    List<TrialResult> single = results().subList(0, 2);
    assertSame(single, SeedSpread.means(single));
    assertTrue(SeedSpread.section(single, List.of(Metrics.TEST_ACCURACY), r -> "x").isEmpty());
    Map<String, List<Double>> series = Map.of("ours", List.of(0.98, 0.95));
    assertTrue(
        SeedSpread.errorBars(single, single, series, Map.of("ours", Metrics.TEST_ACCURACY))
            .isEmpty());
  }

  @Test
  void sectionAndCsvListThePointsWithSeveralSeeds(@TempDir Path tmp) throws Exception {
    String section =
        SeedSpread.section(
                results(), List.of(Metrics.TEST_ACCURACY, Metrics.AVR_TRAIN), SeedSpread::pointOf)
            .orElseThrow();
    assertTrue(
        section.contains(
            "| lambda_1e-05 | test_accuracy | 3 | 0.9800 ± 0.0100 | [0.9665, 0.9918] |"
                + " 0.9800, 0.9700, 0.9900 |"),
        section);
    assertTrue(section.contains("| lambda_1e-05 | avr_train | 3 | 138.00 ± 15.87 |  |"), section);
    assertTrue(!section.contains("| lambda_0 |"), "a point with one seed is not repeated there");

    List<String> sections = new ArrayList<>();
    SeedSpread.addTo(
        sections,
        results(),
        List.of(Metrics.TEST_ACCURACY),
        SeedSpread::pointOf,
        List.of("command: test"),
        tmp.resolve("blog-fc.csv"));
    assertEquals(1, sections.size());
    String csv = Files.readString(tmp.resolve("blog-fc-seeds.csv"));
    assertTrue(csv.contains("point,metric,seeds,mean,sd,ci95_low,ci95_high,per_seed"), csv);
    assertTrue(csv.contains("lambda_1e-05,test_accuracy,3,0.98"), csv);
    assertTrue(csv.contains("0.98 0.97 0.99"), csv);
  }
}
