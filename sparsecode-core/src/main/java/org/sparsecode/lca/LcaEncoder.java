package org.sparsecode.lca;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A trained dictionary as a self-contained encoder graph: {@code input} [batch x n_inputs] in (op
 * name {@code features}), LCA codes [batch x n_atoms] out, the dictionary held in a variable (so
 * that a SavedModel carries it). With {@code unitNorm}, each image is first divided by its L2 norm
 * (an all-zero image stays zero), as the dictionaries were trained.
 */
public record LcaEncoder(Placeholder<TFloat32> input, Operand<TFloat32> codes) {
  /** Name of the variable that holds the dictionary. */
  public static final String DICTIONARY_VARIABLE = "dictionary";

  /**
   * Builds the encoder into the graph of {@code tf}; run it in a session opened with {@link
   * Lca#sessionConfig} and initialise the dictionary variable first.
   *
   * @param tf ops of the graph
   * @param dictionary [n_inputs][n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @param unitNorm whether to divide each input by its L2 norm first
   * @return the endpoints
   */
  public static LcaEncoder build(Ops tf, float[][] dictionary, LcaConfig config, boolean unitNorm) {
    Lca.columns(dictionary, "dictionary");
    Placeholder<TFloat32> images =
        Lca.inputsPlaceholder(tf.withName("features"), dictionary.length);
    Operand<TFloat32> phi = tf.withName(DICTIONARY_VARIABLE).variable(tf.constant(dictionary));
    Operand<TFloat32> x = images;
    if (unitNorm) {
      Operand<TFloat32> norm =
          tf.math.sqrt(
              tf.reduceSum(
                  tf.math.square(images),
                  tf.constant(1),
                  org.tensorflow.op.core.ReduceSum.keepDims(true)));
      x = tf.math.div(images, tf.math.maximum(norm, tf.constant(1e-12f)));
    }
    return new LcaEncoder(images, Lca.build(tf, x, phi, config, false).codes());
  }
}
