package org.sparsecode.classify;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three classifiers of the accuracy table, named as the reports name them. */
public enum ClassifierKind {
  /** L2-regularised logistic regression (LIBLINEAR), one-vs-rest for more than two classes. */
  LR("lr", 0.01),
  /**
   * L2-regularised linear SVM with squared hinge loss (LIBLINEAR), one-vs-rest. The tolerance is
   * ten times tighter than LIBLINEAR's 0.1: at 0.1 the dual solver can stop far from the optimum,
   * with a model that depends on the order in which it visited the examples (seen on a 400-point
   * XOR set at C = 10: training accuracy 0.35 to 0.60 by seed, 0.5775 for every seed at 0.01).
   */
  SVM_LINEAR("svm_linear", 0.01),
  /** C-SVM with the RBF kernel exp(-gamma |x - x'|^2) (LIBSVM), one-vs-one. */
  SVM_RBF("svm_rbf", 0.001);

  private final String reportName;
  private final double defaultEps;

  ClassifierKind(String reportName, double defaultEps) {
    this.reportName = reportName;
    this.defaultEps = defaultEps;
  }

  /** The name used in reports and sweep files: {@code lr}, {@code svm_linear}, {@code svm_rbf}. */
  public String reportName() {
    return reportName;
  }

  /** The stopping tolerance used unless the settings say otherwise. */
  public double defaultEps() {
    return defaultEps;
  }

  /** Whether the kind takes the kernel width gamma. */
  public boolean usesGamma() {
    return this == SVM_RBF;
  }

  /** The kind with report name {@code name}. */
  public static ClassifierKind fromReportName(String name) {
    for (ClassifierKind k : values()) {
      if (k.reportName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown classifier '"
            + name
            + "'; use one of "
            + Arrays.stream(values())
                .map(ClassifierKind::reportName)
                .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return reportName;
  }
}
