package org.sparsecode.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout, for training graphs only: each value is zeroed with probability {@code rate}
 * and the others are divided by {@code 1 - rate}, so that every value keeps its expectation and the
 * evaluation graph uses the layer's input unchanged (it simply does not apply this layer).
 *
 * <p>The mask comes from a uniform draw u per value: a value is kept where {@code u >= rate}, as
 * TensorFlow's own dropout does. The draw is seeded (seed and stream), so a run repeats exactly;
 * each session run that reaches the layer draws a fresh mask.
 */
public final class Dropout implements Layer {
  private final float rate;
  private final long seed;
  private final int stream;

  /**
   * @param rate probability of dropping a value, 0 &lt; rate &lt; 1
   * @param seed the seed of the draws (with {@code stream}, they differ from step to step but
   *     repeat from run to run)
   * @param stream distinguishes this draw from other seeded draws under the same seed; >= 1
   */
  public Dropout(float rate, long seed, int stream) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "dropout rate must be > 0 and < 1 (the probability of dropping a unit), got "
              + rate
              + "; 0.5 is the usual choice for hidden layers");
    }
    if (stream < 1) {
      throw new IllegalArgumentException("stream must be >= 1, got " + stream);
    }
    this.rate = rate;
    this.seed = seed;
    this.stream = stream;
  }

  /**
   * @return the probability of dropping a value
   */
  public float rate() {
    return rate;
  }

  /** The input with a fresh seeded mask applied. */
  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input) {
    // Both seeds given: TensorFlow would draw an unrepeatable seed if both were 0 (stream >= 1).
    Operand<TFloat32> uniform =
        tf.random.randomUniform(
            tf.shape(input),
            TFloat32.class,
            RandomUniform.seed(seed),
            RandomUniform.seed2((long) stream));
    return apply(tf, input, uniform);
  }

  /**
   * The input masked by a given uniform draw of the same shape: {@code x * [u >= rate] / (1 -
   * rate)}.
   *
   * @param tf ops of the graph to build into
   * @param input float32, any shape
   * @param uniform float32 values in [0, 1), of {@code input}'s shape
   * @return the masked and rescaled input, of {@code input}'s shape
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> uniform) {
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    Operand<TFloat32> scaledMask = tf.math.mul(keep, tf.constant(1f / (1f - rate)));
    return tf.math.mul(input, scaledMask);
  }
}
