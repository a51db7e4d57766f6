package org.sparsecode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Small helpers shared by the layer tests: tensors from arrays, and finite differences. */
final class NnTesting {
  private NnTesting() {}

  /** A float placeholder of the given NHWC shape with the batch size left open. */
  static Placeholder<TFloat32> input(Ops tf, long h, long w, long c) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, w, c)));
  }

  static TFloat32 tensor(float[] values, long... shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  static double[] doubles(TFloat32 t) {
    return toDoubles(floats(t));
  }

  static double[] toDoubles(float[] f) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  /** Uniform values in [-1, 1). */
  static float[] random(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (2 * rnd.nextDouble() - 1);
    }
    return out;
  }

  /** Compares TensorFlow's gradients with central differences of a double-precision loss. */
  static void checkGradients(
      String[] names, double[][] params, double[][] tfGrads, ToDoubleFunction<double[][]> loss) {
    double h = 1e-6;
    for (int k = 0; k < params.length; k++) {
      assertEquals(params[k].length, tfGrads[k].length, "gradient size of " + names[k]);
      for (int i = 0; i < params[k].length; i++) {
        double keep = params[k][i];
        params[k][i] = keep + h;
        double up = loss.applyAsDouble(params);
        params[k][i] = keep - h;
        double down = loss.applyAsDouble(params);
        params[k][i] = keep;
        double numeric = (up - down) / (2 * h);
        assertEquals(
            numeric,
            tfGrads[k][i],
            2e-4 + 1e-3 * Math.abs(numeric),
            "d loss / d " + names[k] + "[" + i + "]");
      }
    }
  }

  /** 0.5 * sum((out - target)^2), the scalar loss of the gradient checks. */
  static double halfSquaredError(double[] out, float[] target) {
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      double d = out[i] - target[i];
      sum += d * d;
    }
    return 0.5 * sum;
  }
}
