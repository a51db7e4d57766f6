package org.sparsecode.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Mnist;
import org.sparsecode.lca.Dictionary;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.Threshold;

/**
 * The LCA inference that {@code --table lca} times, the same in JMH and in the PyTorch peer: the
 * first 256 MNIST test images, each scaled to unit L2 norm, coded over a seeded random unit-norm
 * dictionary of 1568 atoms (twice overcomplete). With lambda 0.05 and tau 10, 200 steps settle, and
 * about 6% of the codes end non-zero. A random dictionary reconstructs digits poorly, so this
 * problem measures speed at a realistic code density, not code quality.
 */
final class LcaBenchProblem {
  static final int INPUTS = 784;
  static final int ATOMS = 1568;
  static final int BATCH = 256;
  static final LcaConfig CONFIG = new LcaConfig(0.05f, 10f, 200, Threshold.SOFT_NONNEGATIVE);
  static final long DICTIONARY_SEED = 1;

  private LcaBenchProblem() {}

  /** The inputs as rows [BATCH x INPUTS]. */
  static float[][] inputs() {
    return inputs(BATCH);
  }

  /** The first {@code count} MNIST test images, each scaled to unit L2 norm, as rows. */
  static float[][] inputs(int count) {
    Dataset test = Mnist.load().test();
    float[][] x = new float[count][INPUTS];
    for (int n = 0; n < count; n++) {
      System.arraycopy(test.features(), n * INPUTS, x[n], 0, INPUTS);
      double squares = 0;
      for (float v : x[n]) {
        squares += (double) v * v;
      }
      float scale = (float) (1 / Math.sqrt(squares));
      for (int i = 0; i < INPUTS; i++) {
        x[n][i] *= scale;
      }
    }
    return x;
  }

  /** Phi [INPUTS x ATOMS]. */
  static float[][] dictionary() {
    return Dictionary.random(INPUTS, ATOMS, DICTIONARY_SEED).toArray();
  }

  /**
   * The arithmetic of one inference done densely: B = X Phi, G = Phi^T Phi, and one lateral product
   * per step after the first (U0 = 0). The peer counts the same.
   */
  static double denseFlops() {
    return 2.0 * BATCH * INPUTS * ATOMS
        + 2.0 * ATOMS * INPUTS * ATOMS
        + (CONFIG.iterations() - 1) * 2.0 * BATCH * ATOMS * ATOMS;
  }

  /** Writes a matrix row by row as little-endian float32, the format the peer reads. */
  static void writeFloat32(float[][] m, Path file) throws IOException {
    ByteBuffer buffer =
        ByteBuffer.allocate(4 * m.length * m[0].length).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : m) {
      for (float v : row) {
        buffer.putFloat(v);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, buffer.array());
  }
}
