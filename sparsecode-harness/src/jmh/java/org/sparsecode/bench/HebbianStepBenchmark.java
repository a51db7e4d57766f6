package org.sparsecode.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sparsecode.lca.CodeInference;
import org.sparsecode.lca.Dictionary;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.Threshold;
import org.sparsecode.runtime.ThreadSettings;

/**
 * One Hebbian dictionary step as the lca-linked table's single-dictionary trial takes it
 * (LinkedLearning): LCA codes of a batch of 100 unit-norm MNIST test images over 256 atoms (lambda
 * 0.1, tau 100, 200 steps), each example's squared error for the energy, then {@link
 * Dictionary#hebbianUpdate}. The dictionary starts random (seed 1) and learns from the same batch
 * at every call, as the PyTorch peer's does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HebbianStepBenchmark {
  public static final int INPUTS = 784;
  public static final int ATOMS = 256;
  public static final int BATCH = 100;
  public static final float ETA = 1f;
  public static final LcaConfig CONFIG = new LcaConfig(0.1f, 100f, 200, Threshold.SOFT_NONNEGATIVE);

  @Param({"0"})
  public int threads;

  private CodeInference inference;
  private Dictionary dictionary;
  private float[][] rows;
  private float[] flat;

  /**
   * The products done densely: the inference (X Phi, Phi^T Phi, 199 lateral products), A Phi^T for
   * the residual and R^T A for the update.
   */
  public static double flopsPerStep() {
    return 2.0 * BATCH * INPUTS * ATOMS
        + 2.0 * ATOMS * INPUTS * ATOMS
        + (CONFIG.iterations() - 1) * 2.0 * BATCH * ATOMS * ATOMS
        + 2 * 2.0 * BATCH * INPUTS * ATOMS;
  }

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    inference = new CodeInference(INPUTS, ATOMS, CONFIG, false, new ThreadSettings(intra, 1));
    dictionary = Dictionary.random(INPUTS, ATOMS, LcaBenchProblem.DICTIONARY_SEED);
    rows = LcaBenchProblem.inputs(BATCH);
    flat = new float[BATCH * INPUTS];
    for (int n = 0; n < BATCH; n++) {
      System.arraycopy(rows[n], 0, flat, n * INPUTS, INPUTS);
    }
  }

  @Benchmark
  public double step() {
    float[] codes = inference.codes(flat, BATCH, dictionary.toArray(), BATCH);
    float[][] codeRows = new float[BATCH][ATOMS];
    double energy = 0;
    for (int n = 0; n < BATCH; n++) {
      System.arraycopy(codes, n * ATOMS, codeRows[n], 0, ATOMS);
      energy += dictionary.squaredError(rows[n], codeRows[n]);
    }
    dictionary.hebbianUpdate(rows, codeRows, ETA);
    return energy;
  }

  /** The dictionary now, for the peer's starting point ({@link #setUp} must have run). */
  float[][] dictionary() {
    return dictionary.toArray();
  }

  float[][] inputs() {
    return rows;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    inference.close();
  }
}
