package org.sparsecode.classify;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;

/** Logistic regression or a linear SVM trained by LIBLINEAR. */
final class LinearClassifier implements Classifier {
  private final ClassifierSettings settings;
  private final int featureCount;
  private final Model model;

  private LinearClassifier(ClassifierSettings settings, int featureCount, Model model) {
    this.settings = settings;
    this.featureCount = featureCount;
    this.model = model;
  }

  static LinearClassifier fit(ClassifierSettings settings, FeatureMatrix x, int[] labels) {
    LibraryOutput.silence();
    Problem problem = new Problem();
    problem.l = x.rows();
    problem.n = x.cols() + 1; // the intercept feature counts as one more column
    problem.bias = ClassifierSettings.LINEAR_BIAS;
    problem.x = SparseRows.liblinear(x, ClassifierSettings.LINEAR_BIAS);
    problem.y = Checks.asDoubles(labels);
    Parameter parameter = new Parameter(solverType(settings.kind()), settings.c(), settings.eps());
    // The dual solvers shuffle the examples with this generator; a fixed seed fixes the model.
    parameter.setRandom(new Random(settings.seed()));
    return new LinearClassifier(settings, x.cols(), Linear.train(problem, parameter));
  }

  static SolverType solverType(ClassifierKind kind) {
    return switch (kind) {
      case LR -> SolverType.L2R_LR;
      case SVM_LINEAR -> SolverType.L2R_L2LOSS_SVC_DUAL;
      case SVM_RBF -> throw new IllegalArgumentException("svm_rbf is not a LIBLINEAR classifier");
    };
  }

  /** LIBLINEAR's weight vector, for tests of determinism. */
  double[] weights() {
    return model.getFeatureWeights().clone();
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
    int[] predicted = new int[x.rows()];
    for (int r = 0; r < x.rows(); r++) {
      predicted[r] = (int) Linear.predict(model, SparseRows.liblinearRow(x, r, model.getBias()));
    }
    return predicted;
  }
}
