package org.sparsecode.harness;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Scalar values read from YAML: numeric strings become numbers, and numbers get one canonical text
 * so that 0, 0.0 and 1e-5 / 1.0e-5 compare equal and always give the same trial id.
 */
final class Values {
  private Values() {}

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  /**
   * SnakeYAML (YAML 1.1) reads {@code 1e-5} as a string because it has no dot; users write it
   * anyway, so any string that looks like a number is taken as one.
   */
  static Object normalize(Object v) {
    if (v instanceof java.util.List<?> list) {
      return list.stream().map(Values::normalize).toList();
    }
    if (v instanceof String s) {
      String t = s.trim();
      if (INTEGER.matcher(t).matches()) {
        long l;
        try {
          l = Long.parseLong(t);
        } catch (NumberFormatException e) {
          return Double.parseDouble(t);
        }
        return l == (int) l ? (Object) (int) l : (Object) l;
      }
      if (DECIMAL.matcher(t).matches()) {
        return Double.parseDouble(t);
      }
      switch (t.toLowerCase()) {
        case ".nan", "nan" -> {
          return Double.NaN;
        }
        case ".inf", "+.inf", "inf", "infinity", "+infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-.inf", "-inf", "-infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {
          return s;
        }
      }
    }
    return v;
  }

  static boolean isScalar(Object v) {
    return v instanceof Number || v instanceof String || v instanceof Boolean;
  }

  /**
   * One text per number, in the style of Python's repr (plain between 1e-4 and 1e16, otherwise
   * scientific with a two-digit exponent): 0 -> "0", 1.0e-5 -> "1e-05", 2.7e-3 -> "0.0027".
   * Integral values print without a fraction, so 784 and 784.0 agree.
   */
  static String canonical(Object v) {
    if (v instanceof java.util.List<?> list) {
      // as the comma-separated text older sweep files wrote, so their stored results still match
      return String.join(", ", list.stream().map(Values::canonical).toList());
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Integer || n instanceof Long) {
        return Long.toString(n.longValue());
      }
      if (Double.isNaN(d)) {
        return "nan";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      if (d == 0) {
        return "0";
      }
      BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
      double abs = Math.abs(d);
      if (abs >= 1e-4 && abs < 1e16) {
        return bd.toPlainString();
      }
      // scientific: digits d.ddd and exponent
      String digits = bd.unscaledValue().abs().toString();
      int exponent = digits.length() - 1 - bd.scale();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
      return (d < 0 ? "-" : "") + mantissa + "e" + exp;
    }
    return String.valueOf(v);
  }

  /** Equal as parameter values: numbers numerically (NaN equals NaN), others by text. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0
          || x.doubleValue() == y.doubleValue(); // 0.0 == -0.0
    }
    if (a == null || b == null) {
      return a == b;
    }
    return canonical(a).equals(canonical(b));
  }
}
