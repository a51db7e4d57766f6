package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The periodic (sub-pixel) shuffle: rearranges NHWC input [N, H, W, r*r*C] into [N, r*H, r*W, C]
 * without variables. Built from reshape and transpose, both differentiable in TensorFlow, for any
 * {@code r >= 1} (depth_to_space itself refuses r = 1). Height, width and channels must be known
 * when the graph is built; the batch size may be unknown.
 */
public final class SubpixelShuffle implements Layer {

  /** Which input channel feeds output pixel (h*r + i, w*r + j), channel c. */
  public enum Order {
    /** TensorFlow's depth_to_space: channel (i*r + j)*C + c, i = row phase, j = column phase. */
    DEPTH_TO_SPACE,
    /**
     * The blog's order, with row and column phase swapped: channel (j*r + i)*C + c. For C = 1 and r
     * = 2 this is out[h, w] = in[h/2, w/2, (w%2)*2 + (h%2)].
     */
    PHASE_SHIFT
  }

  private final int r;
  private final Order order;

  /**
   * A shuffle in TensorFlow's depth_to_space order.
   *
   * @param r the upscale factor, &gt;= 1
   */
  public SubpixelShuffle(int r) {
    this(r, Order.DEPTH_TO_SPACE);
  }

  /**
   * @param r the upsampling factor, &gt;= 1
   * @param order the order of the r*r channels
   */
  public SubpixelShuffle(int r, Order order) {
    checkFactor(r);
    if (order == null) {
      throw new IllegalArgumentException(
          "shuffle order must be Order.DEPTH_TO_SPACE or Order.PHASE_SHIFT, got null");
    }
    this.r = r;
    this.order = order;
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    return shuffle(tf, input, r, order);
  }

  /**
   * The inverse rearrangement (space to depth in the same order), as a layer.
   *
   * @return a layer from [N, r*H, r*W, C] to [N, H, W, r*r*C]
   */
  public Layer inverse() {
    return (tf, x) -> unshuffle(tf, x, r, order);
  }

  /**
   * @return the upsampling factor r
   */
  public int factor() {
    return r;
  }

  /**
   * @return the order of the r*r channels
   */
  public Order order() {
    return order;
  }

  /**
   * [N, H, W, r*r*C] to [N, r*H, r*W, C].
   *
   * @param tf ops of the graph to build into
   * @param x float32 [N, H, W, r*r*C]
   * @param r the upscale factor, &gt;= 1
   * @param order how the r*r*C channels map to the r x r blocks
   * @return float32 [N, r*H, r*W, C]
   */
  public static Operand<TFloat32> shuffle(Ops tf, Operand<TFloat32> x, int r, Order order) {
    checkFactor(r);
    Shape s = staticShape(x, "shuffle");
    long h = s.get(1), w = s.get(2), depth = s.get(3);
    if (depth % ((long) r * r) != 0) {
      throw new IllegalArgumentException(
          "shuffle by r = "
              + r
              + " needs channels divisible by r*r = "
              + (r * r)
              + ", got "
              + depth
              + "; change the previous layer's channel count");
    }
    long c = depth / ((long) r * r);
    // Split the channel axis into its two phases and C; which phase is the row one is the order.
    Operand<TFloat32> split = tf.reshape(x, dims(tf, -1, h, w, r, r, c));
    // Axes are (n, h, w, i, j, c) for DEPTH_TO_SPACE, (n, h, w, j, i, c) for PHASE_SHIFT;
    // the target is (n, h, i, w, j, c).
    int[] perm =
        order == Order.DEPTH_TO_SPACE ? new int[] {0, 1, 3, 2, 4, 5} : new int[] {0, 1, 4, 2, 3, 5};
    return tf.reshape(tf.linalg.transpose(split, tf.constant(perm)), dims(tf, -1, h * r, w * r, c));
  }

  /**
   * [N, r*H, r*W, C] to [N, H, W, r*r*C]: the inverse of {@link #shuffle} in the same order.
   *
   * @param tf ops of the graph to build into
   * @param x float32 [N, r*H, r*W, C]
   * @param r the downscale factor, &gt;= 1
   * @param order how the r*r*C channels map to the r x r blocks
   * @return float32 [N, H, W, r*r*C]
   */
  public static Operand<TFloat32> unshuffle(Ops tf, Operand<TFloat32> x, int r, Order order) {
    checkFactor(r);
    Shape s = staticShape(x, "unshuffle");
    long rh = s.get(1), rw = s.get(2), c = s.get(3);
    if (rh % r != 0 || rw % r != 0) {
      throw new IllegalArgumentException(
          "unshuffle by r = "
              + r
              + " needs height and width divisible by r, got "
              + rh
              + "x"
              + rw
              + "; crop or pad the input");
    }
    long h = rh / r, w = rw / r;
    // Axes (n, h, i, w, j, c), brought back to the channel layout of the order.
    Operand<TFloat32> split = tf.reshape(x, dims(tf, -1, h, r, w, r, c));
    int[] perm =
        order == Order.DEPTH_TO_SPACE ? new int[] {0, 1, 3, 2, 4, 5} : new int[] {0, 1, 3, 4, 2, 5};
    return tf.reshape(
        tf.linalg.transpose(split, tf.constant(perm)), dims(tf, -1, h, w, (long) r * r * c));
  }

  private static void checkFactor(int r) {
    if (r < 1) {
      throw new IllegalArgumentException("shuffle factor r must be >= 1 (1 = identity), got " + r);
    }
  }

  private static Shape staticShape(Operand<TFloat32> x, String what) {
    Shape s = x.shape();
    if (s.isUnknown() || s.numDimensions() != 4) {
      throw new IllegalArgumentException(what + " expects NHWC input of rank 4, got shape " + s);
    }
    for (int d = 1; d < 4; d++) {
      if (s.get(d) == Shape.UNKNOWN_SIZE) {
        throw new IllegalArgumentException(
            what + " needs height, width and channels known when the graph is built, got " + s);
      }
    }
    return s;
  }

  private static Operand<TInt64> dims(Ops tf, long... sizes) {
    return tf.constant(sizes);
  }
}
