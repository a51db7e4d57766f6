package org.sparsecode.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.liblinear.Feature;
import libsvm.svm_node;
import org.junit.jupiter.api.Test;

/** The sparse node arrays against a tiny matrix written out by hand. */
class SparseRowsTest {
  // Row 0 has one non-zero, row 1 two (one negative), row 2 none.
  private static final FeatureMatrix X =
      FeatureMatrix.of(new float[][] {{0, 2.5f, 0}, {1, 0, -3}, {0, 0, 0}});

  @Test
  void liblinearRowsSkipZerosUseOneBasedIndicesAndEndWithTheIntercept() {
    Feature[][] rows = SparseRows.liblinear(X, 1.0);
    assertNodes(new double[][] {{2, 2.5}, {4, 1}}, rows[0]);
    assertNodes(new double[][] {{1, 1}, {3, -3}, {4, 1}}, rows[1]);
    assertNodes(new double[][] {{4, 1}}, rows[2]);
    // A negative bias means no intercept feature at all.
    assertNodes(new double[][] {{1, 1}, {3, -3}}, SparseRows.liblinearRow(X, 1, -1));
  }

  @Test
  void libsvmRowsSkipZerosAndUseOneBasedIndices() {
    svm_node[][] rows = SparseRows.libsvm(X);
    assertLibsvmNodes(new double[][] {{2, 2.5}}, rows[0]);
    assertLibsvmNodes(new double[][] {{1, 1}, {3, -3}}, rows[1]);
    assertLibsvmNodes(new double[][] {}, rows[2]);
  }

  private static void assertNodes(double[][] expected, Feature[] nodes) {
    assertEquals(expected.length, nodes.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals((int) expected[i][0], nodes[i].getIndex());
      assertEquals(expected[i][1], nodes[i].getValue());
    }
  }

  private static void assertLibsvmNodes(double[][] expected, svm_node[] nodes) {
    assertEquals(expected.length, nodes.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals((int) expected[i][0], nodes[i].index);
      assertEquals(expected[i][1], nodes[i].value);
    }
  }
}
