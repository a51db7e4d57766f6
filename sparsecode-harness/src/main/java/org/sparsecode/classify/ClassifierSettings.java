package org.sparsecode.classify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * Everything that determines a trained classifier apart from its data.
 *
 * @param kind which classifier
 * @param c the cost of margin violations (LIBLINEAR and LIBSVM {@code -c}); larger fits the
 *     training set harder
 * @param gamma the RBF kernel width in exp(-gamma |x - x'|^2) for {@link ClassifierKind#SVM_RBF};
 *     {@code NaN} for the linear kinds, which have none
 * @param eps the solver's stopping tolerance ({@code -e})
 * @param seed seeds the random order in which LIBLINEAR's dual coordinate descent visits the
 *     examples (svm_linear); lr's primal Newton solver and LIBSVM's C-SVM draw no random numbers
 */
public record ClassifierSettings(
    ClassifierKind kind, double c, double gamma, double eps, long seed) {
  /** The intercept: LIBLINEAR appends a constant feature of this value to every example. */
  public static final double LINEAR_BIAS = 1.0;

  /** LIBSVM's kernel cache; a bigger cache only makes training faster. */
  public static final double RBF_CACHE_MB = 400;

  public ClassifierSettings {
    Objects.requireNonNull(kind, "kind");
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException(
          "C must be positive and finite, got " + c + "; typical grids are 0.01 .. 100");
    }
    if (kind.usesGamma() && (!(gamma > 0) || Double.isInfinite(gamma))) {
      throw new IllegalArgumentException(
          "svm_rbf needs a positive finite gamma, got "
              + gamma
              + "; ClassifierSettings.scaleGamma(features) gives a starting value");
    }
    if (!kind.usesGamma() && !Double.isNaN(gamma)) {
      throw new IllegalArgumentException(
          kind + " has no kernel width; pass gamma = NaN (got " + gamma + ") or use svm_rbf");
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException(
          "eps (the stopping tolerance) must be positive, got "
              + eps
              + "; "
              + kind
              + " uses "
              + kind.defaultEps()
              + " by default");
    }
  }

  /** A linear classifier (lr or svm_linear) with the kind's default tolerance and seed 0. */
  public static ClassifierSettings linear(ClassifierKind kind, double c) {
    if (kind.usesGamma()) {
      throw new IllegalArgumentException("svm_rbf needs a gamma; use ClassifierSettings.rbf");
    }
    return new ClassifierSettings(kind, c, Double.NaN, kind.defaultEps(), 0);
  }

  /** An RBF-kernel SVM with LIBSVM's default tolerance 0.001. */
  public static ClassifierSettings rbf(double c, double gamma) {
    ClassifierKind kind = ClassifierKind.SVM_RBF;
    return new ClassifierSettings(kind, c, gamma, kind.defaultEps(), 0);
  }

  /** Settings for {@code kind}; {@code gamma} is ignored for the linear kinds. */
  public static ClassifierSettings of(ClassifierKind kind, double c, double gamma) {
    return kind.usesGamma() ? rbf(c, gamma) : linear(kind, c);
  }

  /**
   * 1 / (features x variance of all values), the width that makes the kernel's exponent of order
   * one for typical pairs (scikit-learn calls it "scale"). MNIST pixels give about 0.013.
   */
  public static double scaleGamma(FeatureMatrix x) {
    double sum = 0;
    double sumSq = 0;
    for (float v : x.values()) {
      sum += v;
      sumSq += (double) v * v;
    }
    double mean = sum / x.values().length;
    double variance = sumSq / x.values().length - mean * mean;
    if (!(variance > 0)) {
      throw new IllegalArgumentException(
          "all feature values are equal; no kernel width fits" + " features without variation");
    }
    return 1.0 / (x.cols() * variance);
  }

  /** The same settings with another seed. */
  public ClassifierSettings withSeed(long newSeed) {
    return new ClassifierSettings(kind, c, gamma, eps, newSeed);
  }

  /** The same settings with another stopping tolerance. */
  public ClassifierSettings withEps(double newEps) {
    return new ClassifierSettings(kind, c, gamma, newEps, seed);
  }

  /** The library and solver behind {@link #kind}, in words. */
  public String solver() {
    return switch (kind) {
      case LR ->
          "LIBLINEAR L2R_LR (L2-regularised logistic regression, primal trust-region"
              + " Newton), one-vs-rest, intercept as a constant feature "
              + LINEAR_BIAS;
      case SVM_LINEAR ->
          "LIBLINEAR L2R_L2LOSS_SVC_DUAL (L2-regularised squared-hinge SVM, dual"
              + " coordinate descent), one-vs-rest, intercept as a constant feature "
              + LINEAR_BIAS;
      case SVM_RBF ->
          "LIBSVM C_SVC with kernel exp(-gamma |x-x'|^2), one-vs-one, shrinking on,"
              + " no probability estimates, cache "
              + (int) RBF_CACHE_MB
              + " MB";
    };
  }

  /** The hyper-parameters alone, e.g. {@code svm_rbf C=10 gamma=0.0134 eps=0.001}. */
  public String hyperParameters() {
    StringBuilder s = new StringBuilder(kind.reportName()).append(" C=").append(number(c));
    if (kind.usesGamma()) {
      s.append(" gamma=").append(number(gamma));
    }
    s.append(" eps=").append(number(eps));
    if (kind == ClassifierKind.SVM_LINEAR) {
      s.append(" seed=").append(seed);
    }
    return s.toString();
  }

  /** One line for reports: {@link #hyperParameters()}, the (absent) scaling and the solver. */
  public String describe() {
    return hyperParameters() + " scaling=none solver=" + solver();
  }

  private static String number(double v) {
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
