package org.sparsecode.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one finished trial produced: its status, metrics by name (see {@link Metrics} for the
 * names used across the project) and the provenance of the run.
 */
public record TrialResult(
    Trial trial, Status status, String message, Map<String, Double> metrics, RunProvenance provenance) {

  /** How a trial ended. A diverged trial is a result too: it is recorded and the sweep goes on. */
  public enum Status {
    OK,
    DIVERGED
  }

  public TrialResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    message = message == null ? "" : message;
  }

  /** The metric, or NaN when the trial did not produce it (for example a diverged trial). */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }
}
