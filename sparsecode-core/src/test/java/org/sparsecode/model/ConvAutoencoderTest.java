package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Tensors;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.nn.SubpixelShuffle;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class ConvAutoencoderTest {
  private static final int SIDE = 4;

  /** side x side images (a bright column whose position is the class) with noise. */
  static Splits images(int side) {
    SplittableRandom r = new SplittableRandom(3);
    int n = 300;
    float[] f = new float[n * side * side];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = r.nextInt(3);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          f[i * side * side + y * side + x] =
              (x == l[i] ? 0.8f : 0f) + 0.2f * (float) r.nextDouble();
        }
      }
    }
    Dataset d = new Dataset("bars", f, l, side * side, 3);
    return new Splits(
        d.slice("train", 0, 200), d.slice("validation", 200, 250), d.slice("test", 250, 300));
  }

  private static final AdamConfig ADAM = AdamConfig.withLearningRate(1e-2f);

  private static CnnConfig tiny(float lambda) {
    return CnnConfig.builder()
        .side(SIDE)
        .filters(2)
        .kernel(3)
        .stride(2)
        .classes(3)
        .lambda(lambda)
        .initStddev(0.5f)
        .biasInit(0.1f)
        .seed(5)
        .build();
  }

  private static float[] floats(Tensor t) {
    float[] out = new float[(int) t.size()];
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void reconstructionErrorsByHand() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      // Two 1x2 images: reconstruction vs image.
      Operand<TFloat32> recon =
          tf.constant(new float[][][][] {{{{0.5f}, {1.2f}}}, {{{0f}, {0.25f}}}});
      Operand<TFloat32> image = tf.constant(new float[][][][] {{{{0.25f}, {1f}}}, {{{0f}, {0f}}}});
      var unit = ConvAutoencoderClassifier.perImageSquaredError(tf, recon, image, 1f);
      var bytes = ConvAutoencoderClassifier.perImageSquaredError(tf, recon, image, 255f);
      try (Result r = g.session().runner().fetch(unit).fetch(bytes).run()) {
        // Image 1: (0.25^2 + 0.2^2) / 2; image 2: 0.25^2 / 2; summed over the batch.
        assertEquals((0.0625 + 0.04) / 2 + 0.0625 / 2, ((TFloat32) r.get(0)).getFloat(), 1e-6);
        // 0..255 after clipping to [0,1] and rounding: round(127.5) = 128 vs 64 (0.25*255 = 63.75);
        // 1.2 clips to 255 vs 255; image 2: round(63.75) = 64 vs 0.
        double expected = ((128 - 64) * (128 - 64) + 0) / 2.0 + (64 * 64 + 0) / 2.0;
        assertEquals(expected, ((TFloat32) r.get(1)).getFloat(), 1e-3);
      }
    }
  }

  @Test
  void blogBugsAddTheEncoderBiasesPerFilterAndCountL1Twice() {
    Splits data = images(SIDE);
    float lambda = 0.01f;
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m =
          ConvAutoencoderClassifier.build(
              g, tiny(lambda), Decoder.CONV_TRANSPOSE_BLOG_BUGS, 1f, ADAM, 5);
      // The decoder's raw output is the mean reconstruction minus the mean encoder bias.
      var bias = g.graph().operation("conv_bias").output(0);
      try (TFloat32 x = Tensors.features(data.train(), 0, 5);
          TInt32 y = Tensors.labels(data.train(), 0, 5);
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), x)
                  .feed(m.labels(), y)
                  .fetch(m.loss())
                  .fetch(m.taskLoss())
                  .fetch(m.hidden())
                  .fetch(bias)
                  .fetch(m.extraOutputs().get(ConvAutoencoderClassifier.RECONSTRUCTION))
                  .fetch(m.exampleSums().get(ConvAutoencoderClassifier.LOSS_AE))
                  .run()) {
        float loss = ((TFloat32) r.get(0)).getFloat();
        float ce = ((TFloat32) r.get(1)).getFloat();
        float[] hidden = floats(r.get(2));
        float[] b = floats(r.get(3));
        float[] meanRecon = floats(r.get(4));
        float[] pixels = new float[5 * SIDE * SIDE];
        x.copyTo(DataBuffers.of(pixels, false, false));
        double meanBias = (b[0] + b[1]) / 2.0;
        double sse = 0;
        for (int i = 0; i < pixels.length; i++) {
          double raw = meanRecon[i] - meanBias;
          for (float bc : b) {
            sse += (raw + bc - pixels[i]) * (raw + bc - pixels[i]);
          }
        }
        double l1 = 0;
        for (float h : hidden) {
          l1 += h;
        }
        assertEquals(ce + sse / 5 + 2 * lambda * l1, loss, 1e-4 * Math.abs(loss));
        // The blog's loss_ae on this batch of B = 5: the broadcast error once, the L1 term once.
        // The graph gives it summed over the examples, so divided by 5 it is the batch's value.
        float lossAeSum = ((TFloat32) r.get(5)).getFloat();
        assertEquals(sse / 5 + lambda * l1, lossAeSum / 5, 1e-4 * (sse / 5 + lambda * l1));
      }
    }
  }

  @Test
  void decoderAtomsStayWithinTheNormBoundAfterEachStep() {
    Splits data = images(SIDE);
    for (Decoder decoder : new Decoder[] {Decoder.CONV_TRANSPOSE, Decoder.SUBPIXEL}) {
      try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
        ClassifierGraph m = ConvAutoencoderClassifier.build(g, tiny(1e-3f), decoder, 0.5f, ADAM);
        Trainer.train(g, m, data, new TrainConfig(20, 10, 10, 1, ADAM), TrainingListener.NONE);
        var kernel = g.graph().operation("decoder_kernel").output(0);
        try (Result r = g.session().runner().fetch(kernel).run()) {
          TFloat32 k = (TFloat32) r.get(0);
          long[] shape = k.shape().asArray();
          int maps = 2;
          double[] norms = new double[maps];
          for (int a = 0; a < shape[0]; a++) {
            for (int b = 0; b < shape[1]; b++) {
              for (int c = 0; c < shape[2]; c++) {
                for (int d = 0; d < shape[3]; d++) {
                  float v = k.getFloat(a, b, c, d);
                  int map = decoder == Decoder.SUBPIXEL ? c : d; // [k,k,maps,4] vs [k,k,1,maps]
                  norms[map] += v * v;
                }
              }
            }
          }
          for (double n : norms) {
            assertTrue(Math.sqrt(n) <= 0.5 + 1e-5, decoder + ": atom norm " + Math.sqrt(n));
          }
        }
      }
    }
  }

  /**
   * The subpixel decoder (tap products) gives the shuffle of TensorFlow's conv2d of the hidden
   * maps.
   */
  @Test
  void subpixelReconstructionIsTheShuffledConvolutionOfTheHiddenMaps() {
    Splits data = images(SIDE);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      CnnConfig c = tiny(1e-3f);
      ClassifierGraph m = ConvAutoencoderClassifier.build(g, c, Decoder.SUBPIXEL, 1f, ADAM);
      Trainer.train(g, m, data, new TrainConfig(5, 10, 5, 1, ADAM), TrainingListener.NONE);
      var v = m.variables();
      Operand<TFloat32> maps =
          tf.reshape(m.hidden(), tf.constant(new int[] {-1, SIDE / 2, SIDE / 2, c.filters()}));
      Operand<TFloat32> conv =
          tf.math.add(
              tf.nn.conv2d(maps, v.get(v.size() - 2), List.of(1L, 1L, 1L, 1L), "SAME"),
              v.get(v.size() - 1));
      Operand<TFloat32> expected =
          tf.reshape(
              new SubpixelShuffle(2).apply(tf, conv), tf.constant(new int[] {-1, SIDE * SIDE}));
      try (TFloat32 x = Tensors.features(data.test(), 0, 6);
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), x)
                  .fetch(expected)
                  .fetch(m.extraOutputs().get(ConvAutoencoderClassifier.RECONSTRUCTION))
                  .run()) {
        float[] want = floats(r.get(0));
        float[] got = floats(r.get(1));
        assertEquals(6 * SIDE * SIDE, got.length);
        assertArrayEquals(want, got, 1e-5f);
      }
    }
  }

  @Test
  void exportServesTheReconstruction(@TempDir Path tmp) throws IOException {
    Splits data = images(SIDE);
    Path dir = tmp.resolve("ae");
    float[] expected;
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m =
          ConvAutoencoderClassifier.build(g, tiny(1e-3f), Decoder.SUBPIXEL, 1f, ADAM);
      Trainer.train(g, m, data, new TrainConfig(20, 10, 10, 1, ADAM), TrainingListener.NONE);
      try (TFloat32 x = Tensors.features(data.test(), 0, 4);
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), x)
                  .fetch(m.extraOutputs().get(ConvAutoencoderClassifier.RECONSTRUCTION))
                  .run()) {
        expected = floats(r.get(0));
      }
      SavedModelExport.export(g, m, dir);
    }
    try (SavedModelBundle bundle =
            SavedModelBundle.loader(dir.toString()).withTags("serve").load();
        TFloat32 x = Tensors.features(data.test(), 0, 4);
        Result r = bundle.function(SavedModelExport.SIGNATURE_KEY).call(Map.of("images", x))) {
      assertArrayEquals(expected, floats(r.get("reconstruction").orElseThrow()));
      assertEquals(4 * SIDE * SIDE, expected.length);
    }
  }
}
