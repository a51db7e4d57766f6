package org.sparsecode.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deterministic stand-ins for training, so runner and store tests need no TensorFlow. */
final class Fakes {
  private Fakes() {}

  /**
   * The blog-fc sweep file with one seed (its 7 lambdas), written to a temporary folder: runner and
   * store tests count on 7 trials, whatever seeds the real file runs.
   */
  static final Path BLOG_FC = oneSeed(Path.of("harness", "blog-fc.yaml"));

  private static Path oneSeed(Path file) {
    try {
      Path dir = Files.createTempDirectory("sparsecode-fakes");
      Path copy = dir.resolve(file.getFileName());
      String text =
          Files.readString(file)
              .lines()
              .filter(l -> !l.startsWith("seeds:"))
              .map(l -> l + "\n")
              .reduce("", String::concat);
      Files.writeString(copy, text);
      copy.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
