package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.OvrEncoder;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;

class OvrEncoderReportTest {
  private static final RunProvenance PROVENANCE =
      new RunProvenance("abc", "2.18.0", 1, "jvm", "os", "cpu", 2, 1, "2024-01-01T00:00:00Z", 10);

  /**
   * Made-up numbers for the 11 trials of harness/ovr-encoder.yaml: raw 0.9200, pca 0.9100,
   * random_relu 0.9300, l1_autoencoder 0.9400; OVR at lambda 1e-5, 5e-5, 1e-4, 5e-4 (batch 128):
   * 0.9500, 0.9600, 0.9550, 0.9400; OVR at batch 16, 32, 512 (lambda 5e-5): 0.9000, 0.9450, 0.9580.
   * Validation accuracy = test accuracy - 0.001, so the best OVR trial is lambda 5e-5, batch 128.
   */
  private static List<TrialResult> results(SweepSpec spec) {
    double[] accuracy = {0.92, 0.91, 0.93, 0.94, 0.95, 0.96, 0.955, 0.94, 0.90, 0.945, 0.958};
    List<TrialResult> out = new ArrayList<>();
    // the first seed's pass: the sweep runs the other seeds after it
    List<Trial> trials = spec.expand("full").subList(0, accuracy.length);
    for (int i = 0; i < trials.size(); i++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(Metrics.TEST_ACCURACY, accuracy[i]);
      m.put(Metrics.VALIDATION_ACCURACY, accuracy[i] - 0.001);
      m.put(OvrEncoder.SPARSITY_BELOW_0_1, i == 2 ? 0.55 : 0.6 + 0.01 * i);
      m.put(OvrEncoder.ZERO_FRACTION, i == 2 ? 0.5 : 0.55 + 0.01 * i);
      m.put(Metrics.AVR_TEST, 100.0 + i);
      m.put(OvrEncoder.CODE_WIDTH, 8192.0);
      out.add(new TrialResult(trials.get(i), TrialResult.Status.OK, "", m, PROVENANCE));
    }
    return out;
  }

  @Test
  void findingsAreComputedFromTheNumbers() {
    SweepSpec spec = SweepSpec.load(Path.of("harness", "ovr-encoder.yaml"));
    String f = OvrEncoderReport.findings(spec, results(spec));
    assertTrue(
        f.contains(
            "Best OVR-Encoder by validation accuracy: features_ovr-encoder__lambda_5e-05, test accuracy 0.9600"),
        f);
    assertTrue(f.contains("Against raw: 0.9200, so the OVR codes are better by 4.00 points."), f);
    assertTrue(
        f.contains("Against l1_autoencoder: 0.9400, so the OVR codes are better by 2.00 points."),
        f);
    assertTrue(
        f.contains("6 of 7 OVR-Encoder trials beat logistic regression on raw pixels (0.9200)."),
        f);
    // The trial at the defaults (index 5): 0.65 below 0.1, 0.60 zeros, AVR 105; random ReLU (index
    // 2) 0.55, 0.50, 102.
    assertTrue(
        f.contains(
            "Training the OVR-Encoder (features_ovr-encoder__lambda_5e-05) changes the share of test activations"
                + " below 0.1 from 55.0% (random ReLU features: the same layer, untrained) to 65.0%, exact zeros from 50.0% to 60.0%,"
                + " and the AVR from 102 to 105 of 8192 units; test accuracy from 0.9300 to 0.9600."),
        f);
    // OVR trials are indices 4..10: below 0.1 from 0.64 to 0.70.
    assertTrue(
        f.contains(
            "Across the 7 OVR-Encoder trials, 64.0% to 70.0% of the test activations are below 0.1."),
        f);
    // Batch series at lambda 5e-5: 16, 32, 128, 512 -> 0.9000, 0.9450, 0.9600, 0.9580.
    assertTrue(
        f.contains(
            "The smallest batch (16) reaches 0.9000, 6.00 points below the best batch (128, 0.9600): here a small batch hurts"),
        f);
    int b16 = f.indexOf("- batch 16:");
    int b512 = f.indexOf("- batch 512:");
    assertTrue(b16 > 0 && b512 > b16, f);
    assertTrue(f.contains("- lambda 5e-04: test accuracy 0.9400"), f);
  }

  @Test
  void tableLeavesSettingsBlankWhereTheyDoNotApplyAndFilesAreWritten(@TempDir Path tmp)
      throws IOException {
    SweepSpec spec = SweepSpec.load(Path.of("harness", "ovr-encoder.yaml"));
    List<TrialResult> results = results(spec);
    ResultTable t =
        OvrEncoderReport.table(
            spec, "full", results, "./sparsecode reproduce ovr-encoder --budget full");
    assertEquals(
        List.of("dataset", "features", "lambda", "batch", "status", "test_accuracy"),
        t.columns().subList(0, 6));
    List<Object> raw = t.rows().get(0);
    assertEquals("mnist", raw.get(t.column("dataset")));
    assertNull(raw.get(t.column("lambda")));
    assertNull(raw.get(t.column("batch")));
    List<Object> ae = t.rows().get(3);
    assertNull(ae.get(t.column("lambda")));
    assertEquals(128.0, ae.get(t.column("batch")));
    List<Object> ovr16 = t.rows().get(8);
    assertEquals(5e-5, ovr16.get(t.column("lambda")));
    assertEquals(16.0, ovr16.get(t.column("batch")));
    assertEquals(108.0, ovr16.get(t.column("avr")));
    Map<String, Object> full = spec.budgets().get("full");
    String budget =
        "budget: full (encoders: "
            + full.get("epochs")
            + " epoch(s), at most "
            + full.get("steps")
            + " steps; probe: "
            + full.get("probe_epochs")
            + " epoch(s); training examples: all)";
    assertTrue(t.notes().contains(budget), budget + " in " + t.notes());

    Path csv = tmp.resolve("r.csv"), md = tmp.resolve("r.md"), png = tmp.resolve("r.png");
    OvrEncoderReport.write(spec, "full", results, "cmd", csv, md, png, tmp);
    assertTrue(Files.size(png) > 10_000);
    assertEquals(11, CsvReport.read(csv).rows().size());
    assertTrue(Files.readString(md).contains("## Findings"));
    assertTrue(Files.readString(md).contains("None of these trials has a probe curve"));
    assertTrue(!Files.exists(tmp.resolve("ovr-encoder-curves.png")));

    // The OVR-Encoder at batch 16 (row 8) leaves a probe curve: best 0.95 at step 2,000, epoch 2.
    Path artifacts = tmp.resolve("artifacts");
    CurveCsv.write(
        artifacts.resolve(results.get(8).trial().id()).resolve(OvrEncoder.PROBE_CURVE),
        List.of("step", "validation_accuracy", "avr_train_batch"),
        List.of(
            new double[] {1000, 0.90, 3000},
            new double[] {2000, 0.95, 3100},
            new double[] {3000, 0.94, 3050}));
    OvrEncoderReport.write(spec, "full", results, "cmd", csv, md, png, artifacts);
    String text = Files.readString(md);
    assertTrue(text.contains("1 of 11 trials have a curve ([graphs/ovr-encoder-curves.png]"), text);
    assertTrue(
        text.contains("| ovr_encoder, lambda 5e-05, batch 16 | 0.9500 | 2 | 0.9400 |"), text);
    assertTrue(Files.size(tmp.resolve("ovr-encoder-curves.png")) > 10_000);
  }
}
