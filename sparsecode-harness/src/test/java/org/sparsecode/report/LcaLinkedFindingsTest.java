package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialResult;

/** The lca-linked findings on made-up numbers: chance purity is block_size / neurons. */
class LcaLinkedFindingsTest {
  private static TrialResult kind(String features, double cross, double purity, double dead) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("features", features);
    params.put("neurons", 256);
    params.put("block_size", 25);
    Map<String, Double> m = new LinkedHashMap<>();
    if (!Double.isNaN(cross)) {
      m.put(LcaLinked.CROSS_MODAL_ACCURACY, cross);
      m.put(LcaLinked.CROSS_MODAL_MSE, 0.0125);
    }
    m.put(LcaLinked.BLOCK_PURITY, purity);
    m.put(LcaLinked.DEAD_ATOMS, dead);
    m.put(LcaLinked.LEARN_SECONDS, features.equals("single") ? 600.0 : 900.0);
    m.put(LcaLinked.CODE_SECONDS, features.equals("single") ? 30.0 : 45.0);
    return new TrialResult(
        new Trial("lca-linked", 0, "features_" + features, params),
        TrialResult.Status.OK,
        "",
        m,
        null);
  }

  @Test
  void crossModalPurityAgainstChanceDeadAtomsAndTime() {
    String text =
        LcaLinkedReport.findings(
            List.of(kind("single", Double.NaN, 0.1, 0), kind("linked", 0.9306, 0.5, 3)));
    assertTrue(
        text.contains(
            "- Cross-modal, linked: inferred from the MNIST digit alone, the code reconstructs a"
                + " rendered digit nearest to the right class for 93.1% of the test digits (error"
                + " against that digit 0.01250 per pixel)."),
        text);
    assertTrue(!text.contains("Cross-modal, single"), text);
    // chance 25 / 256 = 0.0977; 0.5 / 0.0977 = 5.1
    assertTrue(
        text.contains(
            "- Block purity, linked: 0.50 of a class's activation mass falls in its own block,"
                + " 5.1 times chance (25/256 = 0.098)."),
        text);
    assertTrue(
        text.contains("- Dead atoms: 1 of 2 dictionaries have atoms active on no test digit."),
        text);
    assertTrue(
        text.contains("- Time: 600 to 900 s of learning and 30 to 45 s of coding per trial."),
        text);
  }
}
