package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparsecode.io.CurveCsv;

class LcaLinkedCurveTest {
  private static final double NO = Double.NaN;

  @Test
  void saysWhereCrossModalAccuracyPeaksAndWhereItEnds() {
    CurveCsv.Table curve =
        new CurveCsv.Table(
            List.of("step", "energy", "cross_modal_accuracy", "driven_cross_modal_accuracy"),
            List.of(
                new double[] {250, 0.5, NO, NO},
                new double[] {500, 0.4, 0.84, 0.90},
                new double[] {1000, 0.3, 0.85, 0.95},
                new double[] {1500, 0.3, 0.80, 0.97},
                new double[] {2000, 0.3, 0.70, 0.98}));
    assertEquals(
        Optional.of(
            "- `ordinal_current`, cross-modal accuracy on the curve's test digits (driver off), and"
                + " with the class driver on as while learning, by Hebbian step: 500: 0.840 (0.900);"
                + " 1,000: 0.850 (0.950); 2,000: 0.700 (0.980). It peaks at 0.850 at step 1,000 and"
                + " falls to 0.700 by step 2,000."),
        LcaLinkedReport.crossModalAlongLearning("ordinal_current", curve));
  }

  @Test
  void aCurveThatHoldsItsPeakSaysSo() {
    CurveCsv.Table curve =
        new CurveCsv.Table(
            List.of("step", "cross_modal_accuracy"),
            List.of(new double[] {500, 0.877}, new double[] {1000, 0.913}));
    Optional<String> line = LcaLinkedReport.crossModalAlongLearning("linked", curve);
    assertTrue(
        line.orElseThrow().endsWith("It ends within 2 points of its peak (0.913 at step 1,000)."),
        line.get());
    assertTrue(line.get().contains("by Hebbian step: 500: 0.877; 1,000: 0.913."), line.get());
  }

  @Test
  void aKindWithoutGlyphsHasNoSentence() {
    CurveCsv.Table curve =
        new CurveCsv.Table(List.of("step", "energy"), List.<double[]>of(new double[] {50, 0.5}));
    assertEquals(Optional.empty(), LcaLinkedReport.crossModalAlongLearning("single", curve));
  }
}
