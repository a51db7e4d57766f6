package org.sparsecode.harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a sweep file against its model's declared parameters before anything trains: every key it
 * writes must be declared (with a "did you mean" for near misses), and every trial of every budget
 * must have valid values for every parameter.
 */
public final class SweepCheck {
  private SweepCheck() {}

  /**
   * Every problem, one line each, naming the file, where the key is written and the fix; empty when
   * none.
   */
  public static List<String> problems(SweepSpec spec, ParamSet declared) {
    Set<String> out = new LinkedHashSet<>();
    String file = spec.file() + ": ";
    unknownKeys(spec.params().keySet(), "params", declared, file, out);
    for (Map.Entry<String, Map<String, Object>> b : spec.budgets().entrySet()) {
      unknownKeys(b.getValue().keySet(), "budgets." + b.getKey(), declared, file, out);
    }
    unknownKeys(spec.grid().keySet(), "grid", declared, file, out);
    for (int i = 0; i < spec.gridParams().size(); i++) {
      unknownKeys(spec.gridParams().get(i).keySet(), "grid[" + i + "].params", declared, file, out);
    }
    if (!out.isEmpty()) {
      return List.copyOf(out); // values of unknown keys mean nothing
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String budget : spec.budgets().keySet()) {
      for (Trial trial : spec.expand(budget)) {
        for (String problem : declared.problems(trial)) {
          if (seen.add(problem)) {
            out.add(file + "trial " + trial.id() + " (budget " + budget + "): " + problem);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Throws a {@link SpecException} listing every problem (at most 10) when there is any. */
  public static void check(SweepSpec spec, ParamSet declared) {
    List<String> problems = problems(spec, declared);
    if (problems.isEmpty()) {
      return;
    }
    List<String> shown = new ArrayList<>(problems.subList(0, Math.min(10, problems.size())));
    if (problems.size() > shown.size()) {
      shown.add("... and " + (problems.size() - shown.size()) + " more");
    }
    throw new SpecException(
        String.join("\n", shown)
            + (problems.size() > 1 ? "\n(" + problems.size() + " problems; nothing was run)" : ""));
  }

  private static void unknownKeys(
      Set<String> keys, String where, ParamSet declared, String file, Set<String> out) {
    for (String k : keys) {
      declared
          .unknown(k)
          .ifPresent(
              msg -> out.add(file + where + "." + k + ": " + msg + "; fix the name or remove it"));
    }
  }
}
