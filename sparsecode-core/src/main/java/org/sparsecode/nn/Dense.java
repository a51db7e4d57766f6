package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer {@code x W + b} on float32 input [batch, inputs], giving [batch,
 * outputs], with weights W [inputs, outputs] drawn from N(0, stddev^2) and a constant bias, as the
 * documents initialise them. The activation is applied by the caller. Made by {@link #builder}:
 *
 * <pre>{@code
 * Dense hidden = Dense.builder("hidden", 784, 784).stddev(0.1f).biasInit(0.1f).seed(1, 1).build(tf);
 * }</pre>
 */
public final class Dense implements Layer {
  private final Variable<TFloat32> weights;
  private final Variable<TFloat32> bias;

  private Dense(Ops tf, Builder b) {
    if (b.inputs <= 0 || b.outputs <= 0) {
      throw new IllegalArgumentException(
          "layer " + b.name + " needs positive sizes, got " + b.inputs + " -> " + b.outputs);
    }
    if (b.name == null || b.name.isEmpty() || b.name.contains("/")) {
      throw new IllegalArgumentException(
          "layer name must be non-empty and flat (no '/'), e.g. \"hidden\"; got " + b.name);
    }
    if (!(b.stddev >= 0) || Float.isInfinite(b.stddev)) {
      throw new IllegalArgumentException(
          "layer " + b.name + " needs a finite stddev >= 0 for its weight init, got " + b.stddev);
    }
    // Flat names ("hidden_weights"): the framework's optimizer slots reject names with '/'.
    this.weights =
        tf.withName(b.name + "_weights")
            .variable(
                Initializers.normal(tf, Shape.of(b.inputs, b.outputs), b.stddev, b.seed, b.stream));
    this.bias =
        tf.withName(b.name + "_bias")
            .variable(Initializers.constant(tf, Shape.of(b.outputs), b.biasInit));
  }

  /**
   * A builder with defaults: weights N(0, 0.1^2), biases 0, seed 0, stream 0.
   *
   * @param name flat prefix of the variables ({@code name_weights}, {@code name_bias}), no '/'
   * @param inputs input width, &gt; 0
   * @param outputs output width, &gt; 0
   * @return a new builder
   */
  public static Builder builder(String name, int inputs, int outputs) {
    return new Builder(name, inputs, outputs);
  }

  /**
   * @param tf ops of the graph
   * @param input float32 [batch, inputs]
   * @return {@code input W + b}, float32 [batch, outputs]
   */
  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    return tf.math.add(tf.linalg.matMul(input, weights), bias);
  }

  /**
   * @return the weights, [inputs, outputs]
   */
  public Variable<TFloat32> weights() {
    return weights;
  }

  /**
   * @return the bias, [outputs]
   */
  public Variable<TFloat32> bias() {
    return bias;
  }

  /** The settings of a {@link Dense} layer. */
  public static final class Builder {
    private final String name;
    private final int inputs;
    private final int outputs;
    private float stddev = 0.1f;
    private float biasInit = 0f;
    private long seed;
    private int stream;

    private Builder(String name, int inputs, int outputs) {
      this.name = name;
      this.inputs = inputs;
      this.outputs = outputs;
    }

    /**
     * @param stddev standard deviation of the normal weight draw, finite and &gt;= 0 (0: zero
     *     weights)
     * @return this builder
     */
    public Builder stddev(float stddev) {
      this.stddev = stddev;
      return this;
    }

    /**
     * @param biasInit the value every bias starts at
     * @return this builder
     */
    public Builder biasInit(float biasInit) {
      this.biasInit = biasInit;
      return this;
    }

    /**
     * @param seed seed of the weight draw
     * @param stream distinguishes this layer's draw from other layers' under the same seed
     * @return this builder
     */
    public Builder seed(long seed, int stream) {
      this.seed = seed;
      this.stream = stream;
      return this;
    }

    /**
     * Adds the layer's variables to the graph of {@code tf}.
     *
     * @param tf ops of the graph
     * @return the layer
     */
    public Dense build(Ops tf) {
      return new Dense(tf, this);
    }
  }
}
