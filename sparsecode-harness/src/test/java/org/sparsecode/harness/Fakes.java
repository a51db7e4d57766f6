package org.sparsecode.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deterministic stand-ins for training, so runner and store tests need no TensorFlow. */
final class Fakes {
  private Fakes() {}

  static final Path BLOG_FC = Path.of("harness", "blog-fc.yaml");

  static final RunProvenance PROVENANCE =
      new RunProvenance(
          "0123abc", "1.1.0", 1, "jvm", "os", "cpu", 4, 2, "2024-01-01T00:00:00Z", 1.5);

  /** Metrics that depend only on the trial's params. */
  static TrialResult result(Trial t) {
    double lambda = t.doubleParam("lambda");
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.TEST_ACCURACY, 0.98 - 30 * lambda);
    m.put(Metrics.AVR_TEST, 156.3 * Math.exp(-1000 * lambda));
    m.put(Metrics.STEPS, (double) t.intParam("steps"));
    return new TrialResult(t, TrialResult.Status.OK, "", m, PROVENANCE);
  }
}
