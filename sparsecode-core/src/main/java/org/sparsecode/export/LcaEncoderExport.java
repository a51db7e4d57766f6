package org.sparsecode.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.LcaEncoder;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Writes LCA inference with a trained dictionary as a SavedModel: one {@code serve} signature with
 * input {@value #INPUT_FEATURES} float32 [batch, n_inputs] (pixels in [0, 1] for MNIST) and output
 * {@value #OUTPUT_CODES} float32 [batch, n_atoms]. The dictionary is a variable named {@value
 * LcaEncoder#DICTIONARY_VARIABLE}; the LCA steps are unrolled in the graph.
 */
public final class LcaEncoderExport {
  /** The signature's input: float32 [batch, n_inputs]. */
  public static final String INPUT_FEATURES = SavedModelExport.INPUT_FEATURES;

  /** The signature's output: float32 [batch, n_atoms]. */
  public static final String OUTPUT_CODES = "codes";

  private LcaEncoderExport() {}

  /**
   * Writes the encoder as a SavedModel into {@code dir}, which must not exist or be empty.
   *
   * @param dictionary [n_inputs][n_atoms], unit-norm columns
   * @param config lambda, tau, iterations and threshold
   * @param unitNorm whether the graph divides each input by its L2 norm first
   * @param threads the session's thread pools while exporting
   * @param dir the export folder
   * @throws IOException if the folder is not empty or cannot be written
   */
  public static void export(
      float[][] dictionary, LcaConfig config, boolean unitNorm, ThreadSettings threads, Path dir)
      throws IOException {
    try (Graph graph = new Graph()) {
      LcaEncoder encoder = LcaEncoder.build(Ops.create(graph), dictionary, config, unitNorm);
      try (Session session = new Session(graph, Lca.sessionConfig(threads))) {
        session.initialize();
        SavedModelExport.export(
            session,
            Map.of(INPUT_FEATURES, encoder.input()),
            Map.of(OUTPUT_CODES, encoder.codes()),
            dir);
      }
    }
  }
}
