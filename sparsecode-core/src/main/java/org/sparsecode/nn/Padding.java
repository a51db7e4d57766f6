package org.sparsecode.nn;

/** TensorFlow's two padding modes for strided convolutions, with their output-size rules. */
public enum Padding {
  /** Output covers ceil(in / stride) positions; zeros pad the border, any odd one at the end. */
  SAME,
  /** Only positions where the kernel fits entirely inside the input. */
  VALID;

  /**
   * Spatial size of a convolution's output for an input of size {@code in}.
   *
   * @param in input size along one spatial axis, &gt; 0
   * @param kernel kernel size along that axis
   * @param stride stride along that axis
   * @return output size along that axis
   */
  public int convOutputSize(int in, int kernel, int stride) {
    if (this == SAME) {
      return (in + stride - 1) / stride;
    }
    if (in < kernel) {
      throw new IllegalArgumentException(
          "VALID convolution needs input size >= kernel size, got "
              + in
              + " < "
              + kernel
              + "; use SAME padding or a smaller kernel");
    }
    return (in - kernel) / stride + 1;
  }

  /**
   * Spatial size of a transposed convolution's output: the smallest size whose forward convolution
   * has {@code in} positions.
   *
   * @param in input size along one spatial axis, &gt; 0
   * @param kernel kernel size along that axis
   * @param stride stride along that axis
   * @return output size along that axis
   */
  public int transposeOutputSize(int in, int kernel, int stride) {
    return this == SAME ? in * stride : (in - 1) * stride + kernel;
  }
}
