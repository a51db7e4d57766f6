package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;

/** Each test accuracy column gains its interval on the trial's own test set; others do not. */
class WilsonColumnsTest {

  private static TrialResult trial(Map<String, Object> params, Map<String, Double> metrics) {
    return new TrialResult(
        new Trial("t", 0, "x", params), TrialResult.Status.OK, "", metrics, null);
  }

  @Test
  void intervalsFollowTheirAccuracies() {
    ResultTable table =
        new ResultTable(
            "t",
            List.of("lambda", "test_accuracy", "validation_accuracy", "paper_test_accuracy"),
            List.of(Arrays.asList(0.0, 0.9749, 0.97, 0.98), Arrays.asList(0.0, 0.5, 0.5, null)),
            List.of());
    List<TrialResult> trials =
        List.of(
            trial(Map.of(), Map.of()), // an image test set: n = 10,000
            trial(
                Map.of("points", 100, "partitions", 4),
                Map.of())); // the sphere's 10% test split: n = 10
    ResultTable out = WilsonColumns.add(table, trials);
    assertEquals(
        List.of(
            "lambda",
            "test_accuracy",
            "test_accuracy_ci95",
            "validation_accuracy",
            "paper_test_accuracy"),
        out.columns());
    assertEquals(
        "[0.9716, 0.9778]", out.rows().get(0).get(2)); // WilsonIntervalTest's hand-worked case
    assertEquals("[0.2366, 0.7634]", out.rows().get(1).get(2)); // 5 of 10
  }

  @Test
  void crossModalAccuracyIsAShareOfTheTestDigitsAndKnnIsNot() {
    ResultTable table =
        new ResultTable(
            "t",
            List.of("features", "cross_modal_accuracy", "knn_accuracy"),
            List.of(Arrays.asList("linked", 0.9749, 0.9)),
            List.of());
    ResultTable out = WilsonColumns.add(table, List.of(trial(Map.of(), Map.of())));
    assertEquals(
        List.of("features", "cross_modal_accuracy", "cross_modal_accuracy_ci95", "knn_accuracy"),
        out.columns());
    assertEquals("[0.9716, 0.9778]", out.rows().get(0).get(2)); // 9,749 of the 10,000 test digits
  }
}
