package org.sparsecode.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Doc 001's One-vs-Rest loss on a batch of hidden activations {@code H} (B x K, rows = samples):
 * {@code lambda * sum_{i,j} Hn_i . Hn_j = lambda * ||sum_i Hn_i||^2} with the rows normalised as
 * {@code Hn_i = H_i / (||H_i||_2 + epsilon)}. Without zero rows this is {@code lambda * (B + sum
 * over i != j of the cosine similarity of rows i and j)}: it penalises overlapping codes.
 *
 * <p>An all-zero row normalises to a zero row (the epsilon) and adds nothing; the row norm is built
 * so that its gradient there is finite (see {@link #rowNorms}).
 */
public final class OvrLoss {
  /** The epsilon used when none is given: far below any row norm that matters in float32. */
  public static final float DEFAULT_EPSILON = 1e-8f;

  private final float lambda;
  private final float epsilon;

  /**
   * The loss with the default epsilon.
   *
   * @param lambda weight of the loss, finite and &gt;= 0 (0 switches it off)
   */
  public OvrLoss(float lambda) {
    this(lambda, DEFAULT_EPSILON);
  }

  /**
   * @param lambda weight of the loss, finite and &gt;= 0 (0 switches it off)
   * @param epsilon added to each row norm, finite and &gt; 0
   */
  public OvrLoss(float lambda, float epsilon) {
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0, got " + lambda + "; use 0 to switch the loss off");
    }
    if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "epsilon must be a finite number > 0, got "
              + epsilon
              + "; use a small one such as "
              + DEFAULT_EPSILON
              + " (it guards all-zero rows)");
    }
    this.lambda = lambda;
    this.epsilon = epsilon;
  }

  /**
   * @return the weight of the loss
   */
  public float lambda() {
    return lambda;
  }

  /**
   * @return the epsilon added to each row norm
   */
  public float epsilon() {
    return epsilon;
  }

  /**
   * The explicit gradient of this loss with respect to {@code H}.
   *
   * @return the closed-form gradient at this loss's lambda
   */
  public OvrUpdateRule updateRule() {
    return new OvrUpdateRule(lambda, epsilon);
  }

  /**
   * The loss as a scalar.
   *
   * @param tf ops of the graph
   * @param h the codes, float32 [batch, units]: rows are examples
   * @return {@code lambda * ||sum_i Hn_i||^2}, a float32 scalar
   * @throws IllegalArgumentException if {@code h} is known not to be a matrix
   */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> h) {
    checkMatrix(h, "OvrLoss");
    // Identity: the C++ gradients of Square/Mul crash on a variable's reference output.
    h = tf.identity(h);
    Operand<TFloat32> normalised =
        tf.math.div(h, tf.math.add(rowNorms(tf, h), tf.constant(epsilon)));
    Operand<TFloat32> s = tf.reduceSum(normalised, tf.constant(0));
    Operand<TFloat32> squaredNorm = tf.reduceSum(tf.math.square(s), tf.constant(0));
    return tf.math.mul(tf.constant(lambda), squaredNorm);
  }

  /**
   * Fails at graph-build time, with the fix, when {@code h} is known not to be a [batch, units]
   * matrix: the loss would otherwise silently treat a feature map's rows as examples.
   */
  static void checkMatrix(Operand<TFloat32> h, String who) {
    org.tensorflow.ndarray.Shape shape = h.shape();
    if (!shape.isUnknown() && shape.numDimensions() != 2) {
      throw new IllegalArgumentException(
          who
              + " takes codes of shape [batch, units], got rank "
              + shape.numDimensions()
              + " "
              + shape
              + "; flatten each example first, e.g. tf.reshape(h, tf.constant(new int[] {-1, units}))");
    }
  }

  /**
   * The L2 norm of each row as a B x 1 column. sqrt'(0) is infinite: on a zero row a plain sqrt's
   * gradient is 0 * inf, finite only because TF 2.18's SqrtGrad special-cases a zero incoming
   * gradient. Taking the sqrt of 1 there and selecting 0 makes it exactly 0 without relying on
   * that.
   */
  static Operand<TFloat32> rowNorms(Ops tf, Operand<TFloat32> h) {
    Operand<TFloat32> squares =
        tf.reduceSum(tf.math.square(h), tf.constant(1), ReduceSum.keepDims(true));
    Operand<TBool> nonZero = tf.math.greater(squares, tf.constant(0f));
    Operand<TFloat32> safe = tf.select(nonZero, squares, tf.constant(1f));
    return tf.select(nonZero, tf.math.sqrt(safe), tf.constant(0f));
  }
}
