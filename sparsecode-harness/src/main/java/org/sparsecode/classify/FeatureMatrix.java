package org.sparsecode.classify;

import java.util.Objects;

/**
 * Dense float features, one example per row, stored row-major: row {@code r}, column {@code c} is
 * {@code values[r * cols + c]}. The array is not copied (feature sets are large); callers must not
 * change it afterwards.
 */
public record FeatureMatrix(float[] values, int rows, int cols) {

  public FeatureMatrix {
    Objects.requireNonNull(values, "values");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "a feature matrix needs at least one row and one column,"
              + " got "
              + rows
              + " x "
              + cols);
    }
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          values.length
              + " feature values do not make "
              + rows
              + " rows of "
              + cols
              + " columns ("
              + (long) rows * cols
              + " expected); pass the row"
              + " count and the feature count that the array was filled with");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "feature value "
                + values[i]
                + " at row "
                + i / cols
                + ", column "
                + i % cols
                + " is not finite; remove or repair that example");
      }
    }
  }

  /** Copies {@code rows} (all of the same length) into a row-major matrix. */
  public static FeatureMatrix of(float[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0 || rows[0] == null || rows[0].length == 0) {
      throw new IllegalArgumentException("a feature matrix needs at least one row and one column");
    }
    int cols = rows[0].length;
    float[] values = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null || rows[r].length != cols) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has "
                + (rows[r] == null ? "no array" : rows[r].length + " values")
                + " but row 0 has "
                + cols
                + "; every example needs the same number of features");
      }
      System.arraycopy(rows[r], 0, values, r * cols, cols);
    }
    return new FeatureMatrix(values, rows.length, cols);
  }

  /** The value at row {@code r}, column {@code c}. */
  public float get(int r, int c) {
    return values[r * cols + c];
  }

  /** The rows of {@code this} followed by those of {@code other}, copied. */
  public FeatureMatrix append(FeatureMatrix other) {
    if (other.cols != cols) {
      throw new IllegalArgumentException(
          "cannot stack a matrix of "
              + other.cols
              + " columns under one of "
              + cols
              + "; both parts need the same features");
    }
    float[] joined = new float[values.length + other.values.length];
    System.arraycopy(values, 0, joined, 0, values.length);
    System.arraycopy(other.values, 0, joined, values.length, other.values.length);
    return new FeatureMatrix(joined, rows + other.rows, cols);
  }

  /** The fraction of values that are exactly zero (LCA codes are mostly zero). */
  public double zeroFraction() {
    long zeros = 0;
    for (float v : values) {
      if (v == 0f) {
        zeros++;
      }
    }
    return (double) zeros / values.length;
  }
}
