package org.sparsecode.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.bench.Table1SelectionBench.Selection;
import org.sparsecode.classify.ClassifierKind;

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

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, Table1SelectionBench.median(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, Table1SelectionBench.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }
}
