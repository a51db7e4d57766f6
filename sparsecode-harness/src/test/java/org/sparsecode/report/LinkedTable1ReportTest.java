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
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.harness.TrialResult;

/** The Table I report on made-up results whose comparisons are worked out by hand. */
class LinkedTable1ReportTest {
  private static final RunProvenance PROVENANCE =
      new RunProvenance("abc", "1.1.0", 1, "jvm", "os", "cpu", 2, 1, "2024-01-01T00:00:00Z", 10);

  /** Test accuracies (lr, svm_linear, svm_rbf) per kind of features. */
  private static final Map<String, double[]> ACCURACY =
      Map.of(
          "raw", new double[] {0.90, 0.88, 0.95},
          "single", new double[] {0.91, 0.87, 0.94},
          // document 0.9633 / 0.9619 / 0.981: -0.33 (reaches), -1.19 (below), +0.40
          "linked", new double[] {0.96, 0.95, 0.985},
          // document 0.9541 / 0.9542 / 0.9738: all above
          "ordinal_modality", new double[] {0.9641, 0.9642, 0.9838},
          // -1.41 (below), -0.42 (reaches), +0.00 (reaches)
          "ordinal_current", new double[] {0.94, 0.95, 0.9738});

  private static List<TrialResult> fakeResults(SweepSpec spec) {
    List<TrialResult> out = new ArrayList<>();
    for (Trial t : spec.expand("full")) {
      if (!SweepSpec.pointId(t.id()).equals(t.id())) {
        continue; // the first seed: one trial per kind of features
      }
      double[] a = ACCURACY.get(t.stringParam("features"));
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(Table1.TRAIN_SIZE, 10000.0);
      m.put(Table1.VALIDATION_SIZE, 2000.0);
      m.put(Table1.TEST_SIZE, 10000.0);
      for (int k = 0; k < 3; k++) {
        ClassifierKind kind = Table1.CLASSIFIERS.get(k);
        m.put(Table1.accuracy(kind), a[k]);
        m.put(Table1.validationAccuracy(kind), a[k] + 0.001);
        m.put(Table1.chosenC(kind), 10.0);
      }
      m.put(Table1.RBF_GAMMA, 0.02);
      m.put(Table1.EMBED_POINTS, 1000.0);
      boolean raw = t.stringParam("features").equals("raw");
      m.put(Table1.PCA_SILHOUETTE, raw ? 0.05 : 0.02);
      m.put(Table1.PCA_KNN, raw ? 0.40 : 0.45);
      m.put(Table1.TSNE_SILHOUETTE, raw ? 0.30 : 0.35);
      m.put(Table1.TSNE_KNN, raw ? 0.90 : 0.92);
      out.add(new TrialResult(t, TrialResult.Status.OK, "", m, PROVENANCE));
    }
    return out;
  }

  /**
   * The sweep file's grids: for raw lr C 0.01..1000, svm_linear C 0.001..100; for codes lr C
   * 0.1..1e5, svm_linear C 0.01..1e4; gamma factors 0.5..4 for both.
   */
  @Test
  void findingsNameTheChoicesAtAnEndOfTheirGrid() {
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    List<TrialResult> results = fakeResults(spec);
    assertTrue(
        LinkedTable1Report.findings(spec, "full", results)
            .contains("Every chosen C and gamma lies inside its grid."));
    List<TrialResult> edged = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Double> m = new LinkedHashMap<>(r.metrics());
      m.put(Table1.RBF_SCALE_GAMMA, 0.01); // gamma 0.02: factor 2, inside
      if (r.trial().stringParam("features").equals("linked")) {
        m.put(Table1.chosenC(ClassifierKind.LR), 100000.0);
        m.put(Table1.chosenC(ClassifierKind.SVM_LINEAR), 0.01);
      }
      if (r.trial().stringParam("features").equals("raw")) {
        m.put(Table1.RBF_SCALE_GAMMA, 0.005); // factor 4
      }
      edged.add(new TrialResult(r.trial(), r.status(), r.message(), m, r.provenance()));
    }
    String f = LinkedTable1Report.findings(spec, "full", edged);
    assertTrue(
        f.contains(
            "Chosen at an end of the grid, so a wider grid might do better: raw svm_rbf gamma factor 4"
                + " (largest), linked lr C 100000 (largest), linked svm_linear C 0.01 (smallest)."),
        f);
  }

  @Test
  void findingsCountTheCellsThatReachTheDocument() {
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    String f = LinkedTable1Report.findings(spec, "full", fakeResults(spec));
    assertTrue(
        f.contains(
            "at least the document's accuracy (within 0.5 point): 7 of 9 (linked 2 of 3,"
                + " ordinal_modality 3 of 3, ordinal_current 2 of 3)"),
        f);
    assertTrue(
        f.contains(
            "- linked: lr 0.9600 vs 0.9633 (-0.33); svm_linear 0.9500 vs 0.9619 (-1.19) below;"
                + " svm_rbf 0.9850 vs 0.9810 (+0.40)"),
        f);
    assertTrue(f.contains("- single: lr 0.9100 (no published number)"), f);
    // Codes against pixels: lr raw 0.90; single +1, linked +6, ordinal_modality +6.41,
    // ordinal_current +4.
    assertTrue(
        f.contains(
            "- lr: raw pixels 0.9000; single +1.00, linked +6.00, ordinal_modality +6.41,"
                + " ordinal_current +4.00; 4 of 4 kinds of codes beat the pixels"),
        f);
    // svm_rbf raw 0.95: single -1.00 is the only one below.
    assertTrue(
        f.contains(
            "- svm_rbf: raw pixels 0.9500; single -1.00, linked +3.50, ordinal_modality +3.38,"
                + " ordinal_current +2.38; 3 of 4 kinds of codes beat the pixels\n"),
        f);
    assertTrue(
        !f.contains("These numbers check the pipeline"),
        "the full budget has no quick-budget warning");

    // The codes' RBF SVM refitted on more images than the pixels': the line says so.
    List<TrialResult> refitted = new ArrayList<>();
    for (TrialResult r : fakeResults(spec)) {
      Map<String, Double> m = new LinkedHashMap<>(r.metrics());
      boolean raw = r.trial().stringParam("features").equals("raw");
      m.put(Table1.RBF_TRAIN_SIZE, raw ? 4000.0 : 2000.0);
      m.put(Table1.RBF_REFIT_SIZE, raw ? 4000.0 : 10000.0);
      refitted.add(new TrialResult(r.trial(), r.status(), r.message(), m, r.provenance()));
    }
    String g = LinkedTable1Report.findings(spec, "full", refitted);
    assertTrue(
        g.contains(
            "3 of 4 kinds of codes beat the pixels (not like with like: the pixels' svm_rbf trained"
                + " on 4000 images, the codes' on 10000)"),
        g);
    assertTrue(
        g.contains("ordinal_current +4.00; 4 of 4 kinds of codes beat the pixels\n"),
        "lr trains alike: " + g);
    assertTrue(
        LinkedTable1Report.findings(spec, "quick", fakeResults(spec))
            .contains("These numbers check the pipeline"));
  }

  @Test
  void tableHasOneRowPerFeaturesAndClassifier(@TempDir Path tmp) throws IOException {
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    List<TrialResult> results = fakeResults(spec);
    ResultTable t = LinkedTable1Report.table(spec, "full", results, "cmd");
    assertEquals(15, t.rows().size());
    List<Object> linkedLr = t.rows().get(6);
    assertEquals(List.of("linked", "lr"), linkedLr.subList(0, 2));
    assertEquals(0.96, (Double) linkedLr.get(t.column("accuracy")));
    assertEquals(0.9633, (Double) linkedLr.get(t.column("paper_accuracy")));
    assertEquals(-0.33, (Double) linkedLr.get(t.column("points_vs_paper")), 1e-9);
    assertNull(t.rows().get(3).get(t.column("paper_accuracy")), "single has no published row");
    assertNull(linkedLr.get(t.column("gamma")), "linear classifiers have no gamma");
    assertEquals(0.02, (Double) t.rows().get(8).get(t.column("gamma")));
    assertTrue(
        t.notes().contains("budget: full (10000 train / 2000 validation / 10000 test images)"),
        t.notes().toString());

    Path csv = tmp.resolve("linked-table1.csv");
    Path md = tmp.resolve("linked-table1.md");
    LinkedTable1Report.write(
        spec,
        "full",
        results,
        "cmd",
        csv,
        md,
        tmp.resolve("linked-table1.png"),
        tmp.resolve("none"));
    ResultTable read = CsvReport.read(csv);
    assertTrue(
        read.columns()
            .containsAll(
                List.of(
                    "features",
                    "classifier",
                    "accuracy",
                    "paper_accuracy",
                    "train_size",
                    "test_size")),
        read.columns().toString());
    String page = Files.readString(md);
    assertTrue(page.contains("| raw | 0.0500 | 0.4000 | 0.3000 | 0.9000 |"), page);
    assertTrue(
        page.contains("- tsne_silhouette: 4 of 4 kinds of codes above raw pixels (0.3000)"), page);
    assertTrue(
        page.contains("- pca_silhouette: 0 of 4 kinds of codes above raw pixels (0.0500)"), page);
    assertTrue(Files.size(tmp.resolve("linked-table1.png")) > 10_000);
  }
}
