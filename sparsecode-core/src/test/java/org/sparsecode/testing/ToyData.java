package org.sparsecode.testing;

import java.util.SplittableRandom;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;

/** A small seeded classification problem that trains in milliseconds, for tests. */
public final class ToyData {
  public static final int FEATURES = 20, CLASSES = 4;

  private ToyData() {}

  public static Splits splits() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 600;
    float[] f = new float[n * FEATURES];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = r.nextInt(CLASSES);
      for (int j = 0; j < FEATURES; j++) {
        f[i * FEATURES + j] = (j % CLASSES == l[i] ? 0.7f : 0f) + 0.3f * (float) r.nextDouble();
      }
    }
    Dataset d = new Dataset("toy", f, l, FEATURES, CLASSES);
    return new Splits(
        d.slice("toy-train", 0, 400),
        d.slice("toy-validation", 400, 500),
        d.slice("toy-test", 500, 600));
  }
}
