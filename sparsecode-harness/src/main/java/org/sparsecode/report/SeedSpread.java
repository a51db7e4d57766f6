package org.sparsecode.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialResult;

/**
 * A sweep's trials grouped by grid point over its seeds ({@code seeds:} in the sweep file), with
 * the mean, standard deviation and range of the test accuracy of each point.
 */
public final class SeedSpread {
  private SeedSpread() {}

  /** The trials of each grid point, in sweep order (one list per point, one entry per seed). */
  public static Map<String, List<TrialResult>> byPoint(List<TrialResult> results) {
    Map<String, List<TrialResult>> points = new LinkedHashMap<>();
    for (TrialResult r : results) {
      points.computeIfAbsent(SweepSpec.pointId(r.trial().id()), k -> new ArrayList<>()).add(r);
    }
    return points;
  }

  /** A Markdown section of mean +- sd over seeds, when some point has more than one seed. */
  public static Optional<String> section(List<TrialResult> results) {
    Map<String, List<TrialResult>> points = byPoint(results);
    if (points.values().stream().allMatch(p -> p.size() < 2)) {
      return Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## Over seeds\n\n"
                + "Test accuracy per grid point over its seeds: mean ± sample standard deviation, the lowest and the"
                + " highest seed; each seed's own value is a row of the table above and of the CSV.\n\n"
                + "| point | seeds | mean ± sd | lowest | highest |\n| --- | ---: | --- | ---: | ---: |\n");
    for (Map.Entry<String, List<TrialResult>> e : points.entrySet()) {
      double[] v =
          e.getValue().stream()
              .mapToDouble(r -> r.metric(Metrics.TEST_ACCURACY))
              .filter(x -> !Double.isNaN(x))
              .toArray();
      if (v.length == 0) {
        continue;
      }
      Spread s = Spread.of(v);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.4f ± %s | %.4f | %.4f |%n",
              e.getKey(),
              s.n(),
              s.mean(),
              Double.isNaN(s.std()) ? "n/a" : String.format(Locale.ROOT, "%.4f", s.std()),
              s.min(),
              s.max()));
    }
    return Optional.of(sb.toString());
  }
}
