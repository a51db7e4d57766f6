package org.sparsecode.eval;

/**
 * Classification and sparsity numbers of a model on a set of examples.
 *
 * @param examples how many examples were seen
 * @param accuracy fraction classified correctly
 * @param meanTaskLoss mean cross-entropy
 * @param avr mean over examples of the number of hidden units with activation > 0 (the blog's AVR,
 *     i.e. the mean L0 norm of the code)
 * @param l0Fraction {@code avr} divided by the number of hidden units
 * @param deadFraction fraction of hidden units never active on any of these examples
 * @param extras the model's further per-example quantities, as means per example, by name
 */
public record Evaluation(
    int examples,
    double accuracy,
    double meanTaskLoss,
    double avr,
    double l0Fraction,
    double deadFraction,
    java.util.Map<String, Double> extras) {

  /**
   * Copies the extras, so the evaluation cannot change afterwards.
   *
   * @param examples how many examples were seen
   * @param accuracy fraction classified correctly, in [0, 1]
   * @param meanTaskLoss mean cross-entropy per example, in nats
   * @param avr mean number of active hidden units per example
   * @param l0Fraction {@code avr} over the number of hidden units, in [0, 1]
   * @param deadFraction fraction of hidden units never active, in [0, 1]
   * @param extras further per-example means by name; copied
   */
  public Evaluation {
    extras = java.util.Map.copyOf(extras);
  }
}
