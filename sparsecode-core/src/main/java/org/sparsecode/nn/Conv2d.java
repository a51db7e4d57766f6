package org.sparsecode.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution over NHWC float input, {@code conv2d(x, kernel) + bias}, with a kernel of shape
 * [kernelHeight, kernelWidth, inChannels, outChannels] drawn from N(0, stddev^2) and a constant
 * bias. The same stride is used along height and width. The activation is applied by the caller.
 */
public final class Conv2d implements Layer {
  /**
   * How {@link #apply(Ops, Operand, Algorithm)} computes the convolution; both agree up to float
   * rounding.
   */
  public enum Algorithm {
    /** TensorFlow's conv2d op. */
    DIRECT,
    /**
     * Stride 1 only: one matrix product of the input with every tap's kernel, [batch*H*W x in] x
     * [in x (kh*kw*out)], then the taps' shifted slices summed. It skips conv2d's patch matrix,
     * kh*kw times the input's size, and pays off when out is small: 3.4 times faster forward and
     * backward for 3x3, 200 -> 4 channels on 14x14 maps, batch 100 (the subpixel decoder).
     */
    TAP_PRODUCTS,
    /**
     * The patch matrix, [batch*outH*outW x kh*kw*in], times the kernel as [kh*kw*in x out]: one
     * matrix product forward and one for the kernel gradient. For inputs with few channels (an
     * image), where conv2d's kernels use the vector units poorly. Its input gradient is not built
     * (TensorFlow has none for the patch op): use it where the input needs none.
     */
    PATCH_PRODUCT
  }

  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final int kernelHeight;
  private final int kernelWidth;
  private final int inChannels;
  private final int outChannels;
  private final int stride;
  private final Padding padding;

  private Conv2d(Ops tf, Builder b) {
    checkArguments(
        b.name,
        b.kernelHeight,
        b.kernelWidth,
        b.inChannels,
        b.outChannels,
        b.stride,
        b.padding,
        b.stddev);
    this.kernelHeight = b.kernelHeight;
    this.kernelWidth = b.kernelWidth;
    this.inChannels = b.inChannels;
    this.outChannels = b.outChannels;
    this.stride = b.stride;
    this.padding = b.padding;
    this.kernel =
        tf.withName(b.name + "_kernel")
            .variable(
                Initializers.normal(
                    tf,
                    Shape.of(kernelHeight, kernelWidth, inChannels, outChannels),
                    b.stddev,
                    b.seed,
                    b.stream));
    this.bias =
        b.useBias
            ? tf.withName(b.name + "_bias")
                .variable(Initializers.constant(tf, Shape.of(outChannels), b.biasInit))
            : null;
  }

  /**
   * A builder with defaults: a 3x3 kernel, stride 1, SAME padding, a bias, kernel N(0, 0.1^2),
   * biases 0, seed 0, stream 0.
   *
   * @param name flat prefix of the variables ({@code name_kernel}, {@code name_bias}), no '/'
   * @param inChannels channels of the input, &gt; 0
   * @param outChannels channels of the output, &gt; 0
   * @return a new builder
   */
  public static Builder builder(String name, int inChannels, int outChannels) {
    return new Builder(name, inChannels, outChannels);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    return apply(tf, input, Algorithm.DIRECT);
  }

  /**
   * The convolution computed by {@code algorithm}.
   *
   * @param tf ops of the graph to build into
   * @param input float32 [batch, height, width, inChannels]
   * @param algorithm how to compute it; all give the same values up to rounding
   * @return float32 [batch, outHeight, outWidth, outChannels]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Algorithm algorithm) {
    checkInput(input.shape(), inChannels, "Conv2d");
    Operand<TFloat32> out =
        switch (algorithm) {
          case DIRECT ->
              tf.nn.conv2d(
                  input, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding.name());
          case TAP_PRODUCTS -> tapProducts(tf, input);
          case PATCH_PRODUCT -> patchProduct(tf, input);
        };
    // BiasAdd (not Add) lets TensorFlow's graph optimiser fuse conv, bias and a following ReLU.
    return bias == null ? out : tf.nn.biasAdd(out, bias);
  }

  /** Patches in (row, column, channel) order, the order of the kernel's first three axes. */
  private Operand<TFloat32> patchProduct(Ops tf, Operand<TFloat32> input) {
    Shape shape = input.shape();
    if (shape.get(1) == Shape.UNKNOWN_SIZE || shape.get(2) == Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "Algorithm.PATCH_PRODUCT needs the input's height and width in its shape, got " + shape);
    }
    int outHeight = padding.convOutputSize((int) shape.get(1), kernelHeight, stride);
    int outWidth = padding.convOutputSize((int) shape.get(2), kernelWidth, stride);
    int depth = kernelHeight * kernelWidth * inChannels;
    Operand<TFloat32> patches =
        tf.image.extractImagePatches(
            input,
            List.of(1L, (long) kernelHeight, (long) kernelWidth, 1L),
            List.of(1L, (long) stride, (long) stride, 1L),
            List.of(1L, 1L, 1L, 1L),
            padding.name());
    Operand<TFloat32> product =
        tf.linalg.matMul(
            tf.reshape(patches, tf.constant(new int[] {-1, depth})),
            tf.reshape(kernel, tf.constant(new int[] {depth, outChannels})));
    return tf.reshape(product, tf.constant(new int[] {-1, outHeight, outWidth, outChannels}));
  }

  /** out[y, x] = sum over taps (i, j) of input[y + i - padTop, x + j - padLeft] K[i, j]. */
  private Operand<TFloat32> tapProducts(Ops tf, Operand<TFloat32> input) {
    if (stride != 1) {
      throw new IllegalArgumentException(
          "Algorithm.TAP_PRODUCTS needs stride 1, this layer has stride "
              + stride
              + "; use Algorithm.DIRECT");
    }
    Shape shape = input.shape();
    if (shape.get(1) == Shape.UNKNOWN_SIZE || shape.get(2) == Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "Algorithm.TAP_PRODUCTS needs the input's height and width in its shape, got " + shape);
    }
    int height = (int) shape.get(1);
    int width = (int) shape.get(2);
    int taps = kernelHeight * kernelWidth;
    // [kh, kw, in, out] -> [in, kh * kw * out]: column (i * kw + j) * out + o.
    Operand<TFloat32> tapKernels =
        tf.reshape(
            tf.linalg.transpose(kernel, tf.constant(new int[] {2, 0, 1, 3})),
            tf.constant(new int[] {inChannels, taps * outChannels}));
    Operand<TFloat32> products =
        tf.reshape(
            tf.linalg.matMul(
                tf.reshape(input, tf.constant(new int[] {-1, inChannels})), tapKernels),
            tf.constant(new int[] {-1, height, width, taps * outChannels}));
    int outHeight = padding.convOutputSize(height, kernelHeight, 1);
    int outWidth = padding.convOutputSize(width, kernelWidth, 1);
    int padTop = padding == Padding.SAME ? (kernelHeight - 1) / 2 : 0;
    int padLeft = padding == Padding.SAME ? (kernelWidth - 1) / 2 : 0;
    if (padding == Padding.SAME) {
      // TensorFlow's SAME: the odd one of an even kernel's padding goes after.
      products =
          tf.pad(
              products,
              tf.constant(
                  new int[][] {
                    {0, 0},
                    {padTop, kernelHeight - 1 - padTop},
                    {padLeft, kernelWidth - 1 - padLeft},
                    {0, 0}
                  }),
              tf.constant(0f));
    }
    List<Operand<TFloat32>> shifted = new java.util.ArrayList<>();
    for (int i = 0; i < kernelHeight; i++) {
      for (int j = 0; j < kernelWidth; j++) {
        shifted.add(
            tf.slice(
                products,
                tf.constant(new int[] {0, i, j, (i * kernelWidth + j) * outChannels}),
                tf.constant(new int[] {-1, outHeight, outWidth, outChannels})));
      }
    }
    return shifted.size() == 1 ? shifted.get(0) : tf.math.addN(shifted);
  }

  /**
   * @return the kernel variable, [kernelHeight, kernelWidth, inChannels, outChannels]
   */
  public Variable<TFloat32> kernel() {
    return kernel;
  }

  /**
   * @return the bias variable, [outChannels], or null when built without one
   */
  public Variable<TFloat32> bias() {
    return bias;
  }

  /**
   * @return the stride along height and width
   */
  public int stride() {
    return stride;
  }

  /**
   * @return SAME or VALID
   */
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
          "layer "
              + name
              + " needs a positive kernel size, got "
              + kernelHeight
              + "x"
              + kernelWidth);
    }
    if (inChannels <= 0 || outChannels <= 0) {
      throw new IllegalArgumentException(
          "layer "
              + name
              + " needs positive channel counts, got "
              + inChannels
              + " -> "
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
          layer
              + " expects NHWC input of rank 4, got shape "
              + shape
              + "; reshape to [batch, height, width, channels]");
    }
    if (shape.get(3) != Shape.UNKNOWN_SIZE && shape.get(3) != channels) {
      throw new IllegalArgumentException(
          layer
              + " was built for "
              + channels
              + " input channels but the input has "
              + shape.get(3)
              + " (shape "
              + shape
              + ")");
    }
  }

  /** The settings of a {@link Conv2d} layer. */
  public static final class Builder extends ConvBuilder<Builder> {
    private Builder(String name, int inChannels, int outChannels) {
      super(name, inChannels, outChannels);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Adds the layer's variables to the graph of {@code tf}.
     *
     * @param tf ops of the graph
     * @return the layer
     * @throws IllegalArgumentException naming a setting that is out of range
     */
    public Conv2d build(Ops tf) {
      return new Conv2d(tf, this);
    }
  }
}
