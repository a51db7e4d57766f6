package org.sparsecode.cli;

import java.nio.file.Path;

/**
 * Where a sweep's table and figure go. The committed reference reports ({@code reports/}, {@code
 * graphs/}) come from the full budget only; other budgets write under {@code target/}.
 */
record ReportTargets(Path reportsDir, Path graphsDir) {
  static final String FULL = "full";

  static ReportTargets resolve(String budget, Path reports, Path graphs) {
    boolean full = FULL.equals(budget);
    Path r =
        reports != null
            ? reports
            : full ? Path.of("reports") : Path.of("target", "reports", budget);
    Path g =
        graphs != null ? graphs : full ? Path.of("graphs") : Path.of("target", "graphs", budget);
    if (!full && (same(r, Path.of("reports")) || same(g, Path.of("graphs")))) {
      throw new IllegalArgumentException(
          "reports/ and graphs/ hold the full-budget reference run; a --budget "
              + budget
              + " run may not overwrite them. Leave out --reports-dir/--graphs-dir (it then writes under"
              + " target/) or choose another folder.");
    }
    return new ReportTargets(r, g);
  }

  private static boolean same(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
