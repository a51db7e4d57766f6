package org.sparsecode.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sparsecode.embed.SeparationTest.assertMessage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Balanced, seeded subsets and the copying of their rows. */
class SubsampleTest {
  // Class 7 five times, class 2 four times, class 5 six times.
  private static final int[] LABELS = {7, 2, 5, 7, 5, 2, 7, 5, 5, 2, 7, 5, 2, 7, 5};

  @Test
  void takesTheSameNumberOfEveryClassInIndexOrder() {
    int[] chosen = Subsample.balanced(LABELS, 3, 11);
    assertEquals(9, chosen.length);
    assertEquals(9, Arrays.stream(chosen).distinct().count());
    int[] sorted = chosen.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, chosen);
    for (int label : new int[] {2, 5, 7}) {
      assertEquals(
          3, Arrays.stream(chosen).filter(i -> LABELS[i] == label).count(), "class " + label);
    }
    assertArrayEquals(chosen, Subsample.balanced(LABELS, 3, 11));
    assertFalse(Arrays.equals(chosen, Subsample.balanced(LABELS, 3, 12)));
    // All of the smallest class when asked for its size.
    assertEquals(
        4, Arrays.stream(Subsample.balanced(LABELS, 4, 0)).filter(i -> LABELS[i] == 2).count());
  }

  @Test
  void copiesRowsAndLabels() {
    float[] values = {0, 1, 10, 11, 20, 21, 30, 31};
    assertArrayEquals(new float[] {30, 31, 10, 11}, Subsample.rows(values, 2, new int[] {3, 1}));
    assertArrayEquals(new int[] {7, 2}, Subsample.labels(LABELS, new int[] {0, 1}));
  }

  @Test
  void refusesMoreThanTheSmallestClassHolds() {
    assertMessage(
        "class 2 has only 4 examples, fewer than the 5 asked per class; ask for at most 4",
        () -> Subsample.balanced(LABELS, 5, 0));
  }
}
