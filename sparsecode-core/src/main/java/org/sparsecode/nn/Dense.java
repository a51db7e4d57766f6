package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer {@code x W + b} with weights drawn from N(0, stddev^2) and a constant
 * bias, as the documents initialise them. The activation is applied by the caller.
 */
public final class Dense implements Layer {
  private final Variable<TFloat32> weights;
  private final Variable<TFloat32> bias;

  /**
   * @param seed seed of the weight draw
   * @param stream distinguishes this layer's draw from other layers' under the same seed
   */
  public Dense(
      Ops tf, String name, int inputs, int outputs, float stddev, float biasInit, long seed, int stream) {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "layer " + name + " needs positive sizes, got " + inputs + " -> " + outputs);
    }
    // Flat names ("hidden_weights"): the framework's optimizer slots reject names with '/'.
    this.weights =
        tf.withName(name + "_weights").variable(
            Initializers.normal(tf, Shape.of(inputs, outputs), stddev, seed, stream));
    this.bias =
        tf.withName(name + "_bias").variable(Initializers.constant(tf, Shape.of(outputs), biasInit));
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    return tf.math.add(tf.linalg.matMul(input, weights), bias);
  }

  public Variable<TFloat32> weights() {
    return weights;
  }

  public Variable<TFloat32> bias() {
    return bias;
  }
}
