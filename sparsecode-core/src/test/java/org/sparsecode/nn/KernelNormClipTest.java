package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsecode.nn.NnTesting.floats;

import org.junit.jupiter.api.Test;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class KernelNormClipTest {

  /**
   * A Conv2d-layout kernel [1, 1, 4, 2]: output channel 0 holds (2, 2, 1, 0), norm 3; channel 1
   * holds (0.3, 0.4, 0, 0), norm 0.5. Clipping to 1 scales the first by 1/3 and leaves the second.
   */
  @Test
  void clipsOnlySlicesAboveTheBound() {
    float[] kernel = {2, 0.3f, 2, 0.4f, 1, 0, 0, 0};
    float third = 1f / 3f; // min(1, 1 / 3), as float arithmetic gives it
    float[] expected = {2 * third, 0.3f, 2 * third, 0.4f, third, 0, 0, 0};
    float[] got = clipOnce(kernel, Shape.of(1, 1, 4, 2), KernelNormClip.CONV2D_PER_OUTPUT_CHANNEL);
    assertArrayEquals(expected, got, 0f);
    assertEquals(0.3f, got[1], 0f, "a slice of norm 0.5 is unchanged");
    assertEquals(0.4f, got[3], 0f, "a slice of norm 0.5 is unchanged");
    assertEquals(1.0, norm(got[0], got[2], got[4], got[6]), 1e-6, "clipped slice norm");
    assertEquals(0.5, norm(got[1], got[3], got[5], got[7]), 1e-6, "kept slice norm");
  }

  /** A ConvTranspose2d kernel [1, 1, out = 2, in = 2]: the two choices of axes clip differently. */
  @Test
  void transposeKernelAxesPickOutputOrInputChannels() {
    // k[0, 0, o, i]: row o = output channel, column i = input (code) channel.
    float[] kernel = {3, 0, 0.3f, 0.4f};
    Shape shape = Shape.of(1, 1, 2, 2);
    // Per output channel: row (3, 0) has norm 3, row (0.3, 0.4) norm 0.5.
    assertArrayEquals(
        new float[] {1, 0, 0.3f, 0.4f},
        clipOnce(kernel, shape, KernelNormClip.CONV_TRANSPOSE_PER_OUTPUT_CHANNEL),
        1e-7f);
    // Per input channel (atom): column (3, 0.3) has norm sqrt(9.09), column (0, 0.4) norm 0.4.
    float scale = (float) (1 / Math.sqrt(9.09));
    assertArrayEquals(
        new float[] {3 * scale, 0, 0.3f * scale, 0.4f},
        clipOnce(kernel, shape, KernelNormClip.CONV_TRANSPOSE_PER_INPUT_CHANNEL),
        1e-6f);
  }

  @Test
  void zeroSliceStaysZeroAndMaxNormIsHonoured() {
    float[] got = clipOnce(new float[] {0, 0, 6, 8}, Shape.of(1, 1, 2, 2), new int[] {0, 1, 2}, 2f);
    // k[0, 0, o, i] = {{0, 0}, {6, 8}}: column i = 0 is (0, 6), norm 6, column 1 is (0, 8), norm
    // 8; both are scaled to norm 2.
    assertArrayEquals(new float[] {0, 0, 2, 2}, got, 1e-6f);
    float[] zero =
        clipOnce(new float[] {0, 0, 0, 0}, Shape.of(1, 1, 2, 2), new int[] {0, 1, 2}, 1f);
    assertArrayEquals(new float[] {0, 0, 0, 0}, zero, 0f);
  }

  @Test
  void rejectsBadAxesAndBounds() {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Variable<TFloat32> k =
          tf.variable(tf.zeros(tf.constant(new int[] {1, 1, 2, 2}), TFloat32.class));
      Conv2dTest.assertMessage(
          "distinct and in [0, 4)", () -> KernelNormClip.clip(tf, k, new int[] {0, 4}));
      Conv2dTest.assertMessage(
          "distinct and in [0, 4)", () -> KernelNormClip.clip(tf, k, new int[] {1, 1}));
      Conv2dTest.assertMessage("give the axes", () -> KernelNormClip.clip(tf, k, new int[0]));
      Conv2dTest.assertMessage(
          "maxNorm must be", () -> KernelNormClip.clip(tf, k, new int[] {0, 1, 2}, 0f));
    }
  }

  private static float[] clipOnce(float[] values, Shape shape, int[] axes) {
    return clipOnce(values, shape, axes, 1f);
  }

  /** Runs the clip op once on a variable holding {@code values}, then reads the variable. */
  private static float[] clipOnce(float[] values, Shape shape, int[] axes, float maxNorm) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Variable<TFloat32> k =
          tf.withName("dec_kernel")
              .variable(tf.withInitScope().constant(shape, DataBuffers.of(values)));
      Assign<TFloat32> clip = KernelNormClip.clip(tf, k, axes, maxNorm);
      g.session().runner().addTarget(clip).run();
      try (Result r = g.session().runner().fetch(k).run()) {
        return floats((TFloat32) r.get(0));
      }
    }
  }

  private static double norm(float... v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }
}
