package org.sparsecode.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A transposed 2-D convolution over NHWC float input (TensorFlow's conv2d_transpose, the op
 * Conv2DBackpropInput): the adjoint of a strided {@link Conv2d} with the same kernel, so it
 * upsamples by the stride. The kernel has TensorFlow's conv2d_transpose layout [kernelHeight,
 * kernelWidth, outChannels, inChannels], drawn from N(0, stddev^2); the bias is constant.
 *
 * <p>Output height (likewise width): SAME gives {@code in * stride}, VALID gives {@code (in - 1) *
 * stride + kernelHeight}. Input height and width must be known when the graph is built; the batch
 * size may be unknown.
 */
public final class ConvTranspose2d implements Layer {
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final int kernelHeight;
  private final int kernelWidth;
  private final int inChannels;
  private final int outChannels;
  private final int stride;
  private final Padding padding;

  /**
   * @param name flat name prefix of the variables ({@code name_kernel}, {@code name_bias})
   * @param useBias whether to add a bias; without one {@link #bias()} is null
   * @param seed seed of the kernel draw
   * @param stream distinguishes this layer's draw from other layers' under the same seed
   */
  public ConvTranspose2d(
      Ops tf,
      String name,
      int kernelHeight,
      int kernelWidth,
      int inChannels,
      int outChannels,
      int stride,
      Padding padding,
      boolean useBias,
      float stddev,
      float biasInit,
      long seed,
      int stream) {
    Conv2d.checkArguments(
        name, kernelHeight, kernelWidth, inChannels, outChannels, stride, padding, stddev);
    this.kernelHeight = kernelHeight;
    this.kernelWidth = kernelWidth;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.stride = stride;
    this.padding = padding;
    this.kernel =
        tf.withName(name + "_kernel").variable(
            Initializers.normal(
                tf, Shape.of(kernelHeight, kernelWidth, outChannels, inChannels), stddev, seed,
                stream));
    this.bias =
        useBias
            ? tf.withName(name + "_bias").variable(
                Initializers.constant(tf, Shape.of(outChannels), biasInit))
            : null;
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    Shape shape = input.shape();
    Conv2d.checkInput(shape, inChannels, "ConvTranspose2d");
    if (shape.get(1) == Shape.UNKNOWN_SIZE || shape.get(2) == Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "ConvTranspose2d needs the input height and width known when the graph is built, got "
              + shape + "; give the placeholder a static spatial shape");
    }
    int outHeight = padding.transposeOutputSize((int) shape.get(1), kernelHeight, stride);
    int outWidth = padding.transposeOutputSize((int) shape.get(2), kernelWidth, stride);
    // The op takes the full output shape as a tensor; only the batch size is left to run time.
    Operand<TInt32> batch =
        tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outShape =
        tf.concat(
            List.of(batch, tf.constant(new int[] {outHeight, outWidth, outChannels})),
            tf.constant(0));
    Operand<TFloat32> out =
        tf.nn.conv2dBackpropInput(
            outShape, kernel, input, List.of(1L, (long) stride, (long) stride, 1L),
            padding.name());
    return bias == null ? out : tf.math.add(out, bias);
  }

  /** Kernel of shape [kernelHeight, kernelWidth, outChannels, inChannels]. */
  public Variable<TFloat32> kernel() {
    return kernel;
  }

  /** Bias of shape [outChannels], or null when built without one. */
  public Variable<TFloat32> bias() {
    return bias;
  }

  public int stride() {
    return stride;
  }

  public Padding padding() {
    return padding;
  }
}
