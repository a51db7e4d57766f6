package org.sparsecode.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution over NHWC float input, {@code conv2d(x, kernel) + bias}, with a kernel of
 * shape [kernelHeight, kernelWidth, inChannels, outChannels] drawn from N(0, stddev^2) and a
 * constant bias. The same stride is used along height and width. The activation is applied by the
 * caller.
 */
public final class Conv2d implements Layer {
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final int inChannels;
  private final int stride;
  private final Padding padding;

  /**
   * @param name flat name prefix of the variables ({@code name_kernel}, {@code name_bias})
   * @param useBias whether to add a bias; without one {@link #bias()} is null
   * @param seed seed of the kernel draw
   * @param stream distinguishes this layer's draw from other layers' under the same seed
   */
  public Conv2d(
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
    checkArguments(
        name, kernelHeight, kernelWidth, inChannels, outChannels, stride, padding, stddev);
    this.inChannels = inChannels;
    this.stride = stride;
    this.padding = padding;
    this.kernel =
        tf.withName(name + "_kernel").variable(
            Initializers.normal(
                tf, Shape.of(kernelHeight, kernelWidth, inChannels, outChannels), stddev, seed,
                stream));
    this.bias =
        useBias
            ? tf.withName(name + "_bias").variable(
                Initializers.constant(tf, Shape.of(outChannels), biasInit))
            : null;
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    checkInput(input.shape(), inChannels, "Conv2d");
    Operand<TFloat32> out =
        tf.nn.conv2d(input, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding.name());
    return bias == null ? out : tf.math.add(out, bias);
  }

  /** Kernel of shape [kernelHeight, kernelWidth, inChannels, outChannels]. */
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

  static void checkArguments(
      String name,
      int kernelHeight,
      int kernelWidth,
      int inChannels,
      int outChannels,
      int stride,
      Padding padding,
      float stddev) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      // The framework's optimizer slots reject names with '/'.
      throw new IllegalArgumentException(
          "layer name must be non-empty and flat (no '/'), e.g. \"enc1\"; got " + name);
    }
    if (kernelHeight <= 0 || kernelWidth <= 0) {
      throw new IllegalArgumentException(
          "layer " + name + " needs a positive kernel size, got " + kernelHeight + "x"
              + kernelWidth);
    }
    if (inChannels <= 0 || outChannels <= 0) {
      throw new IllegalArgumentException(
          "layer " + name + " needs positive channel counts, got " + inChannels + " -> "
              + outChannels);
    }
    if (stride <= 0) {
      throw new IllegalArgumentException(
          "layer " + name + " needs stride >= 1 (1 = no downsampling), got " + stride);
    }
    if (padding == null) {
      throw new IllegalArgumentException(
          "layer " + name + " needs a padding: Padding.SAME or Padding.VALID");
    }
    if (!(stddev >= 0) || Float.isInfinite(stddev)) {
      throw new IllegalArgumentException(
          "layer " + name + " needs a finite stddev >= 0 for its kernel init, got " + stddev);
    }
  }

  /** Fails early, with the fix, on input that TensorFlow would reject with a less clear message. */
  static void checkInput(Shape shape, int channels, String layer) {
    if (shape.isUnknown() || shape.numDimensions() != 4) {
      throw new IllegalArgumentException(
          layer + " expects NHWC input of rank 4, got shape " + shape
              + "; reshape to [batch, height, width, channels]");
    }
    if (shape.get(3) != Shape.UNKNOWN_SIZE && shape.get(3) != channels) {
      throw new IllegalArgumentException(
          layer + " was built for " + channels + " input channels but the input has "
              + shape.get(3) + " (shape " + shape + ")");
    }
  }
}
