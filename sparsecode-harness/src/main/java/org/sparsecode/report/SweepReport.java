package org.sparsecode.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialResult;

/**
 * Writes the reports of a finished sweep: {@code csv}, {@code md} and the figure {@code png} (and
 * any further figures beside it), from every trial's result. {@link SweepTables} is the default, a
 * table against lambda beside the document's numbers; experiments whose results read differently
 * (seeds to average, rows to pivot) register their own in {@link SweepReports}.
 */
@FunctionalInterface
public interface SweepReport {
  /** Writes the files and returns the Markdown table to print on the terminal. */
  String write(
      SweepSpec spec,
      String budget,
      List<TrialResult> results,
      String command,
      Path csv,
      Path md,
      Path png,
      Path artifacts)
      throws IOException;
}
