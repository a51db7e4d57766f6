package org.sparsecode.model;

/**
 * A one-hidden-layer ReLU network ({@link FcConfig}: sizes, initialisation, learning rate) with one
 * {@link Regularizer} on its hidden layer.
 *
 * @param network the network; its {@code lambda} weights the L1 or OVR term and must be 0 for the
 *     other regularizers
 * @param dropoutRate probability of dropping a hidden unit in training, used only by {@link
 *     Regularizer#DROPOUT} (0 &lt; rate &lt; 1 there)
 * @param init how the weights start
 */
public record MlpConfig(FcConfig network, Regularizer regularizer, float dropoutRate, Init init) {

  /** How the weights and biases start. */
  public enum Init {
    /** Both layers N(0, init_stddev^2) with biases at bias_init, as the blog's network. */
    NETWORK,
    /**
     * He-normal hidden weights (stddev sqrt(2 / inputs)), LeCun-normal output weights (stddev
     * sqrt(1 / hidden)) and zero biases; the network's init_stddev and bias_init are not read. With
     * 3 inputs on the unit sphere, N(0, 0.1^2) would start every hidden unit nearly linear and slow
     * the early steps down; the scaled draws keep the starting logits of order 1 at every width.
     */
    SCALED
  }

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
    java.util.Objects.requireNonNull(init, "init must be NETWORK or SCALED");
  }

  /** The network with {@link Init#NETWORK} weights. */
  public MlpConfig(FcConfig network, Regularizer regularizer, float dropoutRate) {
    this(network, regularizer, dropoutRate, Init.NETWORK);
  }

  /** The blog's fully connected classifier: the L1 activity penalty weighted by the network's lambda. */
  public static MlpConfig blog(FcConfig network) {
    return new MlpConfig(network, Regularizer.L1, 0);
  }

  float hiddenStddev() {
    return init == Init.SCALED ? (float) Math.sqrt(2.0 / network.inputs()) : network.initStddev();
  }

  float outputStddev() {
    return init == Init.SCALED ? (float) Math.sqrt(1.0 / network.hidden()) : network.initStddev();
  }

  float biasInit() {
    return init == Init.SCALED ? 0f : network.biasInit();
  }
}
