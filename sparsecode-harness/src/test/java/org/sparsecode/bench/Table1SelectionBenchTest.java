package org.sparsecode.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.bench.Table1SelectionBench.Selection;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.FeatureMatrix;

/** How the Table I selection benchmark compares the two sides' choices and times. */
class Table1SelectionBenchTest {

  @Test
  void agreementNamesTheChoiceAndTheLargestDifference() {
    Selection mine =
        new Selection(2, List.of(2.0), 10, 2, new double[] {0.906, 0.924, 0.933, 0.918});
    Selection same =
        new Selection(1, List.of(1.0), 10, 2, new double[] {0.904, 0.925, 0.936, 0.918});
    String text =
        Table1SelectionBench.agreement(ClassifierKind.SVM_RBF, mine, same, Peer.Setup.TUNED);
    // |0.933 - 0.936| = 0.003 is the largest of 0.002, 0.001, 0.003, 0 (candidate 3).
    assertTrue(
        text.startsWith(
            "agreement, svm_rbf, scikit-learn tuned: same choice (sparsecode C=10.00 gamma=2.000 x scaleGamma,"
                + " scikit-learn C=10.00 gamma=2.000 x scaleGamma)"),
        text);
    assertTrue(
        text.contains(
            "within 0.0030 of each other (largest difference at candidate 3), within 0.005"),
        text);

    Selection other = new Selection(1, List.of(1.0), 1, 2, new double[] {0.94, 0.93, 0.92, 0.91});
    String differs =
        Table1SelectionBench.agreement(ClassifierKind.SVM_RBF, mine, other, Peer.Setup.TUNED);
    assertTrue(differs.contains("DIFFERENT choice"), differs);
    assertTrue(
        differs.contains(
            "within 0.0340 of each other (largest difference at candidate 1), MORE than 0.005"),
        differs);
  }

  @Test
  void theLinearKindsHaveNoGammaToCompare() {
    Selection a = new Selection(1, List.of(1.0), 0.1, Double.NaN, new double[] {0.83, 0.86});
    Selection b = new Selection(1, List.of(1.0), 0.1, Double.NaN, new double[] {0.83, 0.859});
    String text = Table1SelectionBench.agreement(ClassifierKind.LR, a, b, Peer.Setup.AS_INSTALLED);
    assertTrue(
        text.startsWith(
            "agreement, lr, scikit-learn as installed: same choice (sparsecode C=0.1000, scikit-learn C=0.1000)"),
        text);
  }

  @Test
  void peerSelectionIsReadFromItsJsonLine() {
    var json =
        Peer.flatJson(
            "{\"svm_linear_seconds\": 2.5, \"svm_linear_run_seconds\": \"3.0000,2.5000,2.4000\", "
                + "\"svm_linear_candidates\": 2, \"svm_linear_chosen_c\": 0.01, "
                + "\"svm_linear_scores\": \"0.831,0.863\"}");
    Selection s = Table1SelectionBench.peerSelection(json, ClassifierKind.SVM_LINEAR, 2, 1.0);
    assertEquals(2.5, s.seconds());
    assertEquals(List.of(3.0, 2.5, 2.4), s.runSeconds());
    assertEquals(0.01, s.c());
    assertTrue(Double.isNaN(s.gamma()));
    assertArrayEquals(new double[] {0.831, 0.863}, s.scores());
  }

  /**
   * The peer on the problem whose linear-SVM scores are worked out by hand in ModelSelectionTest:
   * boundaries 1/7, 2/5 and 20/41 for C = 0.01, 0.1 and 1 put 3, 2 and 1 of the 3 validation points
   * on their side. Checks that the peer reads the files the Java side writes, keeps the grid's
   * order and scores the predefined fold. Skipped where Debian's python3-sklearn is missing.
   */
  @Test
  void thePeerScoresTheHandComputedProblemAsWorkedOut(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        new ProcessBuilder(Peer.PYTHON, "-c", "import sklearn").start().waitFor() == 0,
        "python3-sklearn is not installed");
    float[][] rows = new float[20][];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      rows[i] = new float[] {i < 10 ? 0f : 1f};
      labels[i] = i < 10 ? 0 : 1;
    }
    Table1SelectionProblem.writeFiles(
        FeatureMatrix.of(rows),
        labels,
        FeatureMatrix.of(new float[][] {{0.1f}, {0.3f}, {0.45f}}),
        new int[] {0, 1, 1},
        dir);
    Process p =
        new ProcessBuilder(
                Peer.PYTHON,
                Table1SelectionBench.PEER,
                "--data",
                dir.toString(),
                "--features",
                "1",
                "--kinds",
                "svm_linear",
                "--svm-linear-c",
                "0.01,0.1,1",
                "--lr-c",
                "1",
                "--svm-rbf-c",
                "1",
                "--svm-rbf-gamma",
                "1",
                "--threads",
                "1",
                "--runs",
                "1",
                "--warmup-runs",
                "0")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    Map<String, String> json = Peer.flatJson(out);
    Selection s = Table1SelectionBench.peerSelection(json, ClassifierKind.SVM_LINEAR, 3, 1.0);
    assertArrayEquals(new double[] {1.0, 2.0 / 3, 1.0 / 3}, s.scores(), 1e-12);
    assertEquals(0.01, s.c());
    assertTrue(Files.exists(dir.resolve("train-x.f32")));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, BenchSummary.median(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, BenchSummary.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }
}
