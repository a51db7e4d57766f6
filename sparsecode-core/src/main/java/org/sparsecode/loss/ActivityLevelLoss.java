package org.sparsecode.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Doc 001's term L = {@code |mean(H) - target|} (mean over every entry; the document's target is
 * 0.5). Added to the OVR loss in the OVR-Encoder, where OVR alone is minimised by all-zero codes.
 */
public final class ActivityLevelLoss {
  /** The document's target mean activation. */
  public static final float DEFAULT_TARGET = 0.5f;

  private final float target;

  /** The term with the document's target mean activation, 0.5. */
  public ActivityLevelLoss() {
    this(DEFAULT_TARGET);
  }

  /**
   * @param target the target mean activation, finite
   */
  public ActivityLevelLoss(float target) {
    if (!Float.isFinite(target)) {
      throw new IllegalArgumentException(
          "target must be a finite number, got "
              + target
              + "; the document uses "
              + DEFAULT_TARGET);
    }
    this.target = target;
  }

  /**
   * @return the target mean activation
   */
  public float target() {
    return target;
  }

  /**
   * The term as a scalar; {@code h} may have any rank.
   *
   * @param tf ops of the graph to build into
   * @param h the activations, float32, any rank (usually [batch, units])
   * @return {@code |mean(h) - target|}, a float32 scalar
   */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> h) {
    Operand<TFloat32> mean = tf.math.mean(tf.identity(h), L1ActivityPenalty.allAxes(tf, h));
    return tf.math.abs(tf.math.sub(mean, tf.constant(target)));
  }
}
