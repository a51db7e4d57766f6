package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Initial values built from TensorFlow's stateless random ops: the same seed gives the same numbers
 * whatever the thread count, and the graph holds no large constants.
 */
public final class Initializers {
  private Initializers() {}

  /**
   * N(0, stddev^2) values of the given shape; {@code stream} separates tensors under one seed.
   *
   * @param tf ops of the graph to build into
   * @param shape the tensor's shape
   * @param stddev the standard deviation, &gt; 0
   * @param seed the seed; the same seed and stream give the same values
   * @param stream separates tensors drawn under one seed
   * @return a float32 op in the graph's init scope
   */
  public static Operand<TFloat32> normal(Ops tf, Shape shape, float stddev, long seed, int stream) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> unit =
        init.random.statelessRandomNormal(
            init.constant(shape.asArray()), init.constant(new long[] {seed, stream}));
    return init.math.mul(unit, init.constant(stddev));
  }

  /**
   * A tensor of the given shape filled with {@code value}.
   *
   * @param tf ops of the graph to build into
   * @param shape the tensor's shape
   * @param value every entry's value
   * @return a float32 op
   */
  public static Operand<TFloat32> constant(Ops tf, Shape shape, float value) {
    Ops init = tf.withInitScope();
    return init.fill(init.constant(shape.asArray()), init.constant(value));
  }
}
