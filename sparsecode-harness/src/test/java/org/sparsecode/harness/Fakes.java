package org.sparsecode.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deterministic stand-ins for training, so runner and store tests need no TensorFlow. */
final class Fakes {
  private Fakes() {}

  /**
   * blog-fc's sweep file without its {@code seeds:} line: the runner and store tests count its
   * seven trials (one per lambda) and name them by lambda alone.
   */
  static final Path BLOG_FC = withoutSeeds(Path.of("harness", "blog-fc.yaml"));

  private static Path withoutSeeds(Path sweep) {
    try {
      List<String> lines =
          Files.readAllLines(sweep).stream().filter(l -> !l.startsWith("seeds:")).toList();
      Path dir = Files.createTempDirectory("sweep");
      Path copy = dir.resolve(sweep.getFileName());
      Files.write(copy, lines);
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
