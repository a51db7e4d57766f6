package org.sparsecode.model;

import java.util.Objects;

/**
 * Doc 001's OVR-Encoder: one Dense layer of ReLU units trained on {@code J = OVR + L} alone (no
 * reconstruction, no labels). The learning rate is the training's ({@link
 * org.sparsecode.train.EncoderTrainConfig#optimizer()}).
 *
 * <p>Build one with {@link #builder()}, whose defaults are the document's encoder (8192 units,
 * weights from N(0, 0.05^2), lambda 5e-5, activity target 0.5, autodiff, seed 1), or with {@link
 * #document(float, long)}:
 *
 * <pre>{@code
 * OvrEncoderConfig encoder = OvrEncoderConfig.builder().units(256).lambda(1e-4f).seed(3).build();
 * }</pre>
 */
public final class OvrEncoderConfig {

  /** Autodiff of J, or the same gradient written out as the document's local rule. */
  public enum UpdateRule {
    /** TensorFlow's gradient of J. */
    AUTODIFF,
    /** The same gradient in closed form, the document's local rule. */
    EXPLICIT;

    /**
     * Reads a sweep file's value, ignoring case.
     *
     * @param value {@code autodiff} or {@code explicit}
     * @return the rule
     * @throws IllegalArgumentException for any other value, naming the two accepted
     */
    public static UpdateRule parse(String value) {
      for (UpdateRule r : values()) {
        if (r.name().equalsIgnoreCase(value)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "unknown update_rule '"
              + value
              + "'; use autodiff (TensorFlow's gradient of J) or explicit"
              + " (the same gradient in closed form, the document's local rule)");
    }
  }

  private final int units;
  private final float initStddev;
  private final float lambda;
  private final float activityTarget;
  private final UpdateRule updateRule;
  private final long seed;

  private OvrEncoderConfig(Builder b) {
    if (b.units <= 0) {
      throw new IllegalArgumentException(
          "units must be > 0, got " + b.units + " (the document uses 8192)");
    }
    if (!(b.initStddev > 0) || Float.isInfinite(b.initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got "
              + b.initStddev
              + " (the document uses 0.05)");
    }
    if (!(b.lambda >= 0) || Float.isInfinite(b.lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got "
              + b.lambda
              + " (the document uses 1e-5 .. 5e-4)");
    }
    if (!Float.isFinite(b.activityTarget)) {
      throw new IllegalArgumentException(
          "activity_target must be finite, got " + b.activityTarget + " (the document uses 0.5)");
    }
    if (b.updateRule == null) {
      throw new IllegalArgumentException("update_rule is missing; use autodiff or explicit");
    }
    this.units = b.units;
    this.initStddev = b.initStddev;
    this.lambda = b.lambda;
    this.activityTarget = b.activityTarget;
    this.updateRule = b.updateRule;
    this.seed = b.seed;
  }

  /**
   * A builder starting from the document's encoder (8192 units, init stddev 0.05, lambda 5e-5,
   * activity target 0.5, autodiff, seed 1).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The document's encoder at the given lambda.
   *
   * @param lambda weight of the OVR loss, finite and &gt;= 0 (the document: 1e-5 .. 5e-4)
   * @param seed seed of the weight draw
   * @return the configuration
   */
  public static OvrEncoderConfig document(float lambda, long seed) {
    return builder().lambda(lambda).seed(seed).build();
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
        .lambda(lambda)
        .activityTarget(activityTarget)
        .updateRule(updateRule)
        .seed(seed);
  }

  /**
   * @return hidden ReLU units, the width of the codes
   */
  public int units() {
    return units;
  }

  /**
   * @return standard deviation of the normal weight draw (biases start at 0)
   */
  public float initStddev() {
    return initStddev;
  }

  /**
   * @return weight of the OVR loss
   */
  public float lambda() {
    return lambda;
  }

  /**
   * @return the target mean activation of {@code L = |mean(H) - target|}
   */
  public float activityTarget() {
    return activityTarget;
  }

  /**
   * @return how the weight update is computed
   */
  public UpdateRule updateRule() {
    return updateRule;
  }

  /**
   * @return seed of the weight draw
   */
  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OvrEncoderConfig c
        && units == c.units
        && Float.compare(initStddev, c.initStddev) == 0
        && Float.compare(lambda, c.lambda) == 0
        && Float.compare(activityTarget, c.activityTarget) == 0
        && updateRule == c.updateRule
        && seed == c.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, initStddev, lambda, activityTarget, updateRule, seed);
  }

  @Override
  public String toString() {
    return "OvrEncoderConfig[units="
        + units
        + ", initStddev="
        + initStddev
        + ", lambda="
        + lambda
        + ", activityTarget="
        + activityTarget
        + ", updateRule="
        + updateRule
        + ", seed="
        + seed
        + "]";
  }

  /** Collects the settings of an {@link OvrEncoderConfig}; every setting has the document's. */
  public static final class Builder {
    private int units = 8192;
    private float initStddev = 0.05f;
    private float lambda = 5e-5f;
    private float activityTarget = 0.5f;
    private UpdateRule updateRule = UpdateRule.AUTODIFF;
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
     * @param initStddev standard deviation of the normal weight draw, finite and &gt; 0
     * @return this builder
     */
    public Builder initStddev(float initStddev) {
      this.initStddev = initStddev;
      return this;
    }

    /**
     * @param lambda weight of the OVR loss, finite and &gt;= 0
     * @return this builder
     */
    public Builder lambda(float lambda) {
      this.lambda = lambda;
      return this;
    }

    /**
     * @param activityTarget the target mean activation, finite (the document: 0.5)
     * @return this builder
     */
    public Builder activityTarget(float activityTarget) {
      this.activityTarget = activityTarget;
      return this;
    }

    /**
     * @param updateRule how the weight update is computed, not null
     * @return this builder
     */
    public Builder updateRule(UpdateRule updateRule) {
      this.updateRule = updateRule;
      return this;
    }

    /**
     * @param seed seed of the weight draw
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
    public OvrEncoderConfig build() {
      return new OvrEncoderConfig(this);
    }
  }
}
