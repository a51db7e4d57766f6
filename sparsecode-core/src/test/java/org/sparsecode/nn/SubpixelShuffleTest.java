package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsecode.nn.NnTesting.floats;
import static org.sparsecode.nn.NnTesting.random;
import static org.sparsecode.nn.NnTesting.tensor;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.nn.SubpixelShuffle.Order;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class SubpixelShuffleTest {

  /** A [1, 2, 2, 4] input holding 0..15 in row-major order: in[h, w, ch] = 4 * (2h + w) + ch. */
  private static final float[] COUNT_16 = range(16);

  @Test
  void depthToSpaceOrderByHand() {
    float[] expected = {
      0, 1, 4, 5,
      2, 3, 6, 7,
      8, 9, 12, 13,
      10, 11, 14, 15
    };
    assertArrayEquals(
        expected,
        run(
            COUNT_16,
            new long[] {1, 2, 2, 4},
            (tf, x) -> new SubpixelShuffle(2).apply(tf, x),
            new long[] {1, 4, 4, 1}));
  }

  @Test
  void phaseShiftOrderByHandAndByTheBlogsMapping() {
    float[] expected = {
      0, 2, 4, 6,
      1, 3, 5, 7,
      8, 10, 12, 14,
      9, 11, 13, 15
    };
    float[] got =
        run(
            COUNT_16,
            new long[] {1, 2, 2, 4},
            (tf, x) -> new SubpixelShuffle(2, Order.PHASE_SHIFT).apply(tf, x),
            new long[] {1, 4, 4, 1});
    assertArrayEquals(expected, got);
    for (int h = 0; h < 4; h++) {
      for (int w = 0; w < 4; w++) {
        // The blog: out[h, w] = in[h/2, w/2, (w%2)*2 + (h%2)].
        float blog = COUNT_16[((h / 2) * 2 + w / 2) * 4 + (w % 2) * 2 + (h % 2)];
        assertEquals(blog, got[h * 4 + w], "out[" + h + ", " + w + "]");
      }
    }
  }

  /** [2, 2, 3, 18] to [2, 6, 9, 2] against a loop over the formula of each order. */
  @ParameterizedTest
  @EnumSource(Order.class)
  void r3c2MatchesReferenceLoop(Order order) {
    int n = 2, h = 2, w = 3, r = 3, c = 2;
    float[] x = range(n * h * w * r * r * c);
    float[] got =
        run(
            x,
            new long[] {n, h, w, r * r * c},
            (tf, in) -> new SubpixelShuffle(r, order).apply(tf, in),
            new long[] {n, h * r, w * r, c});
    assertArrayEquals(reference(x, n, h, w, r, c, order), got);
  }

  @Test
  void depthToSpaceOrderIsTensorFlowsOp() {
    float[] x = random(5, 2 * 2 * 3 * 18);
    long[] shape = {2, 2, 3, 18};
    float[] ours = run(x, shape, (tf, in) -> new SubpixelShuffle(3).apply(tf, in), null);
    float[] theirs = run(x, shape, (tf, in) -> tf.nn.depthToSpace(in, 3L), null);
    assertArrayEquals(theirs, ours);
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void inverseRoundTripsExactly(Order order) {
    SubpixelShuffle shuffle = new SubpixelShuffle(3, order);
    float[] deep = random(6, 2 * 2 * 3 * 18);
    assertArrayEquals(
        deep,
        run(
            deep,
            new long[] {2, 2, 3, 18},
            (tf, x) -> shuffle.inverse().apply(tf, shuffle.apply(tf, x)),
            new long[] {2, 2, 3, 18}));
    float[] wide = random(7, 2 * 6 * 9 * 2);
    assertArrayEquals(
        wide,
        run(
            wide,
            new long[] {2, 6, 9, 2},
            (tf, x) -> shuffle.apply(tf, shuffle.inverse().apply(tf, x)),
            new long[] {2, 6, 9, 2}));
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void factorOneIsTheIdentity(Order order) {
    float[] x = random(8, 2 * 3 * 4 * 5);
    long[] shape = {2, 3, 4, 5};
    assertArrayEquals(
        x, run(x, shape, (tf, in) -> new SubpixelShuffle(1, order).apply(tf, in), shape));
    assertArrayEquals(
        x, run(x, shape, (tf, in) -> SubpixelShuffle.unshuffle(tf, in, 1, order), shape));
  }

  /** The shuffle is a permutation, so the gradient of sum(shuffle(x) * g) is unshuffle(g). */
  @ParameterizedTest
  @EnumSource(Order.class)
  void gradientIsTheInversePermutation(Order order) {
    int r = 2;
    float[] x = random(9, 2 * 2 * 3 * 12);
    float[] weights = random(10, 2 * 4 * 6 * 3);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, 2, 3, 12);
      Operand<TFloat32> wt =
          tf.constant(
              org.tensorflow.ndarray.Shape.of(2, 4, 6, 3),
              org.tensorflow.ndarray.buffer.DataBuffers.of(weights));
      Operand<TFloat32> loss =
          tf.sum(
              tf.math.mul(SubpixelShuffle.shuffle(tf, in, r, order), wt),
              tf.constant(new int[] {0, 1, 2, 3}));
      Output<?>[] grad = g.graph().addGradients(loss.asOutput(), new Output<?>[] {in.asOutput()});
      Operand<TFloat32> expected = SubpixelShuffle.unshuffle(tf, wt, r, order);
      try (TFloat32 xt = tensor(x, 2, 2, 3, 12);
          Result res = g.session().runner().feed(in, xt).fetch(grad[0]).fetch(expected).run()) {
        assertArrayEquals(floats((TFloat32) res.get(1)), floats((TFloat32) res.get(0)));
      }
    }
  }

  @Test
  void rejectsChannelsNotDivisibleBySquareOfFactor() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Conv2dTest.assertMessage(
          "divisible by r*r = 4",
          () -> new SubpixelShuffle(2).apply(tf, NnTesting.input(tf, 2, 2, 6)));
      Conv2dTest.assertMessage("r must be >= 1", () -> new SubpixelShuffle(0));
    }
  }

  /** out[n, h*r + i, w*r + j, c] = in[n, h, w, channel], channel by the order's formula. */
  private static float[] reference(float[] in, int n, int h, int w, int r, int c, Order order) {
    float[] out = new float[in.length];
    int depth = r * r * c;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int z = 0; z < w; z++) {
          for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
              for (int ch = 0; ch < c; ch++) {
                int channel =
                    order == Order.DEPTH_TO_SPACE ? (i * r + j) * c + ch : (j * r + i) * c + ch;
                int oy = y * r + i, oz = z * r + j;
                out[((b * h * r + oy) * w * r + oz) * c + ch] =
                    in[((b * h + y) * w + z) * depth + channel];
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Runs {@code f} on a tensor fed with {@code x}; checks the output shape unless it is null. */
  private static float[] run(
      float[] x,
      long[] shape,
      BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f,
      long[] expectedShape) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, shape[1], shape[2], shape[3]);
      Operand<TFloat32> out = f.apply(tf, in);
      try (TFloat32 xt = tensor(x, shape);
          Result r = g.session().runner().feed(in, xt).fetch(out).run()) {
        if (expectedShape != null) {
          assertArrayEquals(expectedShape, r.get(0).shape().asArray());
        }
        return floats((TFloat32) r.get(0));
      }
    }
  }

  private static float[] range(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
