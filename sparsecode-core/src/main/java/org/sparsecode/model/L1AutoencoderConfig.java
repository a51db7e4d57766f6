package org.sparsecode.model;

import java.util.Objects;

/**
 * The L1 sparse autoencoder baseline: the OVR-Encoder's code layer ({@code relu(z W + b)}, the same
 * initial weights) with a linear decoder, trained on {@code mean squared error of z + l1 * mean
 * over the batch of ||H_i||_1}. The learning rate is the training's ({@link
 * org.sparsecode.train.EncoderTrainConfig#optimizer()}).
 *
 * <p>{@link #builder()} starts from the settings of the project's OVR-Encoder comparison (8192
 * units, encoder weights N(0, 0.05^2) as the OVR-Encoder's, decoder weights N(0, 0.01^2), l1 1e-4,
 * seed 1):
 *
 * <pre>{@code
 * L1AutoencoderConfig ae = L1AutoencoderConfig.builder().units(256).l1(1e-3f).seed(3).build();
 * }</pre>
 */
public final class L1AutoencoderConfig {
  private final int units;
  private final float initStddev;
  private final float decoderStddev;
  private final float l1;
  private final long seed;

  private L1AutoencoderConfig(Builder b) {
    if (b.units <= 0) {
      throw new IllegalArgumentException("units must be > 0, got " + b.units);
    }
    if (!(b.initStddev > 0) || Float.isInfinite(b.initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got " + b.initStddev);
    }
    if (!(b.decoderStddev > 0) || Float.isInfinite(b.decoderStddev)) {
      throw new IllegalArgumentException(
          "ae_decoder_stddev must be a finite number > 0, got "
              + b.decoderStddev
              + " (for example 0.01)");
    }
    if (!(b.l1 >= 0) || Float.isInfinite(b.l1)) {
      throw new IllegalArgumentException(
          "ae_l1 must be a finite number >= 0, got " + b.l1 + " (0 gives a plain autoencoder)");
    }
    this.units = b.units;
    this.initStddev = b.initStddev;
    this.decoderStddev = b.decoderStddev;
    this.l1 = b.l1;
    this.seed = b.seed;
  }

  /**
   * A builder starting from 8192 units, init stddev 0.05, decoder stddev 0.01, l1 1e-4 and seed 1.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration's values, to change a few of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder()
        .units(units)
        .initStddev(initStddev)
        .decoderStddev(decoderStddev)
        .l1(l1)
        .seed(seed);
  }

  /**
   * @return hidden ReLU units, the width of the codes
   */
  public int units() {
    return units;
  }

  /**
   * @return standard deviation of the encoder's normal weight draw (biases start at 0)
   */
  public float initStddev() {
    return initStddev;
  }

  /**
   * @return standard deviation of the decoder's normal weight draw (biases start at 0)
   */
  public float decoderStddev() {
    return decoderStddev;
  }

  /**
   * @return weight of the L1 penalty on the codes
   */
  public float l1() {
    return l1;
  }

  /**
   * @return seed of the weight draws
   */
  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L1AutoencoderConfig c
        && units == c.units
        && Float.compare(initStddev, c.initStddev) == 0
        && Float.compare(decoderStddev, c.decoderStddev) == 0
        && Float.compare(l1, c.l1) == 0
        && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, initStddev, decoderStddev, l1, seed);
  }

  @Override
  public String toString() {
    return "L1AutoencoderConfig[units="
        + units
        + ", initStddev="
        + initStddev
        + ", decoderStddev="
        + decoderStddev
        + ", l1="
        + l1
        + ", seed="
        + seed
        + "]";
  }

  /** Collects the settings of an {@link L1AutoencoderConfig}; every setting has a default. */
  public static final class Builder {
    private int units = 8192;
    private float initStddev = 0.05f;
    private float decoderStddev = 0.01f;
    private float l1 = 1e-4f;
    private long seed = 1;

    private Builder() {}

    /**
     * @param units hidden ReLU units, &gt; 0
     * @return this builder
     */
    public Builder units(int units) {
      this.units = units;
      return this;
    }

    /**
     * @param initStddev standard deviation of the encoder's weight draw, finite and &gt; 0
     * @return this builder
     */
    public Builder initStddev(float initStddev) {
      this.initStddev = initStddev;
      return this;
    }

    /**
     * @param decoderStddev standard deviation of the decoder's weight draw, finite and &gt; 0
     * @return this builder
     */
    public Builder decoderStddev(float decoderStddev) {
      this.decoderStddev = decoderStddev;
      return this;
    }

    /**
     * @param l1 weight of the L1 penalty on the codes, finite and &gt;= 0 (0: a plain autoencoder)
     * @return this builder
     */
    public Builder l1(float l1) {
      this.l1 = l1;
      return this;
    }

    /**
     * @param seed seed of the weight draws
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the checked configuration
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public L1AutoencoderConfig build() {
      return new L1AutoencoderConfig(this);
    }
  }
}
