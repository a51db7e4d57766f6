package org.sparsecode.harness;

/** Metric names shared by trainers, the result store and the reports. */
public final class Metrics {
  private Metrics() {}

  public static final String TEST_ACCURACY = "test_accuracy";
  public static final String VALIDATION_ACCURACY = "validation_accuracy";

  /** Mean number of active hidden units per example on the last training batch (the blog's AVR). */
  public static final String AVR_TRAIN = "avr_train";

  /** Mean number of active hidden units per example on the test set. */
  public static final String AVR_TEST = "avr_test";

  /** AVR_TEST divided by the number of hidden units (L0 as a fraction). */
  public static final String L0_FRACTION_TEST = "l0_fraction_test";

  /** Fraction of hidden units never active on the whole test set. */
  public static final String DEAD_FRACTION = "dead_fraction";

  public static final String FINAL_LOSS = "final_loss";
  public static final String STEPS = "steps";
  public static final String WALL_SECONDS = "wall_seconds";
  public static final String STEPS_PER_SECOND = "steps_per_second";

  /** Resident set size in MiB at step 1,000 and at the last step (memory flatness check). */
  public static final String RSS_MIB_STEP_1000 = "rss_mib_step_1000";

  public static final String RSS_MIB_END = "rss_mib_end";

  /**
   * Whether a metric measures the run (time, speed, memory) rather than the trial's outcome: two
   * runs of one trial agree on every other metric but not on these.
   */
  public static boolean isTimingOrMemory(String name) {
    return name.endsWith("_seconds")
        || name.equals(STEPS_PER_SECOND)
        || name.startsWith("rss_")
        || name.contains("_rss_");
  }
}
