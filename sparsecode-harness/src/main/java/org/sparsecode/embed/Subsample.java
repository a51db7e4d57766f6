package org.sparsecode.embed;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Seeded, class-balanced subsets for embeddings that cannot take a whole data set. */
public final class Subsample {
  private Subsample() {}

  /**
   * The indices of {@code perClass} examples of every class, chosen by a seeded shuffle, in
   * increasing order.
   */
  public static int[] balanced(int[] labels, int perClass, long seed) {
    if (perClass < 1) {
      throw new IllegalArgumentException("perClass must be positive, got " + perClass);
    }
    Map<Integer, Integer> available = new TreeMap<>();
    for (int label : labels) {
      available.merge(label, 1, Integer::sum);
    }
    for (var e : available.entrySet()) {
      if (e.getValue() < perClass) {
        throw new IllegalArgumentException(
            "class "
                + e.getKey()
                + " has only "
                + e.getValue()
                + " examples, fewer than the "
                + perClass
                + " asked per class; ask for at most "
                + e.getValue());
      }
    }
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    Map<Integer, Integer> taken = new TreeMap<>();
    int[] chosen = new int[perClass * available.size()];
    int count = 0;
    for (int i : order) {
      if (taken.merge(labels[i], 1, Integer::sum) <= perClass) {
        chosen[count++] = i;
      }
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** The rows {@code indices} of a row-major matrix with {@code cols} columns, copied. */
  public static float[] rows(float[] values, int cols, int[] indices) {
    float[] out = new float[indices.length * cols];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(values, indices[r] * cols, out, r * cols, cols);
    }
    return out;
  }

  /** The entries {@code indices} of {@code labels}. */
  public static int[] labels(int[] labels, int[] indices) {
    int[] out = new int[indices.length];
    for (int r = 0; r < indices.length; r++) {
      out[r] = labels[indices[r]];
    }
    return out;
  }
}
