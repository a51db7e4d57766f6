package org.sparsecode.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.LcaEncoder;
import org.sparsecode.model.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Writes LCA inference with a trained dictionary as a SavedModel: one {@code serve} signature with
 * input {@value #INPUT_IMAGES} float32 [batch, n_inputs] (pixels in [0, 1] for MNIST) and output
 * {@value #OUTPUT_CODES} float32 [batch, n_atoms]. The dictionary is a variable named {@value
 * LcaEncoder#DICTIONARY_VARIABLE}; the LCA steps are unrolled in the graph.
 */
public final class LcaEncoderExport {
  public static final String INPUT_IMAGES = SavedModelExport.INPUT_IMAGES;
  public static final String OUTPUT_CODES = "codes";

  private LcaEncoderExport() {}

  public static void export(float[][] dictionary, LcaConfig config, boolean unitNorm, ThreadSettings threads, Path dir)
      throws IOException {
    try (Graph graph = new Graph()) {
      LcaEncoder encoder = LcaEncoder.build(Ops.create(graph), dictionary, config, unitNorm);
      try (Session session = new Session(graph, Lca.sessionConfig(threads))) {
        session.initialize();
        SavedModelExport.export(
            session, Map.of(INPUT_IMAGES, encoder.images()), Map.of(OUTPUT_CODES, encoder.codes()), dir);
      }
    }
  }
}
