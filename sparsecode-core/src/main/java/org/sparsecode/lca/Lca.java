package org.sparsecode.lca;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * LCA inference as a TensorFlow graph. Rows are examples: inputs X [batch x n_inputs], codes A
 * [batch x n_atoms], dictionary Phi [n_inputs x n_atoms]. From U0 = 0, each step is
 *
 * <pre>U &lt;- U + (1/tau) (B - U - A (G - I)),  A = T(U),  B = X Phi,  G = Phi^T Phi</pre>
 *
 * and the codes are T(U) after the last step. The graph computes the same step as U &lt;- (1 -
 * 1/tau) U + C - A M with C = B / tau and M = (G - I) / tau formed once, so a step costs one
 * product and three element-wise ops. The lateral product A M is where the time goes; because the
 * codes are sparse it can skip their zeros ({@link Lateral}). The steps are unrolled as plain ops,
 * not a while loop: inference needs no gradients, TF Java's while loops are fragile, and a measured
 * while loop ran no faster.
 */
public final class Lca {
  private Lca() {}

  /**
   * How a step computes the lateral product A M. All three give the same codes up to float
   * rounding; they differ only in time.
   */
  public enum Lateral {
    /** One dense product [batch x n_atoms] x [n_atoms x n_atoms]; its time ignores the zeros. */
    DENSE,
    /**
     * The non-zero codes as a CSR sparse matrix times M, on all intra-op threads: time in
     * proportion to the non-zeros, plus a conversion to CSR at every step. Slower than DENSE once
     * more than about a tenth of them are non-zero.
     */
    SPARSE,
    /**
     * The non-zero codes as (row, atom, value) entries times M: each entry adds its row of M, in
     * order, on one thread. No conversion, so for small dictionaries it costs less than half of
     * SPARSE (the Hebbian step of 100 codes over 256 atoms: 11 to 13 ms of CPU against 23 to 25).
     */
    SPARSE_ENTRIES,
    /**
     * At every step a sparse product while at most {@link #AUTO_SPARSE_UP_TO} of the codes are
     * non-zero, else DENSE; the sparse product is SPARSE_ENTRIES for dictionaries of up to {@link
     * #AUTO_ENTRIES_UP_TO_ATOMS} atoms and SPARSE (which uses every core) for larger ones.
     */
    AUTO;

    /**
     * The share of non-zero codes up to which AUTO takes the sparse product (measured break-even:
     * 0.1 to 0.17).
     */
    public static final double AUTO_SPARSE_UP_TO = 0.1;

    /** The largest dictionary for which AUTO's sparse product is SPARSE_ENTRIES. */
    public static final int AUTO_ENTRIES_UP_TO_ATOMS = 512;
  }

  /**
   * The endpoints of one inference graph. The traces hold one value per step (the codes after step
   * k) and are null when traces were not asked for.
   *
   * @param codes the final codes [batch x n_atoms]
   * @param energy mean over the batch of 1/2 ||x - Phi a||^2 + lambda ||a||_1, [iterations]
   * @param meanL0 mean over the batch of the number of non-zero coefficients, [iterations]
   * @param reconstructionError mean over the batch of ||x - Phi a||^2 (no 1/2), [iterations]
   */
  public record Outputs(
      Operand<TFloat32> codes,
      Operand<TFloat32> energy,
      Operand<TFloat32> meanL0,
      Operand<TFloat32> reconstructionError) {}

  /** Codes and (optional, else null) traces computed by {@link #inferWithTraces}. */
  public record Traced(
      float[][] codes, float[] energy, float[] meanL0, float[] reconstructionError) {}

  /**
   * A placeholder for a batch of inputs as rows.
   *
   * @param tf ops of the graph
   * @param nInputs input width
   * @return a float32 placeholder [-1, nInputs]
   */
  public static Placeholder<TFloat32> inputsPlaceholder(Ops tf, int nInputs) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, nInputs)));
  }

  /**
   * Adds unrolled LCA inference to the graph of {@code tf}, with the {@link Lateral#AUTO} product.
   * Run it in a session opened with {@link #sessionConfig}: the default graph optimisers spend
   * seconds on thousands of steps.
   *
   * @param tf ops of the graph
   * @param inputs [batch x n_inputs]
   * @param dictionary [n_inputs x n_atoms], unit-norm columns (a variable, a placeholder, ...)
   * @param config lambda, tau, iterations and threshold
   * @param traces whether to add the per-step energy, L0 and error traces
   * @return the codes, and the traces (null without them)
   * @throws IllegalArgumentException if the shapes are known not to fit
   */
  public static Outputs build(
      Ops tf,
      Operand<TFloat32> inputs,
      Operand<TFloat32> dictionary,
      LcaConfig config,
      boolean traces) {
    return build(tf, inputs, dictionary, config, traces, Lateral.AUTO);
  }

  /**
   * As {@link #build(Ops, Operand, Operand, LcaConfig, boolean)}, with the given lateral product.
   *
   * @param tf ops of the graph
   * @param inputs [batch x n_inputs]
   * @param dictionary [n_inputs x n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @param traces whether to add the per-step traces
   * @param lateral how each step computes A (G - I)
   * @return the codes, and the traces (null without them)
   */
  public static Outputs build(
      Ops tf,
      Operand<TFloat32> inputs,
      Operand<TFloat32> dictionary,
      LcaConfig config,
      boolean traces,
      Lateral lateral) {
    return build(tf, inputs, dictionary, null, config, traces, lateral);
  }

  /**
   * The final codes [batch x n_atoms] of inference with a current C [batch x n_atoms] added to the
   * drive, as a neural simulator injects currents into chosen neurons:
   *
   * <pre>U &lt;- U + (1/tau) (B + C - U - A (G - I))</pre>
   *
   * A zero current gives {@link #build}'s codes. It minimises E - C . a: the current lowers the
   * cost of the driven neurons' activity without being a signal to reconstruct.
   *
   * @param tf ops of the graph
   * @param inputs [batch x n_inputs]
   * @param dictionary [n_inputs x n_atoms], unit-norm columns
   * @param current [batch x n_atoms], added to the drive at every step
   * @param config lambda, tau, iterations and threshold
   * @return the final codes [batch x n_atoms]
   */
  public static Operand<TFloat32> buildDriven(
      Ops tf,
      Operand<TFloat32> inputs,
      Operand<TFloat32> dictionary,
      Operand<TFloat32> current,
      LcaConfig config) {
    Objects.requireNonNull(current, "current must be an operand [batch x n_atoms]");
    return build(tf, inputs, dictionary, current, config, false, Lateral.AUTO).codes();
  }

  /** The graph of both: {@code current} is null for plain inference. */
  private static Outputs build(
      Ops tf,
      Operand<TFloat32> inputs,
      Operand<TFloat32> dictionary,
      Operand<TFloat32> current,
      LcaConfig config,
      boolean traces,
      Lateral lateral) {
    checkShapes(inputs.shape(), dictionary.shape());
    Objects.requireNonNull(lateral, "lateral must be DENSE, SPARSE or AUTO");
    Operand<TFloat32> rate = tf.constant(1f / config.tau());
    Operand<TFloat32> decay = tf.constant(1f - 1f / config.tau());
    Operand<TFloat32> lambda = tf.constant(config.lambda());
    Operand<TFloat32> b = tf.linalg.matMul(inputs, dictionary);
    Operand<TFloat32> c = tf.math.mul(current == null ? b : tf.math.add(b, current), rate);
    Operand<TFloat32> gram = tf.linalg.matMul(dictionary, dictionary, MatMul.transposeA(true));
    Operand<TInt32> mainDiagonal = tf.constant(0);
    Operand<TFloat32> gramMinusIdentity =
        tf.linalg.matrixSetDiag(
            gram,
            tf.math.sub(
                tf.linalg.matrixDiagPart(gram, mainDiagonal, tf.constant(0f)), tf.constant(1f)),
            mainDiagonal);
    Operand<TFloat32> m = tf.math.mul(gramMinusIdentity, rate);

    // AUTO's cut-over as a count of tf.where entries (two per non-zero code), formed once.
    Operand<TInt64> sparseUpTo =
        lateral != Lateral.AUTO
            ? null
            : tf.dtypes.cast(
                tf.math.mul(
                    tf.dtypes.cast(tf.size(c, TInt64.class), TFloat32.class),
                    tf.constant((float) (2 * Lateral.AUTO_SPARSE_UP_TO))),
                TInt64.class);

    // U1 = C, because U0 = 0 and T(0) = 0 for every threshold.
    Operand<TFloat32> u = c;
    Operand<TFloat32> a = threshold(tf, u, lambda, config.threshold());
    List<Operand<TFloat32>> energy = new ArrayList<>();
    List<Operand<TFloat32>> l0 = new ArrayList<>();
    List<Operand<TFloat32>> error = new ArrayList<>();
    for (int k = 1; ; k++) {
      if (traces) {
        addTraces(tf, inputs, dictionary, a, lambda, energy, l0, error);
      }
      if (k == config.iterations()) {
        break;
      }
      u =
          tf.math.sub(
              tf.math.add(tf.math.mul(u, decay), c), lateralProduct(tf, a, m, lateral, sparseUpTo));
      a = threshold(tf, u, lambda, config.threshold());
    }
    if (!traces) {
      return new Outputs(a, null, null, null);
    }
    return new Outputs(a, tf.stack(energy), tf.stack(l0), tf.stack(error));
  }

  /**
   * A M, computed as {@code kind} says; AUTO compares the tf.where entries with {@code sparseUpTo}.
   */
  private static Operand<TFloat32> lateralProduct(
      Ops tf, Operand<TFloat32> a, Operand<TFloat32> m, Lateral kind, Operand<TInt64> sparseUpTo) {
    return switch (kind) {
      case DENSE -> tf.linalg.matMul(a, m);
      case SPARSE -> sparseProduct(tf, a, tf.where(a), m);
      case SPARSE_ENTRIES -> entriesProduct(tf, a, tf.where(a), m);
      case AUTO -> {
        Operand<TInt64> nonZero = tf.where(a); // [nnz x 2]
        Operand<TBool> dense = tf.math.greater(tf.size(nonZero, TInt64.class), sparseUpTo);
        // Switch sends each input down one branch only; the other branch's ops do not run, and
        // Merge passes on the result of the branch that ran.
        SwitchCond<TFloat32> codes = tf.switchCond(a, dense);
        SwitchCond<TInt64> where = tf.switchCond(nonZero, dense);
        yield tf.merge(
                List.of(
                    tf.linalg.matMul(codes.outputTrue(), m),
                    entries(m)
                        ? entriesProduct(tf, codes.outputFalse(), where.outputFalse(), m)
                        : sparseProduct(tf, codes.outputFalse(), where.outputFalse(), m)))
            .output();
      }
    };
  }

  /** Whether AUTO's sparse product is SPARSE_ENTRIES for a lateral matrix {@code m}. */
  private static boolean entries(Operand<TFloat32> m) {
    long atoms = m.shape().get(0);
    return atoms >= 0 && atoms <= Lateral.AUTO_ENTRIES_UP_TO_ATOMS;
  }

  /**
   * A M from the non-zero entries of A at {@code nonZero} (row-major, as tf.where gives them), as a
   * sparse tensor: each entry adds its row of M to its output row, in order.
   */
  private static Operand<TFloat32> entriesProduct(
      Ops tf, Operand<TFloat32> a, Operand<TInt64> nonZero, Operand<TFloat32> m) {
    return tf.sparse.sparseTensorDenseMatMul(
        nonZero, tf.gatherNd(a, nonZero), tf.shape(a, TInt64.class), m);
  }

  /** A M from the non-zero entries of A at {@code nonZero} (row-major, as tf.where gives them). */
  private static Operand<TFloat32> sparseProduct(
      Ops tf, Operand<TFloat32> a, Operand<TInt64> nonZero, Operand<TFloat32> m) {
    return tf.linalg.sparse.sparseMatrixMatMul(
        tf.linalg.sparse.denseToCSRSparseMatrix(a, nonZero), m);
  }

  /**
   * The transfer function a = T(u), element-wise.
   *
   * @param tf ops of the graph
   * @param u the potentials, any shape
   * @param lambda the threshold, a scalar
   * @param kind which transfer function
   * @return the activations, the shape of {@code u}
   */
  public static Operand<TFloat32> threshold(
      Ops tf, Operand<TFloat32> u, Operand<TFloat32> lambda, Threshold kind) {
    return switch (kind) {
      case HARD -> tf.math.mul(u, tf.dtypes.cast(tf.math.greater(u, lambda), TFloat32.class));
      case SOFT_NONNEGATIVE -> tf.nn.relu(tf.math.sub(u, lambda));
      case SOFT_SIGNED ->
          tf.math.mul(tf.math.sign(u), tf.nn.relu(tf.math.sub(tf.math.abs(u), lambda)));
    };
  }

  /**
   * Runs inference in a throw-away graph and session with {@link ThreadSettings#defaults()} and
   * returns the codes. For many batches, {@link CodeInference} reuses one graph.
   *
   * @param inputs one example per row, [batch][n_inputs]
   * @param dictionary [n_inputs][n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @return the codes, [batch][n_atoms]
   */
  public static float[][] infer(float[][] inputs, float[][] dictionary, LcaConfig config) {
    return infer(inputs, dictionary, config, ThreadSettings.defaults());
  }

  /**
   * As {@link #infer(float[][], float[][], LcaConfig)}, on the given thread pools. TensorFlow sizes
   * its pools once per process, from the first session: use the same settings throughout a run.
   *
   * @param inputs one example per row, [batch][n_inputs]
   * @param dictionary [n_inputs][n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @param threads intra-op and inter-op thread counts
   * @return the codes, [batch][n_atoms]
   */
  public static float[][] infer(
      float[][] inputs, float[][] dictionary, LcaConfig config, ThreadSettings threads) {
    return run(inputs, dictionary, config, false, Lateral.AUTO, threads).codes();
  }

  /**
   * As {@link #infer(float[][], float[][], LcaConfig)}, with the per-step traces (for plots and
   * tests).
   *
   * @param inputs one example per row, [batch][n_inputs]
   * @param dictionary [n_inputs][n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @return the codes and one trace value per step
   */
  public static Traced inferWithTraces(float[][] inputs, float[][] dictionary, LcaConfig config) {
    return run(inputs, dictionary, config, true, Lateral.AUTO, ThreadSettings.defaults());
  }

  /** As {@link #inferWithTraces}, with the given lateral product (for tests that compare them). */
  static Traced inferWithTraces(
      float[][] inputs, float[][] dictionary, LcaConfig config, Lateral lateral) {
    return run(inputs, dictionary, config, true, lateral, ThreadSettings.defaults());
  }

  /**
   * Session settings for unrolled LCA graphs: TensorFlow's graph optimisers (grappler) take time
   * that grows faster than linearly with the thousands of unrolled ops (about 8 s for 2000 steps on
   * a tiny problem) and gain nothing on these small matrix products, so they are switched off.
   *
   * @param threads intra-op and inter-op thread counts
   * @return the settings to open the session with
   */
  public static ConfigProto sessionConfig(ThreadSettings threads) {
    return threads.toConfigProto().toBuilder()
        .setGraphOptions(
            GraphOptions.newBuilder()
                .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))
                .setOptimizerOptions(
                    OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0)))
        .build();
  }

  private static Traced run(
      float[][] inputs,
      float[][] dictionary,
      LcaConfig config,
      boolean traces,
      Lateral lateral,
      ThreadSettings threads) {
    java.util.Objects.requireNonNull(
        threads, "threads must be a ThreadSettings, e.g. ThreadSettings.defaults()");
    int nAtoms = columns(dictionary, "dictionary");
    if (columns(inputs, "inputs") != dictionary.length) {
      throw new IllegalArgumentException(
          "inputs have "
              + inputs[0].length
              + " columns but the dictionary has "
              + dictionary.length
              + " rows: give one input per row with n_inputs = dictionary rows");
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = inputsPlaceholder(tf, dictionary.length);
      Placeholder<TFloat32> phi =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dictionary.length, nAtoms)));
      Outputs out = build(tf, x, phi, config, traces, lateral);
      try (Session s = new Session(graph, sessionConfig(threads));
          TFloat32 xt = TFloat32.tensorOf(StdArrays.ndCopyOf(inputs));
          TFloat32 pt = TFloat32.tensorOf(StdArrays.ndCopyOf(dictionary))) {
        var runner = s.runner().feed(x, xt).feed(phi, pt).fetch(out.codes());
        if (traces) {
          runner.fetch(out.energy()).fetch(out.meanL0()).fetch(out.reconstructionError());
        }
        try (Result r = runner.run()) {
          float[][] codes = StdArrays.array2dCopyOf((TFloat32) r.get(0));
          if (!traces) {
            return new Traced(codes, null, null, null);
          }
          return new Traced(
              codes,
              StdArrays.array1dCopyOf((TFloat32) r.get(1)),
              StdArrays.array1dCopyOf((TFloat32) r.get(2)),
              StdArrays.array1dCopyOf((TFloat32) r.get(3)));
        }
      }
    }
  }

  private static void addTraces(
      Ops tf,
      Operand<TFloat32> x,
      Operand<TFloat32> phi,
      Operand<TFloat32> a,
      Operand<TFloat32> lambda,
      List<Operand<TFloat32>> energy,
      List<Operand<TFloat32>> l0,
      List<Operand<TFloat32>> error) {
    Operand<TInt32> rows = tf.constant(1);
    Operand<TInt32> all = tf.constant(0);
    Operand<TFloat32> residual = tf.math.sub(x, tf.linalg.matMul(a, phi, MatMul.transposeB(true)));
    Operand<TFloat32> sq = tf.reduceSum(tf.math.square(residual), rows);
    Operand<TFloat32> l1 = tf.reduceSum(tf.math.abs(a), rows);
    Operand<TFloat32> active =
        tf.reduceSum(tf.dtypes.cast(tf.math.notEqual(a, tf.constant(0f)), TFloat32.class), rows);
    energy.add(
        tf.math.mean(
            tf.math.add(tf.math.mul(sq, tf.constant(0.5f)), tf.math.mul(l1, lambda)), all));
    l0.add(tf.math.mean(active, all));
    error.add(tf.math.mean(sq, all));
  }

  private static void checkShapes(Shape x, Shape phi) {
    if (phi.numDimensions() != 2) {
      throw new IllegalArgumentException(
          "the dictionary must be a matrix [n_inputs x n_atoms], got shape " + phi);
    }
    if (x.numDimensions() != 2) {
      throw new IllegalArgumentException(
          "inputs must be a matrix [batch x n_inputs], got shape " + x);
    }
    long in = x.get(1), rows = phi.get(0);
    if (in >= 0 && rows >= 0 && in != rows) {
      throw new IllegalArgumentException(
          "inputs have "
              + in
              + " columns but the dictionary has "
              + rows
              + " rows: the dictionary must be [n_inputs x n_atoms]");
    }
  }

  /** The common row length of a non-empty rectangular array. */
  static int columns(float[][] m, String name) {
    if (m.length == 0 || m[0].length == 0) {
      throw new IllegalArgumentException(name + " must be a non-empty matrix");
    }
    for (float[] row : m) {
      if (row.length != m[0].length) {
        throw new IllegalArgumentException(
            name
                + " must be rectangular: rows of "
                + m[0].length
                + " and "
                + row.length
                + " values");
      }
    }
    return m[0].length;
  }
}
