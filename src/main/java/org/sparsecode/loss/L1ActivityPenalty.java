package org.sparsecode.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The blog's sparsity penalty: {@code lambda * sum of all activations of the batch} (a sum over
 * batch and units, not a mean). On post-ReLU activations this is their L1 norm.
 */
public final class L1ActivityPenalty {
  private final float lambda;

  public L1ActivityPenalty(float lambda) {
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + lambda + "; use 0 to switch the penalty off");
    }
    this.lambda = lambda;
  }

  public float lambda() {
    return lambda;
  }

  /** The penalty as a scalar; {@code activations} may have any rank. */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> activations) {
    Operand<TFloat32> sum = tf.reduceSum(tf.math.abs(activations), allAxes(tf, activations));
    return tf.math.mul(tf.constant(lambda), sum);
  }

  static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }
}
