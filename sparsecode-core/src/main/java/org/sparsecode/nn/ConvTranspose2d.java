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
  /**
   * How {@link #apply(Ops, Operand, Algorithm)} computes the transposed convolution; both agree up
   * to float rounding.
   */
  public enum Algorithm {
    /** TensorFlow's conv2d_transpose op (Conv2DBackpropInput). */
    DIRECT,
    /**
     * One matrix product of the input with every tap's kernel, [batch*H*W x in] x [in x
     * (kh*kw*out)], spread onto the stride-upsampled output grid, then the taps' shifted slices
     * summed. Every gradient is then a matrix product or a copy, whose results do not depend on the
     * number of intra-op threads; the kernel gradient of conv2d_transpose (Conv2DBackpropFilter)
     * does.
     */
    TAP_PRODUCTS
  }

  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final int kernelHeight;
  private final int kernelWidth;
  private final int inChannels;
  private final int outChannels;
  private final int stride;
  private final Padding padding;

  private ConvTranspose2d(Ops tf, Builder b) {
    Conv2d.checkArguments(
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
                    Shape.of(kernelHeight, kernelWidth, outChannels, inChannels),
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
   * The transposed convolution computed by {@code algorithm}.
   *
   * @param tf ops of the graph to build into
   * @param input float32 [batch, height, width, inChannels], height and width known
   * @param algorithm how to compute it; both give the same values up to rounding
   * @return float32 [batch, outHeight, outWidth, outChannels]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Algorithm algorithm) {
    Shape shape = input.shape();
    Conv2d.checkInput(shape, inChannels, "ConvTranspose2d");
    if (shape.get(1) == Shape.UNKNOWN_SIZE || shape.get(2) == Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "ConvTranspose2d needs the input height and width known when the graph is built, got "
              + shape
              + "; give the placeholder a static spatial shape");
    }
    int outHeight = padding.transposeOutputSize((int) shape.get(1), kernelHeight, stride);
    int outWidth = padding.transposeOutputSize((int) shape.get(2), kernelWidth, stride);
    Operand<TFloat32> out =
        algorithm == Algorithm.TAP_PRODUCTS
            ? tapProducts(tf, input, outHeight, outWidth)
            : direct(tf, input, outHeight, outWidth);
    return bias == null ? out : tf.math.add(out, bias);
  }

  private Operand<TFloat32> direct(Ops tf, Operand<TFloat32> input, int outHeight, int outWidth) {
    // The op takes the full output shape as a tensor; only the batch size is left to run time.
    Operand<TInt32> batch =
        tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outShape =
        tf.concat(
            List.of(batch, tf.constant(new int[] {outHeight, outWidth, outChannels})),
            tf.constant(0));
    return tf.nn.conv2dBackpropInput(
        outShape, kernel, input, List.of(1L, (long) stride, (long) stride, 1L), padding.name());
  }

  /**
   * out[y * stride + i - padTop, x * stride + j - padLeft] += input[y, x] K[i, j], with the padding
   * of the strided conv2d whose adjoint this is.
   */
  private Operand<TFloat32> tapProducts(
      Ops tf, Operand<TFloat32> input, int outHeight, int outWidth) {
    int height = (int) input.shape().get(1);
    int width = (int) input.shape().get(2);
    int taps = kernelHeight * kernelWidth;
    int channels = taps * outChannels;
    // [kh, kw, out, in] -> [in, kh * kw * out]: column (i * kw + j) * out + o.
    Operand<TFloat32> tapKernels =
        tf.reshape(
            tf.linalg.transpose(kernel, tf.constant(new int[] {3, 0, 1, 2})),
            tf.constant(new int[] {inChannels, channels}));
    Operand<TFloat32> products =
        tf.linalg.matMul(tf.reshape(input, tf.constant(new int[] {-1, inChannels})), tapKernels);
    // Each input position's products land on every stride-th output position: interleave zeros.
    Operand<TFloat32> upsampled =
        tf.reshape(
            tf.pad(
                tf.reshape(products, tf.constant(new int[] {-1, height, 1, width, 1, channels})),
                tf.constant(
                    new int[][] {{0, 0}, {0, 0}, {0, stride - 1}, {0, 0}, {0, stride - 1}, {0, 0}}),
                tf.constant(0f)),
            tf.constant(new int[] {-1, height * stride, width * stride, channels}));
    int padTop = padding == Padding.SAME ? Math.max(kernelHeight - stride, 0) / 2 : 0;
    int padLeft = padding == Padding.SAME ? Math.max(kernelWidth - stride, 0) / 2 : 0;
    // Tap (i, j) is the upsampled grid shifted by (i - padTop, j - padLeft); a margin of the
    // kernel size on every side keeps each shifted window inside.
    Operand<TFloat32> canvas =
        tf.pad(
            upsampled,
            tf.constant(
                new int[][] {
                  {0, 0},
                  {kernelHeight, kernelHeight + Math.max(0, outHeight - height * stride)},
                  {kernelWidth, kernelWidth + Math.max(0, outWidth - width * stride)},
                  {0, 0}
                }),
            tf.constant(0f));
    List<Operand<TFloat32>> shifted = new java.util.ArrayList<>();
    for (int i = 0; i < kernelHeight; i++) {
      for (int j = 0; j < kernelWidth; j++) {
        shifted.add(
            tf.slice(
                canvas,
                tf.constant(
                    new int[] {
                      0,
                      kernelHeight - i + padTop,
                      kernelWidth - j + padLeft,
                      (i * kernelWidth + j) * outChannels
                    }),
                tf.constant(new int[] {-1, outHeight, outWidth, outChannels})));
      }
    }
    return shifted.size() == 1 ? shifted.get(0) : tf.math.addN(shifted);
  }

  /**
   * @return the kernel variable, [kernelHeight, kernelWidth, outChannels, inChannels]
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
   * @return the stride along height and width (the upsampling factor)
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

  /** The settings of a {@link ConvTranspose2d} layer. */
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
    public ConvTranspose2d build(Ops tf) {
      return new ConvTranspose2d(tf, this);
    }
  }
}
