package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.nn.NnTesting.doubles;
import static org.sparsecode.nn.NnTesting.random;
import static org.sparsecode.nn.NnTesting.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Conv2d against a direct Java loop, and its gradient against finite differences. */
class Conv2dTest {
  private static final int N = 2, C = 2, K = 3, O = 3, S = 2;

  /** 5x5 pads SAME symmetrically (1, 1); 6x6 asymmetrically (0 before, 1 after). */
  @ParameterizedTest
  @CsvSource({"5, SAME", "5, VALID", "6, SAME", "6, VALID"})
  void forwardMatchesReferenceLoop(int size, Padding padding) {
    float[] x = random(1, N * size * size * C);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, size, size, C);
      Conv2d conv =
          Conv2d.builder("conv", C, O)
              .kernel(K, K)
              .stride(S)
              .padding(padding)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(0.1f)
              .seed(3, 0)
              .build(tf);
      Operand<TFloat32> out = conv.apply(tf, in);
      try (TFloat32 xt = tensor(x, N, size, size, C);
          Result r =
              g.session()
                  .runner()
                  .feed(in, xt)
                  .fetch(out)
                  .fetch(conv.kernel())
                  .fetch(conv.bias())
                  .run()) {
        TFloat32 got = (TFloat32) r.get(0);
        int outSize = ConvReference.convSize(size, K, S, padding);
        assertEquals(outSize, padding.convOutputSize(size, K, S));
        assertArrayEquals(new long[] {N, outSize, outSize, O}, got.shape().asArray());
        double[] expected =
            ConvReference.conv2d(
                NnTesting.toDoubles(x),
                N,
                size,
                size,
                C,
                doubles((TFloat32) r.get(1)),
                K,
                K,
                O,
                S,
                padding,
                doubles((TFloat32) r.get(2)));
        assertArrayEquals(expected, doubles(got), 1e-5);
        assertEquals(0.1, doubles((TFloat32) r.get(2))[0], 1e-7, "constant bias init");
      }
    }
  }

  /**
   * Output against the reference loop and DIRECT, and input, kernel and bias gradients against
   * finite differences, for both algorithms; TAP_PRODUCTS with odd and even kernels (stride 1).
   */
  @ParameterizedTest
  @CsvSource({
    "5, SAME, 3, 3, 2, DIRECT",
    "6, SAME, 3, 3, 2, DIRECT",
    "5, VALID, 3, 3, 2, DIRECT",
    "5, SAME, 3, 3, 1, TAP_PRODUCTS",
    "6, SAME, 2, 3, 1, TAP_PRODUCTS",
    "6, SAME, 4, 2, 1, TAP_PRODUCTS",
    "5, VALID, 3, 2, 1, TAP_PRODUCTS"
  })
  void gradientMatchesFiniteDifferences(
      int size, Padding padding, int kh, int kw, int stride, Conv2d.Algorithm algorithm) {
    float[] x = random(2, N * size * size * C);
    int outH = ConvReference.convSize(size, kh, stride, padding);
    int outW = ConvReference.convSize(size, kw, stride, padding);
    float[] target = random(4, N * outH * outW * O);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, size, size, C);
      Conv2d conv =
          Conv2d.builder("conv", C, O)
              .kernel(kh, kw)
              .stride(stride)
              .padding(padding)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(0.1f)
              .seed(5, 0)
              .build(tf);
      Operand<TFloat32> out = conv.apply(tf, in, algorithm);
      Operand<TFloat32> direct = conv.apply(tf, in, Conv2d.Algorithm.DIRECT);
      Operand<TFloat32> diff =
          tf.math.sub(out, tf.constant(Shape.of(N, outH, outW, O), DataBuffers.of(target)));
      Operand<TFloat32> loss =
          tf.math.mul(
              tf.constant(0.5f),
              tf.sum(tf.math.mul(diff, diff), tf.constant(new int[] {0, 1, 2, 3})));
      Output<?>[] grads =
          g.graph()
              .addGradients(
                  loss.asOutput(),
                  new Output<?>[] {
                    in.asOutput(), conv.kernel().asOutput(), conv.bias().asOutput()
                  });
      double[][] params = new double[3][];
      double[][] tfGrads = new double[3][];
      try (TFloat32 xt = tensor(x, N, size, size, C);
          Result r =
              g.session()
                  .runner()
                  .feed(in, xt)
                  .fetch(out)
                  .fetch(direct)
                  .fetch(conv.kernel())
                  .fetch(conv.bias())
                  .fetch(grads[0])
                  .fetch(grads[1])
                  .fetch(grads[2])
                  .run()) {
        assertArrayEquals(new long[] {N, outH, outW, O}, ((TFloat32) r.get(0)).shape().asArray());
        params[0] = NnTesting.toDoubles(x);
        params[1] = doubles((TFloat32) r.get(2));
        params[2] = doubles((TFloat32) r.get(3));
        double[] expected =
            ConvReference.conv2d(
                params[0], N, size, size, C, params[1], kh, kw, O, stride, padding, params[2]);
        assertArrayEquals(expected, doubles((TFloat32) r.get(0)), 1e-5);
        assertArrayEquals(doubles((TFloat32) r.get(1)), doubles((TFloat32) r.get(0)), 1e-5);
        for (int k = 0; k < 3; k++) {
          tfGrads[k] = doubles((TFloat32) r.get(4 + k));
        }
      }
      NnTesting.checkGradients(
          new String[] {"input", "kernel", "bias"},
          params,
          tfGrads,
          p ->
              NnTesting.halfSquaredError(
                  ConvReference.conv2d(
                      p[0], N, size, size, C, p[1], kh, kw, O, stride, padding, p[2]),
                  target));
    }
  }

  /**
   * PATCH_PRODUCT: output against the reference loop and DIRECT, kernel and bias gradients against
   * finite differences.
   */
  @ParameterizedTest
  @CsvSource({
    "5, SAME, 3, 3, 2",
    "6, SAME, 3, 3, 2",
    "6, SAME, 2, 3, 1",
    "5, VALID, 3, 2, 1",
    "7, VALID, 3, 3, 2"
  })
  void patchProductMatchesTheReferenceAndFiniteDifferences(
      int size, Padding padding, int kh, int kw, int stride) {
    float[] x = random(2, N * size * size * C);
    int outH = ConvReference.convSize(size, kh, stride, padding);
    int outW = ConvReference.convSize(size, kw, stride, padding);
    float[] target = random(4, N * outH * outW * O);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, size, size, C);
      Conv2d conv =
          Conv2d.builder("conv", C, O)
              .kernel(kh, kw)
              .stride(stride)
              .padding(padding)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(0.1f)
              .seed(5, 0)
              .build(tf);
      Operand<TFloat32> out = conv.apply(tf, in, Conv2d.Algorithm.PATCH_PRODUCT);
      Operand<TFloat32> direct = conv.apply(tf, in, Conv2d.Algorithm.DIRECT);
      Operand<TFloat32> diff =
          tf.math.sub(out, tf.constant(Shape.of(N, outH, outW, O), DataBuffers.of(target)));
      Operand<TFloat32> loss =
          tf.math.mul(
              tf.constant(0.5f),
              tf.sum(tf.math.mul(diff, diff), tf.constant(new int[] {0, 1, 2, 3})));
      Output<?>[] grads =
          g.graph()
              .addGradients(
                  loss.asOutput(),
                  new Output<?>[] {conv.kernel().asOutput(), conv.bias().asOutput()});
      double[] input = NnTesting.toDoubles(x);
      double[][] params = new double[2][];
      double[][] tfGrads = new double[2][];
      try (TFloat32 xt = tensor(x, N, size, size, C);
          Result r =
              g.session()
                  .runner()
                  .feed(in, xt)
                  .fetch(out)
                  .fetch(direct)
                  .fetch(conv.kernel())
                  .fetch(conv.bias())
                  .fetch(grads[0])
                  .fetch(grads[1])
                  .run()) {
        params[0] = doubles((TFloat32) r.get(2));
        params[1] = doubles((TFloat32) r.get(3));
        double[] expected =
            ConvReference.conv2d(
                input, N, size, size, C, params[0], kh, kw, O, stride, padding, params[1]);
        assertArrayEquals(expected, doubles((TFloat32) r.get(0)), 1e-5);
        assertArrayEquals(doubles((TFloat32) r.get(1)), doubles((TFloat32) r.get(0)), 1e-5);
        tfGrads[0] = doubles((TFloat32) r.get(4));
        tfGrads[1] = doubles((TFloat32) r.get(5));
      }
      NnTesting.checkGradients(
          new String[] {"kernel", "bias"},
          params,
          tfGrads,
          p ->
              NnTesting.halfSquaredError(
                  ConvReference.conv2d(
                      input, N, size, size, C, p[0], kh, kw, O, stride, padding, p[1]),
                  target));
    }
  }

  @Test
  void tapProductsRejectAStride() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Conv2d conv =
          Conv2d.builder("conv", C, O)
              .kernel(K, K)
              .stride(2)
              .padding(Padding.SAME)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(0.1f)
              .seed(3, 0)
              .build(tf);
      assertMessage(
          "needs stride 1",
          () -> conv.apply(tf, NnTesting.input(tf, 5, 5, C), Conv2d.Algorithm.TAP_PRODUCTS));
    }
  }

  @Test
  void withoutBiasHasNoBiasVariable() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Conv2d conv =
          Conv2d.builder("enc", 1, 4)
              .kernel(3, 3)
              .stride(1)
              .padding(Padding.SAME)
              .useBias(false)
              .stddev(0.1f)
              .biasInit(0f)
              .seed(1, 0)
              .build(g.tf());
      assertEquals(null, conv.bias());
      assertEquals("enc_kernel", conv.kernel().op().name());
    }
  }

  @Test
  void rejectsBadArgumentsWithTheFix() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      assertMessage(
          "stride >= 1",
          () ->
              Conv2d.builder("c", 1, 4)
                  .kernel(3, 3)
                  .stride(0)
                  .padding(Padding.SAME)
                  .useBias(true)
                  .stddev(0.1f)
                  .biasInit(0f)
                  .seed(1, 0)
                  .build(tf));
      assertMessage(
          "no '/'",
          () ->
              Conv2d.builder("enc/c", 1, 4)
                  .kernel(3, 3)
                  .stride(1)
                  .padding(Padding.SAME)
                  .useBias(true)
                  .stddev(0.1f)
                  .biasInit(0f)
                  .seed(1, 0)
                  .build(tf));
      assertMessage(
          "Padding.SAME or Padding.VALID",
          () ->
              Conv2d.builder("c", 1, 4)
                  .kernel(3, 3)
                  .stride(1)
                  .padding(null)
                  .useBias(true)
                  .stddev(0.1f)
                  .biasInit(0f)
                  .seed(1, 0)
                  .build(tf));
      assertMessage(
          "positive channel counts",
          () ->
              Conv2d.builder("c", 0, 4)
                  .kernel(3, 3)
                  .stride(1)
                  .padding(Padding.SAME)
                  .useBias(true)
                  .stddev(0.1f)
                  .biasInit(0f)
                  .seed(1, 0)
                  .build(tf));
      Conv2d conv =
          Conv2d.builder("c", 2, 4)
              .kernel(3, 3)
              .stride(1)
              .padding(Padding.SAME)
              .useBias(true)
              .stddev(0.1f)
              .biasInit(0f)
              .seed(1, 0)
              .build(tf);
      assertMessage(
          "built for 2 input channels", () -> conv.apply(tf, NnTesting.input(tf, 5, 5, 3)));
    }
  }

  static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" lacks " + part);
  }
}
