package org.sparsecode.report;

import org.sparsecode.harness.TrialResult;

/** How many test examples a trial's test accuracy was measured on: the n of its Wilson interval. */
public final class TestSetSize {
  /** The test split of MNIST, Fashion-MNIST and CIFAR-10 alike. */
  public static final int IMAGE_TEST_SET = 10_000;

  private TestSetSize() {}

  /**
   * The trial's {@code test_size} metric when it records one (Table I's classifiers); for the
   * sphere a tenth of its points (its 80/10/10 split); otherwise the 10,000 test images.
   */
  public static int of(TrialResult r) {
    double recorded = r.metric("test_size");
    if (!Double.isNaN(recorded)) {
      return (int) recorded;
    }
    if (r.trial().params().containsKey("points") && r.trial().params().containsKey("partitions")) {
      int points = r.trial().intParam("points");
      return points - points * 8 / 10 - points / 10; // as SphereData.splits cuts it
    }
    return IMAGE_TEST_SET;
  }
}
