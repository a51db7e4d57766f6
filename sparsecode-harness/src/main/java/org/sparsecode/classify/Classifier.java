package org.sparsecode.classify;

/**
 * A trained classifier: predicts one class label per feature row. Get one with {@link #fit}.
 * Fitting is deterministic: the same settings and data give the same model.
 */
public interface Classifier {

  /** The settings it was trained with. */
  ClassifierSettings settings();

  /** The number of features per example it was trained on. */
  int featureCount();

  /** The predicted label of every row of {@code x}. */
  int[] predict(FeatureMatrix x);

  /** The fraction of rows of {@code x} whose predicted label equals {@code labels}. */
  default double accuracy(FeatureMatrix x, int[] labels) {
    Checks.checkMatch(x, labels, "evaluation set");
    int[] predicted = predict(x);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /** Trains the classifier that {@code settings} describe on {@code x} and {@code labels}. */
  static Classifier fit(ClassifierSettings settings, FeatureMatrix x, int[] labels) {
    Checks.checkTrainable(x, labels);
    return switch (settings.kind()) {
      case LR, SVM_LINEAR -> LinearClassifier.fit(settings, x, labels);
      case SVM_RBF -> RbfSvmClassifier.fit(settings, x, labels);
    };
  }
}
