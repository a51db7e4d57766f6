package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Max-norm clipping of a decoder kernel, run after each optimiser step: every slice of the kernel
 * (the elements sharing one index along the axes that are not reduced) is rescaled so that its L2
 * norm is at most {@code maxNorm}; slices already within the bound are left as they are.
 *
 * <p>Which axes to reduce over, for the layers of this package:
 *
 * <ul>
 *   <li>{@link Conv2d} kernel [kh, kw, in, out], one norm per output channel: {@link
 *       #CONV2D_PER_OUTPUT_CHANNEL} = {0, 1, 2}.
 *   <li>{@link ConvTranspose2d} kernel [kh, kw, out, in], one norm per output (image) channel:
 *       {@link #CONV_TRANSPOSE_PER_OUTPUT_CHANNEL} = {0, 1, 3}.
 *   <li>{@link ConvTranspose2d} kernel, one norm per input (code) channel, i.e. per dictionary atom
 *       (the filter one code channel paints into the image): {@link
 *       #CONV_TRANSPOSE_PER_INPUT_CHANNEL} = {0, 1, 2}.
 * </ul>
 *
 * <p>The choice between the last two is a modelling decision: with a single image channel, the
 * per-output-channel form bounds the whole kernel by one norm.
 */
public final class KernelNormClip {
  /** Conv2d kernel [kh, kw, in, out]: one norm per output channel. */
  public static final int[] CONV2D_PER_OUTPUT_CHANNEL = {0, 1, 2};

  /** ConvTranspose2d kernel [kh, kw, out, in]: one norm per output channel. */
  public static final int[] CONV_TRANSPOSE_PER_OUTPUT_CHANNEL = {0, 1, 3};

  /** ConvTranspose2d kernel [kh, kw, out, in]: one norm per input channel (dictionary atom). */
  public static final int[] CONV_TRANSPOSE_PER_INPUT_CHANNEL = {0, 1, 2};

  /** Keeps the division finite for an all-zero slice (whose scaled value is zero anyway). */
  private static final float EPSILON = 1e-12f;

  private KernelNormClip() {}

  /**
   * {@link #clip(Ops, Variable, int[], float)} with {@code maxNorm} = 1.
   *
   * @param tf ops of the graph to build into
   * @param kernel the kernel variable to clip
   * @param reduceAxes the axes of one filter (for example {0, 1, 2} of a [h, w, in, out] kernel)
   * @return the assign op; run it after each train step
   */
  public static Assign<TFloat32> clip(Ops tf, Variable<TFloat32> kernel, int[] reduceAxes) {
    return clip(tf, kernel, reduceAxes, 1f);
  }

  /**
   * An op that assigns {@code kernel * min(1, maxNorm / norm)}, with {@code norm} the L2 norm over
   * {@code reduceAxes} (kept as size-1 dimensions so it broadcasts back onto the kernel).
   *
   * @param tf ops of the graph to build into
   * @param kernel the kernel variable to clip
   * @param reduceAxes the axes of one filter (for example {0, 1, 2} of a [h, w, in, out] kernel)
   * @param maxNorm the largest norm a filter may keep, &gt; 0
   * @return the assign op; run it after each train step
   */
  public static Assign<TFloat32> clip(
      Ops tf, Variable<TFloat32> kernel, int[] reduceAxes, float maxNorm) {
    checkAxes(kernel.shape().numDimensions(), reduceAxes);
    if (!(maxNorm > 0) || Float.isInfinite(maxNorm)) {
      throw new IllegalArgumentException(
          "maxNorm must be a finite number > 0 (1 is the usual bound), got " + maxNorm);
    }
    // Read through an identity: some ops given a variable's reference output directly crash.
    Operand<TFloat32> k = tf.identity(kernel);
    Operand<TFloat32> norm =
        tf.math.sqrt(
            tf.sum(tf.math.mul(k, k), tf.constant(reduceAxes.clone()), Sum.keepDims(true)));
    Operand<TFloat32> scale =
        tf.math.minimum(
            tf.constant(1f),
            tf.math.div(tf.constant(maxNorm), tf.math.maximum(norm, tf.constant(EPSILON))));
    return tf.assign(kernel, tf.math.mul(k, scale));
  }

  private static void checkAxes(int rank, int[] axes) {
    if (rank < 0) {
      throw new IllegalArgumentException("kernel rank must be known to clip its norms");
    }
    if (axes == null || axes.length == 0) {
      throw new IllegalArgumentException(
          "give the axes to reduce over, e.g. KernelNormClip.CONV2D_PER_OUTPUT_CHANNEL");
    }
    boolean[] seen = new boolean[rank];
    for (int a : axes) {
      if (a < 0 || a >= rank || seen[a]) {
        throw new IllegalArgumentException(
            "reduce axes must be distinct and in [0, "
                + rank
                + "), got "
                + java.util.Arrays.toString(axes));
      }
      seen[a] = true;
    }
  }
}
