package org.sparsecode.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The parameters of one model, each declared once: what {@link SweepCheck} checks sweep files
 * against and what the parameter tables of docs/sweep-files.md are written from.
 *
 * <p>{@code together} checks what single parameters cannot (for example that blocks fit the
 * neurons); it throws {@link IllegalArgumentException} with the problem.
 */
public final class ParamSet {
  private final String model;
  private final Map<String, Param> params;
  private final Consumer<Trial> together;

  public ParamSet(String model, List<Param> params, Consumer<Trial> together) {
    this.model = model;
    this.params = new LinkedHashMap<>();
    for (Param p : params) {
      if (this.params.put(p.name(), p) != null) {
        throw new IllegalArgumentException("model " + model + " declares " + p.name() + " twice");
      }
    }
    this.together = together;
  }

  public ParamSet(String model, List<Param> params) {
    this(model, params, trial -> {});
  }

  public String model() {
    return model;
  }

  public List<Param> params() {
    return List.copyOf(params.values());
  }

  public Optional<Param> get(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** "unknown parameter 'learning_rat' (did you mean learning_rate?)", or empty when declared. */
  public Optional<String> unknown(String key) {
    if (params.containsKey(key)) {
      return Optional.empty();
    }
    String near =
        Names.closest(key, params.keySet()).map(n -> "did you mean " + n + "? ").orElse("");
    return Optional.of(
        "unknown parameter '"
            + key
            + "' for model "
            + model
            + " ("
            + near
            + "known: "
            + String.join(", ", params.keySet())
            + ")");
  }

  /**
   * Every problem of one trial's values: missing, mistyped, out of range, or not fitting together.
   */
  public List<String> problems(Trial trial) {
    List<String> out = new ArrayList<>();
    for (Param p : params.values()) {
      Object v = trial.params().get(p.name());
      if (v == null) {
        if (p.required()) {
          out.add(
              p.name()
                  + " is missing; add "
                  + p.name()
                  + ": <"
                  + p.type().description()
                  + (p.range().isEmpty() ? "" : ", " + p.range())
                  + "> to params");
        }
        continue;
      }
      String problem = p.problem(v);
      if (problem != null) {
        out.add(
            p.name()
                + ": '"
                + Values.canonical(v)
                + "' "
                + problem
                + "; give a "
                + p.type().description()
                + (p.range().isEmpty() ? "" : " (" + p.range() + ")"));
      }
    }
    if (out.isEmpty()) {
      try {
        together.accept(trial);
      } catch (IllegalArgumentException e) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /** The documented table: parameter, type, range, default, meaning. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| parameter | type | range | default | meaning |\n");
    sb.append("|---|---|---|---|---|\n");
    for (Param p : params.values()) {
      sb.append("| `")
          .append(p.name())
          .append("` | ")
          .append(p.type().description())
          .append(" | ")
          .append(p.range().isEmpty() ? "" : p.range().replace("|", "\\|"))
          .append(" | ")
          .append(p.defaultText().orElse("(required)"))
          .append(" | ")
          .append(p.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }
}
