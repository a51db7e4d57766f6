package org.sparsecode.nn;

/**
 * The settings that {@link Conv2d} and {@link ConvTranspose2d} share, with their defaults: a 3x3
 * kernel, stride 1, SAME padding, a bias starting at 0, kernel weights drawn with standard
 * deviation 0.1 from seed 0, stream 0.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class ConvBuilder<B extends ConvBuilder<B>> {
  final String name;
  final int inChannels;
  final int outChannels;
  int kernelHeight = 3;
  int kernelWidth = 3;
  int stride = 1;
  Padding padding = Padding.SAME;
  boolean useBias = true;
  float stddev = 0.1f;
  float biasInit = 0f;
  long seed;
  int stream;

  ConvBuilder(String name, int inChannels, int outChannels) {
    this.name = name;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
  }

  /**
   * @return this builder, as its concrete type
   */
  abstract B self();

  /**
   * @param size kernel height and width, &gt; 0
   * @return this builder
   */
  public B kernel(int size) {
    return kernel(size, size);
  }

  /**
   * @param height kernel height, &gt; 0
   * @param width kernel width, &gt; 0
   * @return this builder
   */
  public B kernel(int height, int width) {
    this.kernelHeight = height;
    this.kernelWidth = width;
    return self();
  }

  /**
   * @param stride the same stride along height and width, &gt;= 1
   * @return this builder
   */
  public B stride(int stride) {
    this.stride = stride;
    return self();
  }

  /**
   * @param padding SAME or VALID, as TensorFlow's
   * @return this builder
   */
  public B padding(Padding padding) {
    this.padding = padding;
    return self();
  }

  /**
   * @param useBias whether to add a bias; without one the layer's bias() is null
   * @return this builder
   */
  public B useBias(boolean useBias) {
    this.useBias = useBias;
    return self();
  }

  /**
   * @param stddev standard deviation of the normal kernel draw, finite and &gt;= 0
   * @return this builder
   */
  public B stddev(float stddev) {
    this.stddev = stddev;
    return self();
  }

  /**
   * @param biasInit the value every bias starts at
   * @return this builder
   */
  public B biasInit(float biasInit) {
    this.biasInit = biasInit;
    return self();
  }

  /**
   * @param seed seed of the kernel draw
   * @param stream distinguishes this layer's draw from other layers' under the same seed
   * @return this builder
   */
  public B seed(long seed, int stream) {
    this.seed = seed;
    this.stream = stream;
    return self();
  }
}
