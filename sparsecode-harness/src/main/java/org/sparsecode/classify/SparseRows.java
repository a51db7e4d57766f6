package org.sparsecode.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import libsvm.svm_node;

/**
 * Converts dense rows into the libraries' sparse node arrays: one node per non-zero value, with the
 * libraries' 1-based feature index, in increasing index order. Zeros are skipped, so a code with 20
 * active units of 256 costs 20 nodes, and both libraries' dot products touch only those.
 */
final class SparseRows {
  private SparseRows() {}

  /**
   * Row {@code r} as LIBLINEAR features, followed by the intercept feature (index cols + 1, value
   * {@code bias}) when {@code bias >= 0}, as LIBLINEAR expects in training and prediction alike.
   */
  static Feature[] liblinearRow(FeatureMatrix x, int r, double bias) {
    int start = r * x.cols();
    int nonZeros = countNonZeros(x, start);
    Feature[] nodes = new Feature[nonZeros + (bias >= 0 ? 1 : 0)];
    int k = 0;
    for (int c = 0; c < x.cols(); c++) {
      float v = x.values()[start + c];
      if (v != 0f) {
        nodes[k++] = new FeatureNode(c + 1, v);
      }
    }
    if (bias >= 0) {
      nodes[k] = new FeatureNode(x.cols() + 1, bias);
    }
    return nodes;
  }

  /** Row {@code r} as LIBSVM nodes (LIBSVM's Java version needs no terminating node). */
  static svm_node[] libsvmRow(FeatureMatrix x, int r) {
    int start = r * x.cols();
    svm_node[] nodes = new svm_node[countNonZeros(x, start)];
    int k = 0;
    for (int c = 0; c < x.cols(); c++) {
      float v = x.values()[start + c];
      if (v != 0f) {
        svm_node node = new svm_node();
        node.index = c + 1;
        node.value = v;
        nodes[k++] = node;
      }
    }
    return nodes;
  }

  /** Every row as LIBLINEAR features with the intercept feature. */
  static Feature[][] liblinear(FeatureMatrix x, double bias) {
    Feature[][] rows = new Feature[x.rows()][];
    for (int r = 0; r < x.rows(); r++) {
      rows[r] = liblinearRow(x, r, bias);
    }
    return rows;
  }

  /** Every row as LIBSVM nodes. */
  static svm_node[][] libsvm(FeatureMatrix x) {
    svm_node[][] rows = new svm_node[x.rows()][];
    for (int r = 0; r < x.rows(); r++) {
      rows[r] = libsvmRow(x, r);
    }
    return rows;
  }

  private static int countNonZeros(FeatureMatrix x, int start) {
    int n = 0;
    for (int c = 0; c < x.cols(); c++) {
      if (x.values()[start + c] != 0f) {
        n++;
      }
    }
    return n;
  }
}
