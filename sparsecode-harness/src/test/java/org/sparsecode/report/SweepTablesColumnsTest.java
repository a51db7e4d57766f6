package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/** The column notes take the number of hidden units from the results themselves. */
class SweepTablesColumnsTest {
  @Test
  void hiddenUnitsAreAvrOverItsFraction() {
    // 258.15 active units on test at an L0 fraction of 0.329273 (258.15 / 784).
    TrialResult r =
        new TrialResult(
            new Trial("t", 0, "lambda_0", Map.of("lambda", 0.0, "seed", 1L)),
            TrialResult.Status.OK,
            "",
            Map.of(Metrics.AVR_TEST, 258.15, Metrics.L0_FRACTION_TEST, 258.15 / 784),
            null);
    String text = SweepTables.columnsCounted(List.of(r)).orElseThrow();
    assertTrue(text.contains("divides it by the 784 hidden units"), text);
    assertTrue(text.contains("over the 10,000 test images"), text);
    TrialResult without = new TrialResult(r.trial(), TrialResult.Status.OK, "", Map.of(), null);
    assertTrue(SweepTables.columnsCounted(List.of(without)).isEmpty());
  }
}
