package org.sparsecode.harness;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: the table it belongs to, its position in the sweep's fixed order, a
 * file-name-safe id, and its parameters (spec defaults merged with the grid point, in spec order).
 */
public record Trial(String table, int index, String id, Map<String, Object> params) {

  public Trial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public double doubleParam(String key) {
    Object v = required(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(v.toString());
  }

  public int intParam(String key) {
    Object v = required(key);
    if (v instanceof Number n) {
      return Math.toIntExact(n.longValue());
    }
    return Integer.parseInt(v.toString());
  }

  public long longParam(String key) {
    Object v = required(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    return Long.parseLong(v.toString());
  }

  /** A {@code true} or {@code false} param; anything else is an error naming the fix. */
  public boolean booleanParam(String key) {
    Object v = required(key);
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equalsIgnoreCase(v.toString()) || "false".equalsIgnoreCase(v.toString())) {
      return Boolean.parseBoolean(v.toString());
    }
    throw new IllegalArgumentException(
        "parameter '"
            + key
            + "' of trial "
            + id
            + " of "
            + table
            + " is '"
            + v
            + "', not true or false; fix it in harness/"
            + table
            + ".yaml");
  }

  /** The value as text; a list as its comma-separated values ("0.1, 1, 10"). */
  public String stringParam(String key) {
    return Values.canonical(required(key));
  }

  /** A list of numbers, written as a YAML list or comma-separated ("0.1, 1, 10"). */
  public double[] numbersParam(String key) {
    String text = stringParam(key);
    try {
      return Arrays.stream(text.split(","))
          .map(String::trim)
          .mapToDouble(Double::parseDouble)
          .toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key
              + " must be comma-separated numbers such as \"0.1, 1, 10\", got \""
              + text
              + "\"; fix it in harness/"
              + table
              + ".yaml",
          e);
    }
  }

  private Object required(String key) {
    Object v = params.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "trial "
              + id
              + " of "
              + table
              + " has no parameter '"
              + key
              + "'; add it to harness/"
              + table
              + ".yaml");
    }
    return v;
  }
}
