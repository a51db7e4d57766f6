package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsecode.nn.NnTesting.doubles;
import static org.sparsecode.nn.NnTesting.random;
import static org.sparsecode.nn.NnTesting.tensor;

import java.util.function.ToDoubleFunction;
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

/**
 * ConvTranspose2d against the scatter form of the transposed convolution, as the adjoint of Conv2d,
 * and its gradient against finite differences.
 */
class ConvTranspose2dTest {
  private static final int N = 2, CODE = 3, IMAGE = 2, S = 2;

  /**
   * 3x3 in: SAME gives 6x6 (k = 3 pads 0 before, 1 after; k = 4 pads 1 and 1), VALID gives (3 - 1)
   * * 2 + k.
   */
  @ParameterizedTest
  @CsvSource({
    "3, SAME, 2, DIRECT",
    "3, VALID, 2, DIRECT",
    "4, SAME, 2, DIRECT",
    "4, VALID, 2, DIRECT",
    "1, SAME, 2, DIRECT",
    "3, SAME, 2, TAP_PRODUCTS",
    "3, VALID, 2, TAP_PRODUCTS",
    "4, SAME, 2, TAP_PRODUCTS",
    "4, VALID, 2, TAP_PRODUCTS",
    "1, SAME, 2, TAP_PRODUCTS",
    "3, SAME, 1, TAP_PRODUCTS",
    "2, SAME, 3, TAP_PRODUCTS",
    "5, SAME, 3, TAP_PRODUCTS",
    "5, VALID, 3, TAP_PRODUCTS"
  })
  void forwardMatchesScatterReference(
      int k, Padding padding, int stride, ConvTranspose2d.Algorithm algorithm) {
    int size = 3;
    float[] x = random(11, N * size * size * CODE);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, size, size, CODE);
      ConvTranspose2d dec =
          ConvTranspose2d.builder("dec", CODE, IMAGE)
              .kernel(k, k)
              .stride(stride)
              .padding(padding)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(-0.2f)
              .seed(3, 1)
              .build(tf);
      Operand<TFloat32> out = dec.apply(tf, in, algorithm);
      int outSize = padding == Padding.SAME ? size * stride : (size - 1) * stride + k;
      assertArrayEquals(
          new long[] {-1, outSize, outSize, IMAGE},
          out.shape().asArray(),
          "static shape, batch left open");
      try (TFloat32 xt = tensor(x, N, size, size, CODE);
          Result r =
              g.session()
                  .runner()
                  .feed(in, xt)
                  .fetch(out)
                  .fetch(dec.kernel())
                  .fetch(dec.bias())
                  .run()) {
        TFloat32 got = (TFloat32) r.get(0);
        assertArrayEquals(new long[] {N, outSize, outSize, IMAGE}, got.shape().asArray());
        assertArrayEquals(new long[] {k, k, IMAGE, CODE}, r.get(1).shape().asArray());
        double[] expected =
            ConvReference.convTranspose2d(
                NnTesting.toDoubles(x),
                N,
                size,
                size,
                CODE,
                doubles((TFloat32) r.get(1)),
                k,
                k,
                IMAGE,
                stride,
                padding,
                doubles((TFloat32) r.get(2)));
        assertArrayEquals(expected, doubles(got), 1e-5);
      }
    }
  }

  @Test
  void batchSizeIsTakenAtRunTime() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, 2, 2, CODE);
      ConvTranspose2d dec =
          ConvTranspose2d.builder("dec", CODE, IMAGE)
              .kernel(3, 3)
              .stride(S)
              .padding(Padding.SAME)
              .useBias(false)
              .stddev(0.5f)
              .biasInit(0)
              .seed(3, 1)
              .build(tf);
      Operand<TFloat32> out = dec.apply(tf, in);
      for (int batch : new int[] {1, 5}) {
        try (TFloat32 xt = tensor(random(batch, batch * 2 * 2 * CODE), batch, 2, 2, CODE);
            Result r = g.session().runner().feed(in, xt).fetch(out).run()) {
          assertArrayEquals(new long[] {batch, 4, 4, IMAGE}, r.get(0).shape().asArray());
        }
      }
    }
  }

  /**
   * With one kernel K [k, k, IMAGE, CODE], conv2d maps images to codes and the transpose maps codes
   * back: {@code <conv(x), y> == <x, convT(y)>}. Both layers draw K from the same seed and stream,
   * so they hold the same kernel.
   */
  @ParameterizedTest
  @CsvSource({"6, SAME", "7, VALID", "5, VALID"})
  void isTheAdjointOfConv2d(int imageSize, Padding padding) {
    int k = 3;
    int codeSize = ConvReference.convSize(imageSize, k, S, padding);
    // The transpose must map the code back to the image size for the pair to be adjoint.
    assertEquals(imageSize, padding.transposeOutputSize(codeSize, k, S), "test sizes");
    float[] x = random(21, N * imageSize * imageSize * IMAGE);
    float[] y = random(22, N * codeSize * codeSize * CODE);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> xIn = NnTesting.input(tf, imageSize, imageSize, IMAGE);
      Placeholder<TFloat32> yIn = NnTesting.input(tf, codeSize, codeSize, CODE);
      Conv2d enc =
          Conv2d.builder("enc", IMAGE, CODE)
              .kernel(k, k)
              .stride(S)
              .padding(padding)
              .useBias(false)
              .stddev(0.5f)
              .biasInit(0)
              .seed(9, 4)
              .build(tf);
      ConvTranspose2d dec =
          ConvTranspose2d.builder("dec", CODE, IMAGE)
              .kernel(k, k)
              .stride(S)
              .padding(padding)
              .useBias(false)
              .stddev(0.5f)
              .biasInit(0)
              .seed(9, 4)
              .build(tf);
      Operand<org.tensorflow.types.TInt32> all = tf.constant(new int[] {0, 1, 2, 3});
      Operand<TFloat32> left = tf.sum(tf.math.mul(enc.apply(tf, xIn), yIn), all);
      Operand<TFloat32> right = tf.sum(tf.math.mul(xIn, dec.apply(tf, yIn)), all);
      try (TFloat32 xt = tensor(x, N, imageSize, imageSize, IMAGE);
          TFloat32 yt = tensor(y, N, codeSize, codeSize, CODE);
          Result r =
              g.session()
                  .runner()
                  .feed(xIn, xt)
                  .feed(yIn, yt)
                  .fetch(left)
                  .fetch(right)
                  .fetch(enc.kernel())
                  .fetch(dec.kernel())
                  .run()) {
        assertArrayEquals(
            doubles((TFloat32) r.get(2)),
            doubles((TFloat32) r.get(3)),
            0,
            "both layers hold the same kernel");
        float l = ((TFloat32) r.get(0)).getFloat(), rt = ((TFloat32) r.get(1)).getFloat();
        assertEquals(l, rt, 1e-5 * Math.max(1, Math.abs(l)), "<conv x, y> vs <x, convT y>");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "3, SAME, DIRECT",
    "4, SAME, DIRECT",
    "3, VALID, DIRECT",
    "3, SAME, TAP_PRODUCTS",
    "4, SAME, TAP_PRODUCTS",
    "3, VALID, TAP_PRODUCTS"
  })
  void gradientMatchesFiniteDifferences(
      int k, Padding padding, ConvTranspose2d.Algorithm algorithm) {
    int size = 3;
    int outSize = padding.transposeOutputSize(size, k, S);
    float[] x = random(31, N * size * size * CODE);
    float[] target = random(32, N * outSize * outSize * IMAGE);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> in = NnTesting.input(tf, size, size, CODE);
      ConvTranspose2d dec =
          ConvTranspose2d.builder("dec", CODE, IMAGE)
              .kernel(k, k)
              .stride(S)
              .padding(padding)
              .useBias(true)
              .stddev(0.5f)
              .biasInit(0.1f)
              .seed(7, 2)
              .build(tf);
      Operand<TFloat32> diff =
          tf.math.sub(
              dec.apply(tf, in, algorithm),
              tf.constant(Shape.of(N, outSize, outSize, IMAGE), DataBuffers.of(target)));
      Operand<TFloat32> loss =
          tf.math.mul(
              tf.constant(0.5f),
              tf.sum(tf.math.mul(diff, diff), tf.constant(new int[] {0, 1, 2, 3})));
      Output<?>[] grads =
          g.graph()
              .addGradients(
                  loss.asOutput(),
                  new Output<?>[] {in.asOutput(), dec.kernel().asOutput(), dec.bias().asOutput()});
      double[][] params = new double[3][];
      double[][] tfGrads = new double[3][];
      float tfLoss;
      try (TFloat32 xt = tensor(x, N, size, size, CODE);
          Result r =
              g.session()
                  .runner()
                  .feed(in, xt)
                  .fetch(loss)
                  .fetch(dec.kernel())
                  .fetch(dec.bias())
                  .fetch(grads[0])
                  .fetch(grads[1])
                  .fetch(grads[2])
                  .run()) {
        tfLoss = ((TFloat32) r.get(0)).getFloat();
        params[0] = NnTesting.toDoubles(x);
        params[1] = doubles((TFloat32) r.get(1));
        params[2] = doubles((TFloat32) r.get(2));
        for (int i = 0; i < 3; i++) {
          tfGrads[i] = doubles((TFloat32) r.get(3 + i));
        }
      }
      ToDoubleFunction<double[][]> reference =
          p ->
              NnTesting.halfSquaredError(
                  ConvReference.convTranspose2d(
                      p[0], N, size, size, CODE, p[1], k, k, IMAGE, S, padding, p[2]),
                  target);
      double expectedLoss = reference.applyAsDouble(params);
      assertEquals(expectedLoss, tfLoss, 1e-5 * Math.max(1, expectedLoss), "loss");
      NnTesting.checkGradients(
          new String[] {"input", "kernel", "bias"}, params, tfGrads, reference);
    }
  }

  @Test
  void needsStaticSpatialSize() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      ConvTranspose2d dec =
          ConvTranspose2d.builder("dec", CODE, IMAGE)
              .kernel(3, 3)
              .stride(S)
              .padding(Padding.SAME)
              .useBias(false)
              .stddev(0.5f)
              .biasInit(0)
              .seed(3, 1)
              .build(tf);
      Placeholder<TFloat32> open =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, CODE)));
      Conv2dTest.assertMessage("static spatial shape", () -> dec.apply(tf, open));
    }
  }
}
