package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A differentiable function of one float tensor, built into a TensorFlow graph. */
@FunctionalInterface
public interface Layer {
  /**
   * Adds the layer to the graph of {@code tf}.
   *
   * @param tf ops of the graph
   * @param input float32 [batch, ...], the layer's input
   * @return the layer's output
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input);
}
