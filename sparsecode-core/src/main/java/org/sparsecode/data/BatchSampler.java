package org.sparsecode.data;

import java.util.SplittableRandom;

/**
 * Yields example indices in epochs, each a fresh seeded permutation; a batch that runs past the end
 * of an epoch is completed from the next one, so every batch is full.
 */
public final class BatchSampler {
  private final int[] order;
  private final SplittableRandom random;
  private int next;

  /**
   * @param size number of examples, &gt; 0
   * @param seed seed of the permutations
   */
  public BatchSampler(int size, long seed) {
    if (size <= 0) {
      throw new IllegalArgumentException("cannot sample batches from an empty training set");
    }
    order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    random = new SplittableRandom(seed);
    shuffle();
  }

  /**
   * Fills {@code out} with the next batch of indices.
   *
   * @param out receives the next {@code out.length} example indices, each in [0, size); a new
   *     shuffle starts whenever the current one is used up
   */
  public void nextBatch(int[] out) {
    for (int i = 0; i < out.length; i++) {
      if (next == order.length) {
        shuffle();
      }
      out[i] = order[next++];
    }
  }

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    next = 0;
  }
}
