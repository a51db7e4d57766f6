package org.sparsecode.lca;

import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One LCA inference graph and its session, reused for many batches and dictionaries: the dictionary
 * is fed with each call, so learning can alternate with inference without rebuilding the unrolled
 * graph. Inputs and codes are row-major float arrays. With {@code driven}, each call also takes a
 * current added to the drive ({@link Lca#buildDriven}); otherwise it is {@link Lca#build}.
 */
public final class CodeInference implements AutoCloseable {
  private final int nInputs;
  private final int nAtoms;
  private final boolean driven;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> inputs;
  private final Placeholder<TFloat32> dictionary;
  private final Placeholder<TFloat32> current;
  private final Operand<TFloat32> codes;

  /**
   * Builds the inference graph and opens its session; close it.
   *
   * @param nInputs input width
   * @param nAtoms dictionary atoms (code width)
   * @param config lambda, tau, iterations and threshold
   * @param driven whether each call takes a current added to the drive
   * @param threads the session's thread pools
   */
  public CodeInference(
      int nInputs, int nAtoms, LcaConfig config, boolean driven, ThreadSettings threads) {
    if (nInputs <= 0 || nAtoms <= 0) {
      throw new IllegalArgumentException(
          "need n_inputs > 0 and n_atoms > 0, got " + nInputs + " x " + nAtoms);
    }
    this.nInputs = nInputs;
    this.nAtoms = nAtoms;
    this.driven = driven;
    Ops tf = Ops.create(graph);
    inputs = Lca.inputsPlaceholder(tf, nInputs);
    dictionary = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(nInputs, nAtoms)));
    if (driven) {
      current = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, nAtoms)));
      codes = Lca.buildDriven(tf, inputs, dictionary, current, config);
    } else {
      current = null;
      codes = Lca.build(tf, inputs, dictionary, config, false).codes();
    }
    session = new Session(graph, Lca.sessionConfig(threads));
  }

  /**
   * @return the inference graph, for inspection (for example to fingerprint it); do not add to it
   */
  public Graph graph() {
    return graph;
  }

  /**
   * @return input width
   */
  public int nInputs() {
    return nInputs;
  }

  /**
   * @return number of atoms (the code width)
   */
  public int nAtoms() {
    return nAtoms;
  }

  /**
   * Codes [rows x n_atoms] of {@code x} [rows x n_inputs] with {@code phi} [n_inputs x n_atoms],
   * computed {@code chunk} rows at a time.
   *
   * @param x inputs, row-major [rows, n_inputs]
   * @param rows number of examples
   * @param phi the dictionary [n_inputs][n_atoms], fed with every chunk
   * @param chunk rows per session run, &gt; 0
   * @return the codes, row-major [rows, n_atoms]
   */
  public float[] codes(float[] x, int rows, float[][] phi, int chunk) {
    return codes(x, rows, phi, null, chunk);
  }

  /**
   * As {@link #codes(float[], int, float[][], int)}, with a current [rows x n_atoms] (driven only).
   *
   * @param x inputs, row-major [rows, n_inputs]
   * @param rows number of examples
   * @param phi the dictionary [n_inputs][n_atoms], fed with every chunk
   * @param currents row-major [rows, n_atoms], added to the drive; null unless built {@code driven}
   * @param chunk rows per session run, &gt; 0
   * @return the codes, row-major [rows, n_atoms]
   * @throws IllegalArgumentException when a size disagrees, or {@code currents} is given to an
   *     undriven graph (or missing from a driven one)
   */
  public float[] codes(float[] x, int rows, float[][] phi, float[] currents, int chunk) {
    if (x.length != (long) rows * nInputs) {
      throw new IllegalArgumentException(
          "inputs have " + x.length + " values, not " + rows + " rows of " + nInputs);
    }
    if (driven != (currents != null)) {
      throw new IllegalArgumentException(
          driven
              ? "this inference is driven: give a current [rows x n_atoms]"
              : "this inference takes no current; build it with driven = true to inject one");
    }
    if (currents != null && currents.length != (long) rows * nAtoms) {
      throw new IllegalArgumentException(
          "currents have " + currents.length + " values, not " + rows + " rows of " + nAtoms);
    }
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
    }
    float[] out = new float[rows * nAtoms];
    try (TFloat32 phiTensor = matrix(phi)) {
      for (int from = 0; from < rows; from += chunk) {
        int n = Math.min(chunk, rows - from);
        try (TFloat32 xt = slice(x, from, n, nInputs);
            TFloat32 ct = currents == null ? null : slice(currents, from, n, nAtoms)) {
          var runner = session.runner().feed(inputs, xt).feed(dictionary, phiTensor);
          if (ct != null) {
            runner.feed(current, ct);
          }
          try (Result r = runner.fetch(codes).run()) {
            ((TFloat32) r.get(0))
                .copyTo(
                    DataBuffers.of(out, false, false)
                        .slice((long) from * nAtoms, (long) n * nAtoms));
          }
        }
      }
    }
    return out;
  }

  private TFloat32 matrix(float[][] phi) {
    if (phi.length != nInputs || Lca.columns(phi, "dictionary") != nAtoms) {
      throw new IllegalArgumentException(
          "the dictionary must be "
              + nInputs
              + " x "
              + nAtoms
              + ", got "
              + phi.length
              + " x "
              + phi[0].length);
    }
    float[] flat = new float[nInputs * nAtoms];
    for (int i = 0; i < nInputs; i++) {
      System.arraycopy(phi[i], 0, flat, i * nAtoms, nAtoms);
    }
    return TFloat32.tensorOf(Shape.of(nInputs, nAtoms), DataBuffers.of(flat, true, false));
  }

  private static TFloat32 slice(float[] rowsMajor, int from, int n, int width) {
    return TFloat32.tensorOf(
        Shape.of(n, width),
        DataBuffers.of(rowsMajor, true, false).slice((long) from * width, (long) n * width));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
