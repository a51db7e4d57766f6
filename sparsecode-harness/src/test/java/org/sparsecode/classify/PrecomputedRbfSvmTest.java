package org.sparsecode.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_problem;
import org.junit.jupiter.api.Test;

/**
 * The RBF SVMs against LIBSVM's own multi-class training and prediction on the sparse rows: trained
 * pair by pair, the same model bit for bit; on precomputed distances, the same support vectors and
 * predictions and decision values within the solver's tolerance.
 */
class PrecomputedRbfSvmTest {

  @Test
  void distancesAreTheSquaredEuclideanOnesAtAnyThreadCount() {
    FeatureMatrix a = sparse(37, 11, 0.6, 1);
    FeatureMatrix b = sparse(23, 11, 0.6, 2);
    float[] d = SquaredDistances.between(a, b, 1);
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double direct = 0;
        for (int c = 0; c < a.cols(); c++) {
          double diff = (double) a.get(i, c) - b.get(j, c);
          direct += diff * diff;
        }
        assertEquals(direct, d[i * b.rows() + j], 1e-5 * (1 + direct), "row " + i + ", " + j);
      }
    }
    assertArrayEquals(d, SquaredDistances.between(a, b, 3));
    float[] within = SquaredDistances.within(a, 2);
    for (int i = 0; i < a.rows(); i++) {
      assertEquals(0, within[i * a.rows() + i], 1e-5);
      for (int j = 0; j < a.rows(); j++) {
        assertEquals(within[i * a.rows() + j], within[j * a.rows() + i]);
      }
    }
  }

  @Test
  void matchesLibsvmOnOverlappingClasses() {
    // Four overlapping classes whose labels appear in neither sorted nor reverse order.
    int[] labelOrder = {7, 3, 9, 1};
    FeatureMatrix train = sparse(360, 20, 0.5, 3);
    FeatureMatrix test = sparse(300, 20, 0.5, 4);
    int[] trainY = labels(train, labelOrder);
    int[] testY = labels(test, labelOrder);
    float[] distances = SquaredDistances.within(train, 2);
    for (double c : new double[] {0.5, 20}) {
      for (double gamma : new double[] {0.02, 0.3}) {
        ClassifierSettings settings = ClassifierSettings.rbf(c, gamma);
        String what = settings.hyperParameters();
        // The reference: LIBSVM's own multi-class training and prediction on the sparse rows.
        svm_problem problem = new svm_problem();
        problem.l = train.rows();
        problem.x = SparseRows.libsvm(train);
        problem.y = Checks.asDoubles(trainY);
        LibraryOutput.silence();
        svm_model libsvm = svm.svm_train(problem, RbfSvmClassifier.parameter(settings));
        int[] expected = new int[test.rows()];
        double[][] expectedDecisions = new double[test.rows()][libsvm.rho.length];
        for (int r = 0; r < test.rows(); r++) {
          svm_node[] row = SparseRows.libsvmRow(test, r);
          expected[r] = (int) svm.svm_predict(libsvm, row);
          svm.svm_predict_values(libsvm, row, expectedDecisions[r]);
        }

        // Pairs trained side by side: LIBSVM's model bit for bit; only prediction's distances
        // round.
        RbfSvmModel pairwise = RbfSvmClassifier.fit(settings, train, trainY, 3);
        assertArrayEquals(libsvm.rho, pairwise.rhos(), 0.0, what);
        assertEquals(libsvm.l, pairwise.supportVectorCount(), what);
        assertArrayEquals(expected, pairwise.predict(test), what);
        assertTrue(
            largestDifference(expectedDecisions, pairwise.decisionValues(test)) < 1e-5,
            what + ": pairwise model's decision values");

        // Precomputed kernels: the same support vectors and predictions; decision values within
        // the solver's tolerance. LIBSVM stops once no KKT condition is violated by more than eps;
        // kernels that differ in their last float bit can stop at different points within that.
        RbfSvmModel precomputed = PrecomputedRbfSvm.fit(settings, train, trainY, distances);
        assertEquals(libsvm.l, precomputed.supportVectorCount(), what);
        assertArrayEquals(expected, precomputed.predict(test), what);
        double largest = largestDifference(expectedDecisions, precomputed.decisionValues(test));
        assertTrue(largest < settings.eps(), what + ": decision values differ by up to " + largest);

        // Not a trivial problem: the classes overlap, so neither model is perfect on test.
        double accuracy = precomputed.accuracy(test, testY);
        assertTrue(accuracy > 0.4 && accuracy < 0.99, what + ": accuracy " + accuracy);
      }
    }
  }

  private static double largestDifference(double[][] a, double[][] b) {
    double largest = 0;
    for (int r = 0; r < a.length; r++) {
      for (int p = 0; p < a[r].length; p++) {
        largest = Math.max(largest, Math.abs(a[r][p] - b[r][p]));
      }
    }
    return largest;
  }

  @Test
  void modelSelectionChoosesAsWithLibsvmFits() {
    int[] labelOrder = {0, 1, 2};
    FeatureMatrix train = sparse(240, 12, 0.4, 5);
    FeatureMatrix validation = sparse(200, 12, 0.4, 6);
    int[] trainY = labels(train, labelOrder);
    int[] validationY = labels(validation, labelOrder);
    var grid =
        ModelSelection.grid(
            ClassifierKind.SVM_RBF, new double[] {0.1, 1, 10}, new double[] {0.01, 0.1, 1});
    ModelSelection.Result result =
        ModelSelection.select(
            grid, train, trainY, validation, validationY, ModelSelection.Refit.TRAIN, 2);
    for (ModelSelection.Score score : result.scores()) {
      double libsvm =
          RbfSvmClassifier.fit(score.settings(), train, trainY).accuracy(validation, validationY);
      assertEquals(libsvm, score.validationAccuracy(), 0.0, score.settings().hyperParameters());
    }
  }

  /**
   * Rows whose non-zero share is {@code density}: each kept feature is a Gaussian around a class
   * centre (class = row % 4 or % 3 as {@link #labels} assigns), so classes overlap.
   */
  private static FeatureMatrix sparse(int rows, int cols, double density, long seed) {
    Random random = new Random(seed);
    float[] v = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (random.nextDouble() < density) {
          double centre = (r % 4 == c % 4) ? 1.0 : 0.0;
          v[r * cols + c] = (float) (centre + 0.8 * random.nextGaussian());
        }
      }
    }
    return new FeatureMatrix(v, rows, cols);
  }

  private static int[] labels(FeatureMatrix x, int[] labelOrder) {
    int[] y = new int[x.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = labelOrder[r % 4 % labelOrder.length];
    }
    return y;
  }
}
