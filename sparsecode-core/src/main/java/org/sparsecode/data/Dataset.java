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

  /**
   * Checks that features and labels agree in size and that labels lie in [0, numClasses).
   *
   * @param name a label for messages, for example {@code mnist-train}
   * @param features row-major feature values, {@code size * featureSize} of them; not copied
   * @param labels one class id per example; not copied
   * @param featureSize values per example, &gt; 0 (784 for MNIST)
   * @param numClasses number of classes; every label lies in [0, numClasses)
   * @throws IllegalArgumentException when the sizes disagree or a label is out of range
   */
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

  /**
   * @return the number of examples
   */
  public int size() {
    return labels.length;
  }

  /**
   * Examples {@code from} (inclusive) to {@code to} (exclusive), copied.
   *
   * @param sliceName the new data set's name
   * @param from first example, inclusive, &gt;= 0
   * @param to last example, exclusive, &lt;= size()
   * @return the examples [from, to) in a new data set with copied arrays
   * @throws IndexOutOfBoundsException when the range does not lie in [0, size()]
   */
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

  /**
   * Copies the features of examples {@code indices} into {@code out}, row after row.
   *
   * @param indices example indices, each in [0, size())
   * @param offset position in {@code indices} of the first example to copy
   * @param count number of examples to copy
   * @param out receives {@code count * featureSize} values from index 0, row-major ([count,
   *     featureSize])
   */
  public void gatherFeatures(int[] indices, int offset, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      System.arraycopy(
          features, indices[offset + i] * featureSize, out, i * featureSize, featureSize);
    }
  }
}
