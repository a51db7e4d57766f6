package org.sparsecode.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One declared trial parameter: its name, type, allowed range or choices, the value used when a
 * sweep file leaves it out (none: the file must give it) and a one-line meaning.
 */
public record Param(
    String name,
    Type type,
    double min,
    double max,
    List<String> choices,
    Object fallback,
    String meaning) {

  /** What a sweep file may write for a parameter. */
  public enum Type {
    INT("whole number"),
    NUMBER("number"),
    TEXT("text"),
    BOOLEAN("true or false"),
    NUMBER_LIST("list of numbers");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public Param {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("parameter name '" + name + "' must be lower_snake_case");
    }
    if (meaning == null || meaning.isBlank() || meaning.contains("\n")) {
      throw new IllegalArgumentException("parameter " + name + " needs a one-line meaning");
    }
    if (min > max) {
      throw new IllegalArgumentException("parameter " + name + ": min " + min + " > max " + max);
    }
    choices = List.copyOf(choices);
    if (!choices.isEmpty() && type != Type.TEXT) {
      throw new IllegalArgumentException(
          "parameter " + name + ": only text parameters have choices");
    }
    if (fallback != null && !(fallback instanceof Absent)) {
      String problem = new Param(name, type, min, max, choices, null, meaning).problem(fallback);
      if (problem != null) {
        throw new IllegalArgumentException(
            "parameter " + name + ": default " + fallback + " " + problem);
      }
    }
  }

  public static Param integer(String name, long min, long max, Integer fallback, String meaning) {
    return new Param(name, Type.INT, min, max, List.of(), fallback, meaning);
  }

  public static Param number(String name, double min, double max, Double fallback, String meaning) {
    return new Param(name, Type.NUMBER, min, max, List.of(), fallback, meaning);
  }

  public static Param choice(String name, List<String> choices, String fallback, String meaning) {
    return new Param(
        name,
        Type.TEXT,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        choices,
        fallback,
        meaning);
  }

  public static Param text(String name, String fallback, String meaning) {
    return choice(name, List.of(), fallback, meaning);
  }

  public static Param bool(String name, Boolean fallback, String meaning) {
    return new Param(
        name,
        Type.BOOLEAN,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        List.of(),
        fallback,
        meaning);
  }

  public static Param numbers(String name, double min, double max, String meaning) {
    return new Param(name, Type.NUMBER_LIST, min, max, List.of(), null, meaning);
  }

  /** The default of an optional parameter that has no single value, such as "the seed's". */
  public record Absent(String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** This parameter, optional: when left out the model does what {@code whenLeftOut} says. */
  public Param optional(String whenLeftOut) {
    return new Param(name, type, min, max, choices, new Absent(whenLeftOut), meaning);
  }

  public boolean required() {
    return fallback == null;
  }

  /** What the model uses when a sweep file leaves this parameter out; empty when it is required. */
  public Optional<String> defaultText() {
    return fallback == null
        ? Optional.empty()
        : Optional.of(fallback instanceof Absent a ? a.description() : Values.canonical(fallback));
  }

  /** Why {@code value} does not fit this parameter, or null when it does. */
  public String problem(Object value) {
    Object v = Values.normalize(value);
    switch (type) {
      case INT -> {
        if (!(v instanceof Integer || v instanceof Long)) {
          return "is not a whole number";
        }
        return rangeProblem(((Number) v).doubleValue());
      }
      case NUMBER -> {
        if (!(v instanceof Number n)) {
          return "is not a number";
        }
        if (Double.isNaN(n.doubleValue())) {
          return "is not a number (NaN)";
        }
        return rangeProblem(n.doubleValue());
      }
      case BOOLEAN -> {
        if (v instanceof Boolean
            || "true".equalsIgnoreCase(String.valueOf(v))
            || "false".equalsIgnoreCase(String.valueOf(v))) {
          return null;
        }
        return "is not true or false";
      }
      case TEXT -> {
        if (v instanceof List<?>) {
          return "is a list, not one value";
        }
        if (!choices.isEmpty() && !choices.contains(String.valueOf(v))) {
          String near =
              Names.closest(String.valueOf(v), choices)
                  .map(c -> " (did you mean " + c + "?)")
                  .orElse("");
          return "is not one of " + String.join(", ", choices) + near;
        }
        return null;
      }
      case NUMBER_LIST -> {
        List<Object> items = new ArrayList<>();
        if (v instanceof List<?> list) {
          items.addAll(list);
        } else {
          return "is not a YAML list of numbers; write " + name + ": [0.1, 1, 10]";
        }
        if (items.isEmpty()) {
          return "is an empty list";
        }
        for (Object item : items) {
          Object n = Values.normalize(item);
          if (!(n instanceof Number x) || Double.isNaN(x.doubleValue())) {
            return "holds '" + item + "', not a number";
          }
          String r = rangeProblem(x.doubleValue());
          if (r != null) {
            return "holds " + Values.canonical(n) + ", which " + r;
          }
        }
        return null;
      }
      default -> throw new IllegalStateException(type.toString());
    }
  }

  private String rangeProblem(double d) {
    if (d < min || d > max) {
      return "is outside " + range();
    }
    return null;
  }

  /** "1 .. 60000", "> 0", "one of a, b" or "" for free text. */
  public String range() {
    if (!choices.isEmpty()) {
      return "one of " + String.join(", ", choices);
    }
    if (type == Type.TEXT || type == Type.BOOLEAN) {
      return "";
    }
    String lo = Double.isInfinite(min) ? "" : show(min);
    String hi = max >= Long.MAX_VALUE ? "" : show(max);
    if (lo.isEmpty() && hi.isEmpty()) {
      return "any";
    }
    if (hi.isEmpty()) {
      return ">= " + lo;
    }
    if (lo.isEmpty()) {
      return "<= " + hi;
    }
    return lo + " .. " + hi;
  }

  private static String show(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Values.canonical(d);
  }
}
