package org.sparsecode.classify;

import java.util.Random;

/** Small seeded data sets with known geometry for the classifier tests. */
final class ToySets {
  private ToySets() {}

  /** Features and labels together. */
  record Labelled(FeatureMatrix x, int[] y) {}

  /**
   * Three classes in 6-D: class k sits at 3 on axis k, with noise of deviation 0.3 on axes 0-2;
   * axes 3-5 stay zero, as unused units of a sparse code do. The classes are far apart.
   */
  static Labelled separable(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int c = 0; c < 3; c++) {
        x[i * 6 + c] = (c == y[i] ? 3f : 0f) + 0.3f * (float) random.nextGaussian();
      }
    }
    return new Labelled(new FeatureMatrix(x, n, 6), y);
  }

  /**
   * XOR in 2-D: points uniform in [-1, 1]^2 away from the axes (|x|, |y| > 0.1); class 1 where x
   * and y have the same sign. No line separates the classes; a smooth kernel does.
   */
  static Labelled xor(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      float a;
      float b;
      do {
        a = 2 * random.nextFloat() - 1;
        b = 2 * random.nextFloat() - 1;
      } while (Math.abs(a) <= 0.1f || Math.abs(b) <= 0.1f);
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y[i] = a * b > 0 ? 1 : 0;
    }
    return new Labelled(new FeatureMatrix(x, n, 2), y);
  }

  /**
   * The same set with the labels of a seeded {@code fraction} of the examples flipped (0 <-> 1).
   */
  static Labelled flipLabels(Labelled set, double fraction, long seed) {
    Random random = new Random(seed);
    int[] y = set.y().clone();
    for (int i = 0; i < y.length; i++) {
      if (random.nextDouble() < fraction) {
        y[i] = 1 - y[i];
      }
    }
    return new Labelled(set.x(), y);
  }
}
