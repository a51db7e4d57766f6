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

  /**
   * @param lambda weight of the penalty, finite and &gt;= 0
   */
  public L1ActivityPenalty(float lambda) {
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got "
              + lambda
              + "; use 0 to switch the penalty off");
    }
    this.lambda = lambda;
  }

  /**
   * @return weight of the penalty
   */
  public float lambda() {
    return lambda;
  }

  /**
   * The penalty as a scalar.
   *
   * @param tf ops of the graph
   * @param activations float32 [batch, ...] of any rank &gt;= 1
   * @return {@code lambda * sum |activations|}, a float32 scalar
   */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> activations) {
    checkBatch(activations);
    return scaled(tf, tf.math.abs(activations));
  }

  /**
   * The same penalty for activations that are never negative (ReLU outputs): their plain sum,
   * without the abs op and its gradient, two passes over the activations fewer per step. The value
   * is the same, and so is the gradient through the ReLU: abs' and 1 differ only at 0, where the
   * ReLU's gradient is 0. With lambda 0 no penalty op is built at all.
   *
   * @param tf ops of the graph to build into
   * @param activations float32 values &gt;= 0, any rank (not checked)
   * @return the weighted sum, a float32 scalar
   */
  public Operand<TFloat32> callOnNonNegative(Ops tf, Operand<TFloat32> activations) {
    checkBatch(activations);
    return lambda == 0 ? tf.constant(0f) : scaled(tf, activations);
  }

  /**
   * As {@link #callOnNonNegative}, summed in two steps: each example's activations, then the
   * batch's sums. TensorFlow splits one sum over all of a large tensor (millions of entries) into
   * parts by the number of intra-op threads, so its rounding depends on it; a sum per example and
   * one over the batch do not. The value may differ from {@link #callOnNonNegative} in the last
   * bits; the gradient is the same.
   *
   * @param tf ops of the graph to build into
   * @param activations float32 values &gt;= 0, [batch, ...] of rank &gt;= 2 known when the graph is
   *     built
   * @return the weighted sum, a float32 scalar
   */
  public Operand<TFloat32> callOnNonNegativePerExample(Ops tf, Operand<TFloat32> activations) {
    checkBatch(activations);
    int rank = activations.shape().numDimensions();
    if (activations.shape().isUnknown() || rank < 2) {
      throw new IllegalArgumentException(
          "callOnNonNegativePerExample needs activations [batch, ...] of known rank >= 2, got shape "
              + activations.shape()
              + "; use callOnNonNegative");
    }
    if (lambda == 0) {
      return tf.constant(0f);
    }
    int[] unitAxes = new int[rank - 1];
    for (int i = 0; i < unitAxes.length; i++) {
      unitAxes[i] = i + 1;
    }
    Operand<TFloat32> perExample = tf.reduceSum(activations, tf.constant(unitAxes));
    return tf.math.mul(tf.constant(lambda), tf.reduceSum(perExample, tf.constant(0)));
  }

  private static void checkBatch(Operand<TFloat32> activations) {
    if (!activations.shape().isUnknown() && activations.shape().numDimensions() == 0) {
      throw new IllegalArgumentException(
          "L1ActivityPenalty takes a batch of activations [batch, ...], got a scalar; pass the layer's"
              + " output, not its sum");
    }
  }

  private Operand<TFloat32> scaled(Ops tf, Operand<TFloat32> magnitudes) {
    return tf.math.mul(tf.constant(lambda), tf.reduceSum(magnitudes, allAxes(tf, magnitudes)));
  }

  static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }
}
