package org.sparsecode.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained classifier as a SavedModel with one {@code serve} signature: {@code images} in;
 * {@code logits}, {@code probabilities}, {@code hidden} (the sparse code) and the model's extra
 * outputs (such as {@code reconstruction}) out. An encoder exports as {@code images} in, {@code
 * codes} out; other graphs (an LCA encoder, say) through the general {@link #export(Session, Map,
 * Map, Path)}.
 */
public final class SavedModelExport {
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;
  public static final String INPUT_IMAGES = "images";
  public static final String OUTPUT_LOGITS = "logits";
  public static final String OUTPUT_PROBABILITIES = "probabilities";
  public static final String OUTPUT_HIDDEN = "hidden";
  /** An encoder's output. */
  public static final String OUTPUT_CODES = "codes";

  private SavedModelExport() {}

  /**
   * Exports a classifier into {@code dir}, which must not exist yet or be empty. The model is
   * written to a sibling temporary folder first and renamed into place, so a failed export leaves
   * nothing.
   */
  public static void export(ModelGraph graph, ClassifierGraph model, Path dir) throws IOException {
    Map<String, Operand<?>> outputs = new LinkedHashMap<>();
    outputs.put(OUTPUT_LOGITS, model.logits());
    outputs.put(OUTPUT_PROBABILITIES, model.probabilities());
    outputs.put(OUTPUT_HIDDEN, model.hidden());
    outputs.putAll(model.extraOutputs());
    export(graph.session(), Map.of(INPUT_IMAGES, model.images()), outputs, dir);
  }

  /**
   * Exports an encoder (images in, {@code codes} out) into {@code dir}, with the same rules as
   * {@link #export(ModelGraph, ClassifierGraph, Path)}. Any preprocessing the encoder applies is
   * part of its graph, so the SavedModel takes raw images.
   */
  public static void exportEncoder(
      ModelGraph graph, Placeholder<TFloat32> images, Operand<TFloat32> codes, Path dir) throws IOException {
    export(graph.session(), Map.of(INPUT_IMAGES, images), Map.of(OUTPUT_CODES, codes), dir);
  }

  /**
   * Exports any graph run by {@code session} with one {@code serve} signature ({@link
   * #SIGNATURE_KEY}) of the named inputs and outputs, into {@code dir}, which must not exist yet or
   * be empty. The graph's variables are saved with their values in the session. Written to a
   * sibling temporary folder first and renamed into place, so a failed export leaves nothing.
   */
  public static void export(
      Session session, Map<String, ? extends Operand<?>> inputs, Map<String, ? extends Operand<?>> outputs, Path dir)
      throws IOException {
    if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
      throw new IOException(
          dir + " already exists and is not empty; remove it or choose another output folder");
    }
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
    try {
      Signature.Builder builder = Signature.builder(SIGNATURE_KEY);
      inputs.forEach(builder::input);
      outputs.forEach(builder::output);
      SavedModelBundle.exporter(tmp.toString())
          .withTags(SavedModelBundle.DEFAULT_TAG)
          .withSession(session)
          .withSignature(builder.build())
          .export();
      Files.deleteIfExists(dir);
      Files.move(tmp, dir);
    } finally {
      deleteTree(tmp);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
