package org.sparsecode.model;

/**
 * Doc 001's one-hidden-layer classifier: inputs -> hidden ReLU -> classes, trained on the mean
 * cross-entropy plus {@code ovrLambda} times the One-vs-Rest loss of the batch's hidden codes
 * (0 switches OVR off and trains a plain network).
 */
public record OvrMlpConfig(
    int inputs, int hidden, int classes, float ovrLambda, float learningRate, long seed) {

  public OvrMlpConfig {
    if (inputs <= 0) {
      throw new IllegalArgumentException("inputs must be > 0, got " + inputs);
    }
    if (hidden <= 0) {
      throw new IllegalArgumentException("hidden must be > 0, got " + hidden + " (the hidden width)");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    if (!(ovrLambda >= 0) || Float.isInfinite(ovrLambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + ovrLambda + " (0 trains without OVR)");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning_rate must be a finite number > 0, got " + learningRate + " (for example 0.01)");
    }
  }
}
