package org.sparsecode.classify;

import java.util.Objects;
import java.util.TreeSet;

/** Input checks shared by every classifier, and the labels as the libraries store them. */
final class Checks {
  private Checks() {}

  /** Fails unless there is one label per row. */
  static void checkMatch(FeatureMatrix x, int[] labels, String what) {
    Objects.requireNonNull(x, what + " features");
    Objects.requireNonNull(labels, what + " labels");
    if (labels.length != x.rows()) {
      throw new IllegalArgumentException(
          what
              + ": "
              + labels.length
              + " labels for "
              + x.rows()
              + " feature rows; pass exactly one label per example");
    }
  }

  /** Fails unless there is one label per row and at least two classes to tell apart. */
  static void checkTrainable(FeatureMatrix x, int[] labels) {
    checkMatch(x, labels, "training set");
    TreeSet<Integer> classes = new TreeSet<>();
    for (int label : labels) {
      classes.add(label);
    }
    if (classes.size() < 2) {
      throw new IllegalArgumentException(
          "the training labels hold only class "
              + classes.first()
              + "; a classifier needs examples of at least two classes");
    }
  }

  /** Fails unless {@code x} has the {@code featureCount} features a classifier was trained on. */
  static void checkFeatures(FeatureMatrix x, int featureCount) {
    if (x.cols() != featureCount) {
      throw new IllegalArgumentException(
          "the classifier was trained on "
              + featureCount
              + " features but got rows of "
              + x.cols()
              + "; predict on features made the same way"
              + " as the training features");
    }
  }

  /** The labels as the doubles both libraries store. */
  static double[] asDoubles(int[] labels) {
    double[] y = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      y[i] = labels[i];
    }
    return y;
  }
}
