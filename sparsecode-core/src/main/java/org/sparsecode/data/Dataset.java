package org.sparsecode.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable in-memory set of examples: row-major float features and integer class labels.
 *
 * <p>Arrays are not copied on construction (data sets are large); callers must not mutate them.
 */
public record Dataset(
    String name, float[] features, int[] labels, int featureSize, int numClasses) {

  /** Checks that features and labels agree in size and that labels lie in [0, numClasses). */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (featureSize <= 0) {
      throw new IllegalArgumentException("featureSize must be positive, got " + featureSize);
    }
    if (features.length != (long) labels.length * featureSize) {
      throw new IllegalArgumentException(
          name
              + ": "
              + features.length
              + " feature values do not make "
              + labels.length
              + " examples of "
              + featureSize
              + " features");
    }
    for (int label : labels) {
      if (label < 0 || label >= numClasses) {
        throw new IllegalArgumentException(
            name + ": label " + label + " is outside 0.." + (numClasses - 1));
      }
    }
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Dataset slice(String sliceName, int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice " + from + ".." + to + " of " + name + " with " + size() + " examples");
    }
    return new Dataset(
        sliceName,
        Arrays.copyOfRange(features, from * featureSize, to * featureSize),
        Arrays.copyOfRange(labels, from, to),
        featureSize,
        numClasses);
  }

  /** Copies the features of examples {@code indices} into {@code out}, row after row. */
  public void gatherFeatures(int[] indices, int offset, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      System.arraycopy(
          features, indices[offset + i] * featureSize, out, i * featureSize, featureSize);
    }
  }
}
