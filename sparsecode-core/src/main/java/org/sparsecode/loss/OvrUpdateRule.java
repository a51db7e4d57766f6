package org.sparsecode.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Doc 001's "local rule" of the OVR-Encoder, written out: the gradient of {@link OvrLoss} with
 * respect to the activations {@code H}, in closed form. It equals what autodiff gives (the tests
 * check it), so training with autodiff already is this rule; it exists to make the rule explicit.
 *
 * <p>Derivation. Let {@code r_i = ||H_i||}, {@code n_i = r_i + eps}, {@code Hn_i = H_i / n_i},
 * {@code S = sum_i Hn_i} and {@code OVR = lambda ||S||^2}.
 *
 * <ol>
 *   <li>{@code dOVR/dHn_i = 2 lambda S} for every row i (each Hn_i enters S once).
 *   <li>{@code dHn_i/dH_i = I / n_i - H_i (dr_i/dH_i)^T / n_i^2} with {@code dr_i/dH_i = H_i /
 *       r_i}.
 *   <li>So {@code dOVR/dH_i = 2 lambda / n_i * (S - (H_i . S) H_i / (r_i n_i))} {@code = 2 lambda /
 *       n_i * (S - (Hn_i . S) H_i / r_i)}: S minus its part along H_i.
 *   <li>A zero row (r_i = 0): {@code Hn_i = H_i / (r_i + eps)} is differentiable at 0 with Jacobian
 *       {@code I / eps} (the {@code r_i} term is second order), so the gradient is {@code 2 lambda
 *       S / eps}, the limit of step 3 (its second term has a factor H_i and vanishes); it is large,
 *       but behind a ReLU a zero row passes no gradient on.
 * </ol>
 *
 * <p>Since S includes Hn_i, the "rest of the batch" reading is: descending moves H_i against the
 * component of {@code S - Hn_i} (the sum of the other rows' normalised codes) orthogonal to H_i;
 * the Hn_i part of S is parallel to H_i and cancels in step 3 when eps = 0.
 */
public final class OvrUpdateRule {
  private final float lambda;
  private final float epsilon;

  /**
   * @param lambda weight of the loss, finite and &gt;= 0
   * @param epsilon added to each row norm, finite and &gt; 0
   */
  public OvrUpdateRule(float lambda, float epsilon) {
    new OvrLoss(lambda, epsilon); // same argument checks and messages
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
   * dOVR/dH in closed form.
   *
   * @param tf ops of the graph
   * @param h the codes, float32 [batch, units]
   * @return the gradient, float32 [batch, units]
   * @throws IllegalArgumentException if {@code h} is known not to be a matrix
   */
  public Operand<TFloat32> gradient(Ops tf, Operand<TFloat32> h) {
    OvrLoss.checkMatrix(h, "OvrUpdateRule");
    h = tf.identity(h);
    Operand<TFloat32> r = OvrLoss.rowNorms(tf, h);
    Operand<TFloat32> n = tf.math.add(r, tf.constant(epsilon));
    Operand<TFloat32> hn = tf.math.div(h, n);
    Operand<TFloat32> s = tf.reduceSum(hn, tf.constant(0), ReduceSum.keepDims(true));
    Operand<TFloat32> dot =
        tf.reduceSum(tf.math.mul(hn, s), tf.constant(1), ReduceSum.keepDims(true));
    // On a zero row dot and H_i are 0: any non-zero divisor gives the limit (second term 0).
    Operand<TFloat32> safeR = tf.select(tf.math.greater(r, tf.constant(0f)), r, tf.constant(1f));
    Operand<TFloat32> inner = tf.math.sub(s, tf.math.mul(tf.math.div(dot, safeR), h));
    return tf.math.mul(tf.constant(2 * lambda), tf.math.div(inner, n));
  }

  /**
   * dOVR/dH in double precision, {@code h[i]} being row i; a plain reference for the op.
   *
   * @param h the codes, [batch][units]
   * @return dOVR/dH, [batch][units]
   */
  public double[][] gradient(double[][] h) {
    int rows = h.length;
    int k = rows == 0 ? 0 : h[0].length;
    double[] r = new double[rows];
    double[][] hn = new double[rows][k];
    double[] s = new double[k];
    for (int i = 0; i < rows; i++) {
      if (h[i].length != k) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " has "
                + h[i].length
                + " entries, row 0 has "
                + k
                + "; pass a B x K matrix");
      }
      double squares = 0;
      for (double v : h[i]) {
        squares += v * v;
      }
      r[i] = Math.sqrt(squares);
      for (int j = 0; j < k; j++) {
        hn[i][j] = h[i][j] / (r[i] + epsilon);
        s[j] += hn[i][j];
      }
    }
    double[][] out = new double[rows][k];
    for (int i = 0; i < rows; i++) {
      double n = r[i] + epsilon;
      double dot = 0;
      for (int j = 0; j < k; j++) {
        dot += hn[i][j] * s[j];
      }
      double coef = r[i] > 0 ? dot / r[i] : 0;
      for (int j = 0; j < k; j++) {
        out[i][j] = 2 * lambda * (s[j] - coef * h[i][j]) / n;
      }
    }
    return out;
  }
}
