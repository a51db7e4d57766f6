package org.sparsecode.classify;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * A C-SVM with the RBF kernel trained by LIBSVM. It predicts as LIBSVM does, from kernels computed
 * once per test row and support vector from dense squared distances ({@link
 * PrecomputedRbfSvm#fromLibsvm}).
 */
final class RbfSvmClassifier implements Classifier {
  private final ClassifierSettings settings;
  private final int featureCount;
  private final svm_model model;
  private final PrecomputedRbfSvm predictor;

  private RbfSvmClassifier(ClassifierSettings settings, int featureCount, svm_model model) {
    this.settings = settings;
    this.featureCount = featureCount;
    this.model = model;
    this.predictor = PrecomputedRbfSvm.fromLibsvm(settings, model, featureCount);
  }

  static RbfSvmClassifier fit(ClassifierSettings settings, FeatureMatrix x, int[] labels) {
    LibraryOutput.silence();
    svm_problem problem = new svm_problem();
    problem.l = x.rows();
    problem.x = SparseRows.libsvm(x);
    problem.y = Checks.asDoubles(labels);
    svm_parameter parameter = parameter(settings);
    String problemWithParameters = svm.svm_check_parameter(problem, parameter);
    if (problemWithParameters != null) {
      throw new IllegalArgumentException(
          "LIBSVM rejects " + settings.describe() + ": " + problemWithParameters);
    }
    // No probability estimates and no cross-validation: LIBSVM's only random generator
    // (svm.rand) is then never used, so training is deterministic.
    return new RbfSvmClassifier(settings, x.cols(), svm.svm_train(problem, parameter));
  }

  static svm_parameter parameter(ClassifierSettings settings) {
    svm_parameter p = new svm_parameter();
    p.svm_type = svm_parameter.C_SVC;
    p.kernel_type = svm_parameter.RBF;
    p.gamma = settings.gamma();
    p.C = settings.c();
    p.eps = settings.eps();
    p.cache_size = ClassifierSettings.RBF_CACHE_MB;
    p.shrinking = 1;
    p.probability = 0;
    p.nr_weight = 0;
    p.weight_label = new int[0];
    p.weight = new double[0];
    // Unused by an RBF C-SVM, set to LIBSVM's defaults so the parameter check passes.
    p.degree = 3;
    p.coef0 = 0;
    p.nu = 0.5;
    p.p = 0.1;
    return p;
  }

  /** LIBSVM's model, for comparisons in tests. */
  svm_model model() {
    return model;
  }

  /** The number of support vectors, all classes together. */
  int supportVectorCount() {
    return svm.svm_get_nr_sv(model);
  }

  @Override
  public ClassifierSettings settings() {
    return settings;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  @Override
  public int[] predict(FeatureMatrix x) {
    Checks.checkFeatures(x, featureCount);
    return predictor.predict(x);
  }
}
