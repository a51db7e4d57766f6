package org.sparsecode.harness;

import java.util.List;

/**
 * Shard {@code index} of {@code count}: trial i belongs to it iff {@code i % count == index}.
 * 0-based to match Slurm's SLURM_ARRAY_TASK_ID (with --array=0-N-1) and Kubernetes Indexed Jobs'
 * JOB_COMPLETION_INDEX, so a job can pass its index straight through.
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(0, 1);

  private static final String FIX = "--shard K/N needs 0 <= K < N, e.g. 0/4 .. 3/4";

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("bad shard " + index + "/" + count + ": " + FIX);
    }
  }

  /** Parses "K/N", e.g. "0/4". */
  public static Shard parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing shard: " + FIX);
    }
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("bad shard '" + text + "': " + FIX);
    }
    int k;
    int n;
    try {
      k = Integer.parseInt(parts[0].trim());
      n = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad shard '" + text + "': " + FIX, e);
    }
    if (n < 1 || k < 0 || k >= n) {
      throw new IllegalArgumentException("bad shard '" + text + "': " + FIX);
    }
    return new Shard(k, n);
  }

  public boolean contains(int trialIndex) {
    return trialIndex % count == index;
  }

  public boolean contains(Trial trial) {
    return contains(trial.index());
  }

  /** This shard's trials, keeping their order. */
  public List<Trial> select(List<Trial> trials) {
    return trials.stream().filter(this::contains).toList();
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
