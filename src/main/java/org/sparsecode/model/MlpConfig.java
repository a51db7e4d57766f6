package org.sparsecode.model;

/**
 * A one-hidden-layer ReLU network ({@link FcConfig}: sizes, initialisation, learning rate) with one
 * {@link Regularizer} on its hidden layer.
 *
 * @param network the network; its {@code lambda} weights the L1 or OVR term and must be 0 for the
 *     other regularizers
 * @param dropoutRate probability of dropping a hidden unit in training, used only by {@link
 *     Regularizer#DROPOUT} (0 < rate < 1 there)
 */
public record MlpConfig(FcConfig network, Regularizer regularizer, float dropoutRate) {

  public MlpConfig {
    if (!regularizer.usesLambda() && network.lambda() != 0) {
      throw new IllegalArgumentException(
          "lambda weights the l1 or ovr term; regularizer " + regularizer.id() + " has none, so"
              + " lambda must be 0, got " + network.lambda());
    }
    if (regularizer == Regularizer.DROPOUT && !(dropoutRate > 0 && dropoutRate < 1)) {
      throw new IllegalArgumentException(
          "dropout_rate must be > 0 and < 1 for regularizer dropout, got " + dropoutRate
              + " (0.5 is the usual choice)");
    }
  }
}
