package org.sparsecode.model;

import java.util.Objects;

/**
 * A one-hidden-layer ReLU network ({@link FcConfig}: sizes and initial weights) with one {@link
 * Regularizer} on its hidden layer. Made by a named factory for each regularizer:
 *
 * <pre>{@code
 * MlpConfig.l1(FcConfig.blog(1), 1e-5f)       // the blog's L1 activity penalty
 * MlpConfig.ovr(network, 5e-5f)               // Doc 001's One-vs-Rest loss
 * MlpConfig.dropout(network, 0.5f)
 * MlpConfig.none(network)
 * }</pre>
 */
public final class MlpConfig {

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

  private final FcConfig network;
  private final Regularizer regularizer;
  private final float lambda;
  private final float dropoutRate;
  private final Init init;

  private MlpConfig(
      FcConfig network, Regularizer regularizer, float lambda, float dropoutRate, Init init) {
    Objects.requireNonNull(network, "network must be an FcConfig, e.g. FcConfig.blog(seed)");
    Objects.requireNonNull(regularizer, "regularizer must be NONE, L1, OVR or DROPOUT");
    Objects.requireNonNull(init, "init must be NETWORK or SCALED");
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + lambda + " (use 0 for no penalty)");
    }
    if (!regularizer.usesLambda() && lambda != 0) {
      throw new IllegalArgumentException(
          "lambda weights the l1 or ovr term; regularizer "
              + regularizer.id()
              + " has none, so"
              + " lambda must be 0, got "
              + lambda);
    }
    if (regularizer == Regularizer.DROPOUT && !(dropoutRate > 0 && dropoutRate < 1)) {
      throw new IllegalArgumentException(
          "dropout_rate must be > 0 and < 1 for regularizer dropout, got "
              + dropoutRate
              + " (0.5 is the usual choice)");
    }
    this.network = network;
    this.regularizer = regularizer;
    this.lambda = lambda;
    this.dropoutRate = regularizer == Regularizer.DROPOUT ? dropoutRate : 0f;
    this.init = init;
  }

  /**
   * The network trained on the mean cross-entropy alone.
   *
   * @param network sizes and initial weights
   * @return the configuration
   */
  public static MlpConfig none(FcConfig network) {
    return new MlpConfig(network, Regularizer.NONE, 0f, 0f, Init.NETWORK);
  }

  /**
   * The blog's classifier: {@code lambda * sum} of the hidden ReLU activations of the batch added
   * to the mean cross-entropy.
   *
   * @param network sizes and initial weights
   * @param lambda weight of the penalty, finite and &gt;= 0 (the blog: 1e-5 to 2.7e-3)
   * @return the configuration
   */
  public static MlpConfig l1(FcConfig network, float lambda) {
    return new MlpConfig(network, Regularizer.L1, lambda, 0f, Init.NETWORK);
  }

  /**
   * Doc 001's One-vs-Rest loss on the hidden activations, weighted by {@code lambda}, added to the
   * mean cross-entropy.
   *
   * @param network sizes and initial weights
   * @param lambda weight of the OVR term, finite and &gt;= 0
   * @return the configuration
   */
  public static MlpConfig ovr(FcConfig network, float lambda) {
    return new MlpConfig(network, Regularizer.OVR, lambda, 0f, Init.NETWORK);
  }

  /**
   * Dropout on the hidden layer while training; evaluation, prediction and export use every unit.
   *
   * @param network sizes and initial weights
   * @param rate probability of dropping a hidden unit, 0 &lt; rate &lt; 1
   * @return the configuration
   */
  public static MlpConfig dropout(FcConfig network, float rate) {
    return new MlpConfig(network, Regularizer.DROPOUT, 0f, rate, Init.NETWORK);
  }

  /**
   * The configuration of a regularizer chosen at run time (a sweep file's value): {@code lambda} is
   * read by L1 and OVR and must be 0 otherwise; {@code dropoutRate} is read by DROPOUT only.
   *
   * @param network sizes and initial weights
   * @param regularizer what keeps the hidden layer in check
   * @param lambda weight of the L1 or OVR term; 0 for the others
   * @param dropoutRate drop probability for DROPOUT; ignored by the others
   * @return the configuration
   */
  public static MlpConfig regularized(
      FcConfig network, Regularizer regularizer, float lambda, float dropoutRate) {
    return new MlpConfig(network, regularizer, lambda, dropoutRate, Init.NETWORK);
  }

  /**
   * This configuration with other initial weights.
   *
   * @param init how the weights start
   * @return a new configuration
   */
  public MlpConfig withInit(Init init) {
    return new MlpConfig(network, regularizer, lambda, dropoutRate, init);
  }

  /**
   * @return the network's sizes and initial weights
   */
  public FcConfig network() {
    return network;
  }

  /**
   * @return what regularises the hidden layer
   */
  public Regularizer regularizer() {
    return regularizer;
  }

  /**
   * @return weight of the L1 or OVR term (0 for the other regularizers)
   */
  public float lambda() {
    return lambda;
  }

  /**
   * @return the dropout probability (0 unless the regularizer is DROPOUT)
   */
  public float dropoutRate() {
    return dropoutRate;
  }

  /**
   * @return how the weights start
   */
  public Init init() {
    return init;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpConfig c
        && network.equals(c.network)
        && regularizer == c.regularizer
        && Float.compare(lambda, c.lambda) == 0
        && Float.compare(dropoutRate, c.dropoutRate) == 0
        && init == c.init;
  }

  @Override
  public int hashCode() {
    return Objects.hash(network, regularizer, lambda, dropoutRate, init);
  }

  @Override
  public String toString() {
    return "MlpConfig["
        + network
        + ", regularizer="
        + regularizer.id()
        + ", lambda="
        + lambda
        + ", dropoutRate="
        + dropoutRate
        + ", init="
        + init
        + "]";
  }
}
