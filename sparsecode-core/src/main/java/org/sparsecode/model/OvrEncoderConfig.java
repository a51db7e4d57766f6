package org.sparsecode.model;

/**
 * Doc 001's OVR-Encoder: one Dense layer of ReLU units trained on {@code J = OVR + L} alone (no
 * reconstruction, no labels).
 *
 * @param units hidden units (the document: 8192)
 * @param initStddev weights drawn from N(0, initStddev^2) (the document: 0.05); biases start at 0
 * @param lambda weight of the OVR loss (the document: 1e-5 .. 5e-4, default 5e-5)
 * @param activityTarget the target mean activation of L = |mean(H) - target| (the document: 0.5)
 * @param learningRate Adam's initial rate (the document's code: 5e-4)
 * @param updateRule how the weight update is computed
 * @param seed seed of the weight draw
 */
public record OvrEncoderConfig(
    int units,
    float initStddev,
    float lambda,
    float activityTarget,
    float learningRate,
    UpdateRule updateRule,
    long seed) {

  /** Autodiff of J, or the same gradient written out as the document's local rule. */
  public enum UpdateRule {
    /** TensorFlow's gradient of J. */
    AUTODIFF,
    /** The same gradient in closed form, the document's local rule. */
    EXPLICIT;

    /** Reads a sweep file's value: autodiff or explicit. */
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

  /** Checks every setting, with the fix in the message. */
  public OvrEncoderConfig {
    if (units <= 0) {
      throw new IllegalArgumentException(
          "units must be > 0, got " + units + " (the document uses 8192)");
    }
    if (!(initStddev > 0) || Float.isInfinite(initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got "
              + initStddev
              + " (the document uses 0.05)");
    }
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got "
              + lambda
              + " (the document uses 1e-5 .. 5e-4)");
    }
    if (!Float.isFinite(activityTarget)) {
      throw new IllegalArgumentException(
          "activity_target must be finite, got " + activityTarget + " (the document uses 0.5)");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning_rate must be a finite number > 0, got "
              + learningRate
              + " (the document uses 5e-4)");
    }
    if (updateRule == null) {
      throw new IllegalArgumentException("update_rule is missing; use autodiff or explicit");
    }
  }

  /** The document's settings at the given lambda. */
  public static OvrEncoderConfig document(float lambda, long seed) {
    return new OvrEncoderConfig(8192, 0.05f, lambda, 0.5f, 5e-4f, UpdateRule.AUTODIFF, seed);
  }
}
