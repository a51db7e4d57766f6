package org.sparsecode.model;

import java.util.Objects;

/**
 * The sizes and initial weights of a one-hidden-layer network: inputs -&gt; hidden ReLU -&gt;
 * classes. What regularises the hidden layer is {@link MlpConfig}'s; the learning rate is the
 * training's ({@link org.sparsecode.train.TrainConfig}).
 *
 * <p>Build one with {@link #builder()}, whose defaults are the blog's 784-784-10 network with
 * weights drawn from N(0, 0.1^2), biases at 0.1 and seed 1:
 *
 * <pre>{@code
 * FcConfig network = FcConfig.builder().inputs(3).hidden(64).classes(4).seed(7).build();
 * }</pre>
 */
public final class FcConfig {
  private final int inputs;
  private final int hidden;
  private final int classes;
  private final float initStddev;
  private final float biasInit;
  private final long seed;

  private FcConfig(Builder b) {
    requirePositive("inputs", b.inputs);
    requirePositive("hidden", b.hidden);
    if (b.classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + b.classes);
    }
    if (!(b.initStddev > 0) || Float.isInfinite(b.initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got " + b.initStddev + " (the blog used 0.1)");
    }
    if (!Float.isFinite(b.biasInit)) {
      throw new IllegalArgumentException(
          "bias_init must be finite, got " + b.biasInit + " (the blog used 0.1)");
    }
    this.inputs = b.inputs;
    this.hidden = b.hidden;
    this.classes = b.classes;
    this.initStddev = b.initStddev;
    this.biasInit = b.biasInit;
    this.seed = b.seed;
  }

  /**
   * A builder starting from the blog's network (784 inputs, 784 hidden units, 10 classes, init
   * stddev 0.1, bias 0.1, seed 1).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The blog's 784-784-10 network with its initialisation.
   *
   * @param seed seed of the weight draws
   * @return the configuration
   */
  public static FcConfig blog(long seed) {
    return builder().seed(seed).build();
  }

  /**
   * A builder holding this configuration's values, to change a few of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder()
        .inputs(inputs)
        .hidden(hidden)
        .classes(classes)
        .initStddev(initStddev)
        .biasInit(biasInit)
        .seed(seed);
  }

  /**
   * @return features per example (the input width)
   */
  public int inputs() {
    return inputs;
  }

  /**
   * @return hidden ReLU units
   */
  public int hidden() {
    return hidden;
  }

  /**
   * @return number of classes (the output width), at least 2
   */
  public int classes() {
    return classes;
  }

  /**
   * @return standard deviation of the normal weight draws
   */
  public float initStddev() {
    return initStddev;
  }

  /**
   * @return the value every bias starts at
   */
  public float biasInit() {
    return biasInit;
  }

  /**
   * @return seed of the weight draws
   */
  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FcConfig c
        && inputs == c.inputs
        && hidden == c.hidden
        && classes == c.classes
        && Float.compare(initStddev, c.initStddev) == 0
        && Float.compare(biasInit, c.biasInit) == 0
        && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, hidden, classes, initStddev, biasInit, seed);
  }

  @Override
  public String toString() {
    return "FcConfig[inputs="
        + inputs
        + ", hidden="
        + hidden
        + ", classes="
        + classes
        + ", initStddev="
        + initStddev
        + ", biasInit="
        + biasInit
        + ", seed="
        + seed
        + "]";
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  /** Collects the settings of an {@link FcConfig}; every setting has the blog's default. */
  public static final class Builder {
    private int inputs = 784;
    private int hidden = 784;
    private int classes = 10;
    private float initStddev = 0.1f;
    private float biasInit = 0.1f;
    private long seed = 1;

    private Builder() {}

    /**
     * @param inputs features per example, &gt; 0
     * @return this builder
     */
    public Builder inputs(int inputs) {
      this.inputs = inputs;
      return this;
    }

    /**
     * @param hidden hidden ReLU units, &gt; 0
     * @return this builder
     */
    public Builder hidden(int hidden) {
      this.hidden = hidden;
      return this;
    }

    /**
     * @param classes number of classes, &gt;= 2
     * @return this builder
     */
    public Builder classes(int classes) {
      this.classes = classes;
      return this;
    }

    /**
     * @param initStddev standard deviation of the normal weight draws, finite and &gt; 0
     * @return this builder
     */
    public Builder initStddev(float initStddev) {
      this.initStddev = initStddev;
      return this;
    }

    /**
     * @param biasInit the value every bias starts at, finite
     * @return this builder
     */
    public Builder biasInit(float biasInit) {
      this.biasInit = biasInit;
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
    public FcConfig build() {
      return new FcConfig(this);
    }
  }
}
