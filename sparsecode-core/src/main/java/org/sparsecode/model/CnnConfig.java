package org.sparsecode.model;

import java.util.Objects;

/**
 * The blog's sparse CNN: one convolution ({@code kernel} x {@code kernel}, {@code filters} maps,
 * {@code stride}, SAME padding) and ReLU over a square single-channel image, then a dense layer to
 * the classes; {@code lambda * sum} of the conv activations is added to the mean cross-entropy. The
 * learning rate is the training's ({@link org.sparsecode.train.TrainConfig}).
 *
 * <p>{@link #builder()} starts from the blog's CNN on 28x28 MNIST (200 maps of 3x3, stride 2, 10
 * classes, lambda 0, init stddev 0.1, bias 0.1, seed 1):
 *
 * <pre>{@code
 * CnnConfig cnn = CnnConfig.builder().filters(32).lambda(1e-5f).seed(3).build();
 * }</pre>
 */
public final class CnnConfig {
  private final int side;
  private final int filters;
  private final int kernel;
  private final int stride;
  private final int classes;
  private final float lambda;
  private final float initStddev;
  private final float biasInit;
  private final long seed;

  private CnnConfig(Builder b) {
    if (b.side <= 0 || b.filters <= 0 || b.kernel <= 0 || b.stride <= 0) {
      throw new IllegalArgumentException(
          "side, filters, kernel and stride must be > 0, got "
              + b.side
              + ", "
              + b.filters
              + ", "
              + b.kernel
              + ", "
              + b.stride);
    }
    if (b.classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + b.classes);
    }
    if (!(b.lambda >= 0) || Float.isInfinite(b.lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + b.lambda + " (use 0 for no penalty)");
    }
    if (!(b.initStddev > 0) || Float.isInfinite(b.initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got " + b.initStddev + " (the blog used 0.1)");
    }
    if (!Float.isFinite(b.biasInit)) {
      throw new IllegalArgumentException(
          "bias_init must be finite, got " + b.biasInit + " (the blog used 0.1)");
    }
    side = b.side;
    filters = b.filters;
    kernel = b.kernel;
    stride = b.stride;
    classes = b.classes;
    lambda = b.lambda;
    initStddev = b.initStddev;
    biasInit = b.biasInit;
    seed = b.seed;
  }

  /**
   * A builder starting from the blog's CNN with lambda 0 and seed 1.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The blog's CNN on 28x28 MNIST: 200 maps of 3x3, stride 2.
   *
   * @param lambda weight of the L1 penalty on the conv activations, finite and &gt;= 0
   * @param seed seed of the weight draws
   * @return the configuration
   */
  public static CnnConfig blog(float lambda, long seed) {
    return builder().lambda(lambda).seed(seed).build();
  }

  /**
   * A builder holding this configuration's values, to change a few of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder()
        .side(side)
        .filters(filters)
        .kernel(kernel)
        .stride(stride)
        .classes(classes)
        .lambda(lambda)
        .initStddev(initStddev)
        .biasInit(biasInit)
        .seed(seed);
  }

  /**
   * @return side of the square input image in pixels (inputs are side*side features)
   */
  public int side() {
    return side;
  }

  /**
   * @return feature maps of the convolution
   */
  public int filters() {
    return filters;
  }

  /**
   * @return kernel height and width
   */
  public int kernel() {
    return kernel;
  }

  /**
   * @return stride along height and width
   */
  public int stride() {
    return stride;
  }

  /**
   * @return number of classes
   */
  public int classes() {
    return classes;
  }

  /**
   * @return weight of the L1 penalty on the conv activations
   */
  public float lambda() {
    return lambda;
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

  /**
   * @return side of the feature maps after the strided SAME convolution
   */
  public int hiddenSide() {
    return (side + stride - 1) / stride;
  }

  /**
   * @return units in the sparse code: hiddenSide^2 * filters (39,200 for the blog's CNN)
   */
  public int hiddenUnits() {
    return hiddenSide() * hiddenSide() * filters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CnnConfig c
        && side == c.side
        && filters == c.filters
        && kernel == c.kernel
        && stride == c.stride
        && classes == c.classes
        && Float.compare(lambda, c.lambda) == 0
        && Float.compare(initStddev, c.initStddev) == 0
        && Float.compare(biasInit, c.biasInit) == 0
        && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(side, filters, kernel, stride, classes, lambda, initStddev, biasInit, seed);
  }

  @Override
  public String toString() {
    return "CnnConfig[side="
        + side
        + ", filters="
        + filters
        + ", kernel="
        + kernel
        + ", stride="
        + stride
        + ", classes="
        + classes
        + ", lambda="
        + lambda
        + ", initStddev="
        + initStddev
        + ", biasInit="
        + biasInit
        + ", seed="
        + seed
        + "]";
  }

  /** Collects the settings of a {@link CnnConfig}; every setting has the blog's default. */
  public static final class Builder {
    private int side = 28;
    private int filters = 200;
    private int kernel = 3;
    private int stride = 2;
    private int classes = 10;
    private float lambda = 0f;
    private float initStddev = 0.1f;
    private float biasInit = 0.1f;
    private long seed = 1;

    private Builder() {}

    /**
     * @param side side of the square single-channel input image in pixels
     * @return this builder
     */
    public Builder side(int side) {
      this.side = side;
      return this;
    }

    /**
     * @param filters feature maps of the convolution
     * @return this builder
     */
    public Builder filters(int filters) {
      this.filters = filters;
      return this;
    }

    /**
     * @param kernel kernel height and width
     * @return this builder
     */
    public Builder kernel(int kernel) {
      this.kernel = kernel;
      return this;
    }

    /**
     * @param stride stride along height and width (1 = no downsampling)
     * @return this builder
     */
    public Builder stride(int stride) {
      this.stride = stride;
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
     * @param lambda weight of the L1 penalty on the conv activations, finite and &gt;= 0
     * @return this builder
     */
    public Builder lambda(float lambda) {
      this.lambda = lambda;
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
     * @param biasInit the value every bias starts at
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
    public CnnConfig build() {
      return new CnnConfig(this);
    }
  }
}
