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
 * Writes a trained model as a SavedModel with one {@code serve} signature ({@value
 * #SIGNATURE_KEY}). A classifier takes its input by its own name ({@code features} for an MLP or a
 * linear probe, {@code images} for the convolutional models) and gives {@code logits}, {@code
 * probabilities}, {@code hidden} (the sparse code) and its extra outputs (such as {@code
 * reconstruction}). An encoder takes {@code features} and gives {@code codes}; other graphs go
 * through the general {@link #export(Session, Map, Map, Path)}. {@link SavedModelRunner} loads them
 * back.
 *
 * <p>Call {@link #checkTarget(Path)} before training, so that a folder that cannot be written is
 * reported before the time is spent.
 */
public final class SavedModelExport {
  /** The signature's key, {@code serving_default}. */
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;

  /** Input name of the convolutional classifiers: float32 [batch, side*side], pixels in [0, 1]. */
  public static final String INPUT_IMAGES = "images";

  /** Input name of the MLP, the linear probe and every encoder: float32 [batch, features]. */
  public static final String INPUT_FEATURES = "features";

  /** Output: float32 [batch, classes]. */
  public static final String OUTPUT_LOGITS = "logits";

  /** Output: the softmax of the logits, float32 [batch, classes]. */
  public static final String OUTPUT_PROBABILITIES = "probabilities";

  /** Output: the sparse hidden representation, float32 [batch, ...] (the model's own shape). */
  public static final String OUTPUT_HIDDEN = "hidden";

  /** An encoder's output. */
  public static final String OUTPUT_CODES = "codes";

  private SavedModelExport() {}

  /**
   * Checks, before any training, that {@code dir} can receive an export: it does not exist or is an
   * empty folder, and a file can be written beside it. The folder above it is created if missing
   * (as the export would); a probe file is written there and deleted.
   *
   * @param dir the export folder
   * @throws IllegalArgumentException saying what is wrong and what to do
   */
  public static void checkTarget(Path dir) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException(
              "export folder " + dir + " is a file; choose a folder that does not exist yet");
        }
        if (!isEmpty(dir)) {
          throw new IllegalArgumentException(
              "export folder "
                  + dir
                  + " already exists and is not empty; remove it or choose another folder");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the export folder " + dir + ": " + e.getMessage(), e);
    }
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Files.delete(Files.createTempFile(parent, ".write-check", ""));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot write the export folder "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); choose a folder you can write to",
          e);
    }
  }

  /**
   * Exports a classifier into {@code dir}, which must not exist yet or be empty. The model is
   * written to a sibling temporary folder first and renamed into place, so a failed export leaves
   * nothing. The signature's input is named {@link ClassifierGraph#inputName()}.
   *
   * @param graph the graph whose session holds the trained values
   * @param model the classifier
   * @param dir the export folder
   * @throws IOException if the folder is not empty or cannot be written
   */
  public static void export(ModelGraph graph, ClassifierGraph model, Path dir) throws IOException {
    Map<String, Operand<?>> outputs = new LinkedHashMap<>();
    outputs.put(OUTPUT_LOGITS, model.logits());
    outputs.put(OUTPUT_PROBABILITIES, model.probabilities());
    Operand<TFloat32> hidden = model.hidden();
    if (hidden.op().name().equals(model.input().op().name())) {
      // A linear probe's hidden representation is its input: a fed placeholder cannot also be
      // fetched, so the signature serves it through an Identity added for the export.
      hidden = graph.tf().withName(OUTPUT_HIDDEN).identity(hidden);
    }
    outputs.put(OUTPUT_HIDDEN, hidden);
    outputs.putAll(model.extraOutputs());
    export(graph.session(), Map.of(model.inputName(), model.input()), outputs, dir);
  }

  /**
   * Exports an encoder ({@value #INPUT_FEATURES} in, {@value #OUTPUT_CODES} out) into {@code dir},
   * with the same rules as {@link #export(ModelGraph, ClassifierGraph, Path)}. Any preprocessing
   * the encoder applies is part of its graph, so the SavedModel takes raw features.
   *
   * @param graph the graph whose session holds the trained values
   * @param input the encoder's input placeholder [batch, features]
   * @param codes its output [batch, units]
   * @param dir the export folder
   * @throws IOException if the folder is not empty or cannot be written
   */
  public static void exportEncoder(
      ModelGraph graph, Placeholder<TFloat32> input, Operand<TFloat32> codes, Path dir)
      throws IOException {
    export(graph.session(), Map.of(INPUT_FEATURES, input), Map.of(OUTPUT_CODES, codes), dir);
  }

  /**
   * Exports any graph run by {@code session} with one {@code serve} signature ({@link
   * #SIGNATURE_KEY}) of the named inputs and outputs, into {@code dir}, which must not exist yet or
   * be empty. The graph's variables are saved with their values in the session. Written to a
   * sibling temporary folder first and renamed into place, so a failed export leaves nothing.
   *
   * @param session the session holding the variables' values
   * @param inputs the signature's inputs by name
   * @param outputs the signature's outputs by name
   * @param dir the export folder
   * @throws IOException if the folder is not empty or cannot be written
   */
  public static void export(
      Session session,
      Map<String, ? extends Operand<?>> inputs,
      Map<String, ? extends Operand<?>> outputs,
      Path dir)
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
