package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * A C-SVM with the RBF kernel trained by LIBSVM. LIBSVM's multi-class training solves one binary
 * problem per pair of classes, one after another; this trains the same binary problems (class i's
 * examples as +1, then class j's as -1, each in training order) with the same solver calls, on all
 * cores, so the model is LIBSVM's own, bit for bit, in less time (see {@code
 * PrecomputedRbfSvmTest}).
 */
final class RbfSvmClassifier {
  private RbfSvmClassifier() {}

  /** Trains on {@code x} and {@code labels}, pairs of classes side by side on all cores. */
  static RbfSvmModel fit(ClassifierSettings settings, FeatureMatrix x, int[] labels) {
    return fit(settings, x, labels, Runtime.getRuntime().availableProcessors());
  }

  /** As above, with at most {@code threads} pairs at a time; the model does not depend on it. */
  static RbfSvmModel fit(ClassifierSettings settings, FeatureMatrix x, int[] labels, int threads) {
    Checks.checkTrainable(x, labels);
    LibraryOutput.silence();
    svm_node[][] nodes = SparseRows.libsvm(x); // read-only: LIBSVM never writes a node
    svm_parameter parameter = parameter(settings);
    RbfSvmModel.ClassGroups groups = RbfSvmModel.ClassGroups.of(labels);
    List<Callable<RbfSvmModel.PairFit>> pairs = new ArrayList<>();
    for (int i = 0; i < groups.classes().length; i++) {
      for (int j = i + 1; j < groups.classes().length; j++) {
        int first = i;
        int second = j;
        pairs.add(
            () -> {
              int[] rows = groups.pairRows(first, second);
              svm_problem problem = new svm_problem();
              problem.l = rows.length;
              problem.x = new svm_node[rows.length][];
              problem.y = new double[rows.length];
              for (int a = 0; a < rows.length; a++) {
                problem.x[a] = nodes[rows[a]];
                problem.y[a] = a < groups.rows()[first].length ? +1 : -1;
              }
              String rejected = svm.svm_check_parameter(problem, parameter);
              if (rejected != null) {
                throw new IllegalArgumentException(
                    "LIBSVM rejects " + settings.describe() + ": " + rejected);
              }
              // No probability estimates and no cross-validation: LIBSVM's only random generator
              // (svm.rand) is then never used, so training is deterministic.
              return pairFit(svm.svm_train(problem, parameter), rows);
            });
      }
    }
    List<RbfSvmModel.PairFit> fits = ModelSelection.runAll(pairs, Math.max(1, threads));
    return RbfSvmModel.of(settings, x, groups, fits);
  }

  /**
   * A binary model trained on the examples {@code rows} (class i's as +1 first, then class j's as
   * -1), as its support vectors' training rows, their weights and rho, signed so that a positive
   * decision means class i.
   */
  static RbfSvmModel.PairFit pairFit(svm_model model, int[] rows) {
    double sign = model.label[0] == +1 ? 1 : -1;
    int count = model.sv_indices.length;
    int[] sv = new int[count];
    double[] coef = new double[count];
    for (int k = 0; k < count; k++) {
      sv[k] = rows[model.sv_indices[k] - 1];
      coef[k] = sign * model.sv_coef[0][k];
    }
    return new RbfSvmModel.PairFit(sv, coef, sign * model.rho[0]);
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
}
