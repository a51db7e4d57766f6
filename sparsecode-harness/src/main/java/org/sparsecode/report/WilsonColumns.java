package org.sparsecode.report;

import java.util.ArrayList;
import java.util.List;
import org.sparsecode.harness.TrialResult;

/**
 * Adds, after each test accuracy column of a table with one row per trial, a column {@code
 * <name>_ci95} holding its 95% Wilson interval on the trial's test set ("[0.9716, 0.9778]").
 */
public final class WilsonColumns {
  private WilsonColumns() {}

  /**
   * Test accuracies: {@code test_accuracy}, a classifier's {@code <kind>_accuracy} and LCA's {@code
   * cross_modal_accuracy} (a share of the test digits), not validation, kNN (on the t-SNE sample)
   * or the paper's.
   */
  static boolean isTestAccuracy(String column) {
    return column.endsWith("accuracy")
        && !column.contains("validation")
        && !column.contains("paper")
        && !column.contains("knn");
  }

  /** {@code table} with the interval columns; {@code results} are its rows' trials, in order. */
  public static ResultTable add(ResultTable table, List<TrialResult> results) {
    return addForSizes(table, results.stream().map(TestSetSize::of).toList());
  }

  /** {@code table} with the interval columns; {@code testSizes} gives each row's n. */
  public static ResultTable addForSizes(ResultTable table, List<Integer> testSizes) {
    if (table.rows().size() != testSizes.size()) {
      throw new IllegalArgumentException(
          "the table has "
              + table.rows().size()
              + " rows for "
              + testSizes.size()
              + " test set sizes; intervals need one per row");
    }
    List<String> columns = new ArrayList<>();
    List<Integer> accuracyAt = new ArrayList<>();
    for (int c = 0; c < table.columns().size(); c++) {
      String name = table.columns().get(c);
      columns.add(name);
      if (isTestAccuracy(name)) {
        columns.add(name + "_ci95");
        accuracyAt.add(c);
      }
    }
    if (accuracyAt.isEmpty()) {
      return table;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < testSizes.size(); r++) {
      List<Object> in = table.rows().get(r);
      List<Object> out = new ArrayList<>();
      for (int c = 0; c < in.size(); c++) {
        out.add(in.get(c));
        if (accuracyAt.contains(c)) {
          out.add(
              in.get(c) instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1
                  ? WilsonInterval.of(n.doubleValue(), testSizes.get(r)).format()
                  : null);
        }
      }
      rows.add(out);
    }
    List<String> notes = new ArrayList<>(table.notes());
    notes.add(
        "intervals: *_ci95 is the 95% Wilson interval of the test accuracy on the trial's test set"
            + " (10,000 images; the sphere's 500 points; Table I's test_size)");
    return new ResultTable(table.title(), columns, rows, notes);
  }
}
