package org.sparsecode.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Loads a SavedModel written by {@link SavedModelExport} or {@link LcaEncoderExport} and runs its
 * {@code serve} signature on rows of floats, returning each output by its signature name. It holds
 * the model's graph and session: close it.
 *
 * <pre>{@code
 * try (SavedModelRunner model = SavedModelRunner.load(Path.of("target/models/fc"))) {
 *   float[][] probabilities = model.run(features, "probabilities");
 * }
 * }</pre>
 */
public final class SavedModelRunner implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;
  private final int inputWidth;

  private SavedModelRunner(SavedModelBundle bundle) {
    this.bundle = bundle;
    Optional<SessionFunction> serve =
        bundle.functions().stream()
            .filter(f -> f.signature().key().equals(SavedModelExport.SIGNATURE_KEY))
            .findFirst();
    if (serve.isEmpty()) {
      bundle.close();
      throw new IllegalArgumentException(
          "the SavedModel has no "
              + SavedModelExport.SIGNATURE_KEY
              + " signature; export it with SavedModelExport");
    }
    this.function = serve.get();
    Set<String> inputs = function.signature().inputNames();
    if (inputs.size() != 1) {
      bundle.close();
      throw new IllegalArgumentException(
          "the SavedModel's signature takes "
              + inputs
              + "; this loader runs signatures with one input");
    }
    this.inputName = inputs.iterator().next();
    Shape shape = function.signature().getInputs().get(inputName).shape;
    this.inputWidth =
        shape != null && shape.numDimensions() == 2 && shape.get(1) > 0 ? (int) shape.get(1) : -1;
  }

  /**
   * Loads the SavedModel in {@code dir} with the {@code serve} tag.
   *
   * @param dir a folder written by {@link SavedModelExport}
   * @return the loaded model, to be closed
   * @throws IllegalArgumentException if {@code dir} holds no SavedModel
   */
  public static SavedModelRunner load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          dir + " holds no saved_model.pb; give the folder SavedModelExport wrote");
    }
    return new SavedModelRunner(
        SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG));
  }

  /**
   * As {@link #load(Path)}, with the session's settings (for example its thread pools, from {@code
   * ThreadSettings.toConfigProto()}).
   *
   * @param dir a folder written by {@link SavedModelExport}
   * @param sessionConfig the session's settings
   * @return the loaded model, to be closed
   */
  public static SavedModelRunner load(Path dir, ConfigProto sessionConfig) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          dir + " holds no saved_model.pb; give the folder SavedModelExport wrote");
    }
    return new SavedModelRunner(
        SavedModelBundle.loader(dir.toString())
            .withTags(SavedModelBundle.DEFAULT_TAG)
            .withConfigProto(sessionConfig)
            .load());
  }

  /**
   * @return the signature's input name: {@code features} or {@code images}
   */
  public String inputName() {
    return inputName;
  }

  /**
   * @return features per example the model takes, or -1 if the signature does not say
   */
  public int inputWidth() {
    return inputWidth;
  }

  /**
   * @return the signature's output names, sorted
   */
  public Set<String> outputNames() {
    return new TreeSet<>(function.signature().outputNames());
  }

  /**
   * Runs the signature on {@code rows} and returns every output.
   *
   * @param rows one example per row, each of {@link #inputWidth()} values
   * @return each output by name as [rows][values per example]; an output of higher rank (the CNN's
   *     hidden maps [batch, h, w, c]) is flattened per example in row-major order
   */
  public Map<String, float[][]> run(float[][] rows) {
    return run(rows, List.copyOf(outputNames()));
  }

  /**
   * Runs the signature on {@code rows} and returns one output.
   *
   * @param rows one example per row, each of {@link #inputWidth()} values
   * @param output an output name from {@link #outputNames()}
   * @return the output as [rows][values per example], flattened per example
   */
  public float[][] run(float[][] rows, String output) {
    return run(rows, List.of(output)).get(output);
  }

  private Map<String, float[][]> run(float[][] rows, List<String> outputs) {
    for (String name : outputs) {
      if (!function.signature().outputNames().contains(name)) {
        throw new IllegalArgumentException(
            "the SavedModel has no output '" + name + "'; it has " + outputNames());
      }
    }
    if (rows.length == 0) {
      throw new IllegalArgumentException("give at least one row");
    }
    int width = rows[0].length;
    if (inputWidth >= 0 && width != inputWidth) {
      throw new IllegalArgumentException(
          "the model takes " + inputWidth + " values per row, got " + width);
    }
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            "rows must all have " + width + " values; row " + i + " has " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    Map<String, float[][]> out = new LinkedHashMap<>();
    try (TFloat32 x =
            TFloat32.tensorOf(Shape.of(rows.length, width), DataBuffers.of(flat, true, false));
        Result r = function.call(Map.<String, Tensor>of(inputName, x))) {
      for (String name : outputs) {
        Tensor t = r.get(name).orElseThrow();
        if (!(t instanceof TFloat32 y)) {
          throw new IllegalStateException("output " + name + " is not float32");
        }
        int perRow = (int) (y.shape().size() / rows.length);
        float[] values = new float[rows.length * perRow];
        y.copyTo(DataBuffers.of(values, false, false));
        float[][] result = new float[rows.length][perRow];
        for (int i = 0; i < rows.length; i++) {
          System.arraycopy(values, i * perRow, result[i], 0, perRow);
        }
        out.put(name, result);
      }
    }
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
