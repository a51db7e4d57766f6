package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.List;
import libsvm.svm;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * Trains the same C-SVM with the RBF kernel as {@link RbfSvmClassifier}, with LIBSVM's own solver,
 * on kernel matrices built from squared distances computed once ({@link SquaredDistances}). LIBSVM
 * recomputes every kernel value from the sparse feature rows in each fit; a model selection over C
 * and gamma fits the same training set many times, and that recomputation was most of its time. The
 * models equal LIBSVM's up to the rounding of the kernel values (see {@code
 * PrecomputedRbfSvmTest}).
 */
final class PrecomputedRbfSvm {
  private PrecomputedRbfSvm() {}

  /**
   * Trains on {@code x} and {@code labels}, reading the kernel from {@code distances}: the
   * row-major |x_a - x_b|^2 of {@link SquaredDistances#within}{@code (x)}.
   */
  static RbfSvmModel fit(
      ClassifierSettings settings, FeatureMatrix x, int[] labels, float[] distances) {
    Checks.checkTrainable(x, labels);
    if (settings.kind() != ClassifierKind.SVM_RBF) {
      throw new IllegalArgumentException(
          "a precomputed RBF kernel cannot train " + settings.kind());
    }
    int n = x.rows();
    if (distances.length != (long) n * n) {
      throw new IllegalArgumentException(
          distances.length + " distances do not match " + n + " training rows (" + n + "^2)");
    }
    LibraryOutput.silence();
    RbfSvmModel.ClassGroups groups = RbfSvmModel.ClassGroups.of(labels);
    int k = groups.classes().length;
    int largestPair = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        largestPair = Math.max(largestPair, groups.rows()[i].length + groups.rows()[j].length);
      }
    }
    svm_node[][] kernelRows = nodes(largestPair);
    svm_parameter parameter = RbfSvmClassifier.parameter(settings);
    parameter.kernel_type = svm_parameter.PRECOMPUTED;
    List<RbfSvmModel.PairFit> fits = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        int[] rows = groups.pairRows(i, j);
        svm_problem problem = new svm_problem();
        problem.l = rows.length;
        problem.x = kernelRows;
        problem.y = new double[rows.length];
        for (int a = 0; a < rows.length; a++) {
          problem.y[a] = a < groups.rows()[i].length ? +1 : -1;
        }
        fillKernel(kernelRows, rows, distances, n, settings.gamma());
        // The model's support vectors are the reused kernel rows: keep only indices and weights.
        fits.add(RbfSvmClassifier.pairFit(svm.svm_train(problem, parameter), rows));
      }
    }
    return RbfSvmModel.of(settings, x, groups, fits);
  }

  /**
   * Writes the kernel of the examples {@code rows} into LIBSVM's precomputed format: node 0 holds
   * the example's 1-based position in the problem, node b + 1 the kernel value with example b.
   */
  private static void fillKernel(
      svm_node[][] kernelRows, int[] rows, float[] distances, int n, double gamma) {
    for (int a = 0; a < rows.length; a++) {
      svm_node[] row = kernelRows[a];
      row[0].value = a + 1;
      int base = rows[a] * n;
      row[a + 1].value = Math.exp(-gamma * distances[base + rows[a]]);
      for (int b = a + 1; b < rows.length; b++) {
        double k = Math.exp(-gamma * distances[base + rows[b]]);
        row[b + 1].value = k;
        kernelRows[b][a + 1].value = k;
      }
    }
  }

  /** size rows of size + 1 nodes, indexed 0..size as LIBSVM's precomputed kernel expects. */
  private static svm_node[][] nodes(int size) {
    svm_node[][] rows = new svm_node[size][size + 1];
    for (svm_node[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        row[c] = new svm_node();
        row[c].index = c;
      }
    }
    return rows;
  }
}
