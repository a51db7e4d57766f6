package org.sparsecode.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one finished trial produced: its status, metrics by name (see {@link Metrics} for the names
 * used across the project), the provenance of the run and the {@link Fingerprint} of what decided
 * its numbers (null for results made before fingerprints were recorded: unverified).
 */
public record TrialResult(
    Trial trial,
    Status status,
    String message,
    Map<String, Double> metrics,
    RunProvenance provenance,
    Fingerprint fingerprint) {

  /** How a trial ended. A diverged trial is a result too: it is recorded and the sweep goes on. */
  public enum Status {
    OK,
    DIVERGED
  }

  public TrialResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    message = message == null ? "" : message;
  }

  /** A result without a fingerprint yet; the sweep runner adds it. */
  public TrialResult(
      Trial trial,
      Status status,
      String message,
      Map<String, Double> metrics,
      RunProvenance provenance) {
    this(trial, status, message, metrics, provenance, null);
  }

  /** This result with {@code fingerprint}. */
  public TrialResult withFingerprint(Fingerprint fingerprint) {
    return new TrialResult(trial, status, message, metrics, provenance, fingerprint);
  }

  /** The metric, or NaN when the trial did not produce it (for example a diverged trial). */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }
}
