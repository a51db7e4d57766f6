package org.sparsecode.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsecode.experiment.ConvAutoencoderExperiment;
import org.sparsecode.harness.TrialResult;

/**
 * The figure of test digits beside their reconstructions, one row per trial, drawn from the
 * {@code reconstructions.f32} artifacts an autoencoder experiment leaves (the sample images, then
 * their reconstructions, float32 little-endian).
 */
public final class ReconstructionGrid {
  private static final int SIDE = 28;

  private ReconstructionGrid() {}

  /** Writes {@code png} when every trial left reconstructions; does nothing when none did. */
  public static void writeIfPresent(ResultTable table, List<TrialResult> results, Path artifacts, Path png)
      throws IOException {
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(ConvAutoencoderExperiment.RECONSTRUCTIONS_FILE);
      if (!Files.isRegularFile(file)) {
        if (rows.isEmpty()) {
          continue;
        }
        throw new IOException(file + " is missing while other trials have reconstructions; delete "
            + r.trial().id() + "'s result file to rerun that trial");
      }
      List<float[]>[] halves = read(file);
      if (rows.isEmpty()) {
        rows.add(new ImageGrid.Row("test images", halves[0]));
      }
      rows.add(new ImageGrid.Row(label(table, r), halves[1]));
    }
    if (rows.isEmpty()) {
      return;
    }
    List<String> caption = table.caption();
    ImageGrid.write(png, "Test digits and their reconstructions: " + table.title(), SIDE, SIDE, rows,
        caption.subList(1, caption.size()));
  }

  /** The trial's grid values (the table's columns before "status"), e.g. "subpixel, lambda 1e-04". */
  private static String label(ResultTable table, TrialResult r) {
    List<String> parts = new ArrayList<>();
    for (String column : table.columns().subList(0, table.column("status"))) {
      Object v = r.trial().params().get(column);
      String shown = v instanceof Number n ? MarkdownReport.display(column, n.doubleValue()) : String.valueOf(v);
      parts.add(column.equals("lambda") ? "lambda " + shown : shown);
    }
    return String.join(", ", parts);
  }

  @SuppressWarnings("unchecked")
  private static List<float[]>[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int image = SIDE * SIDE * Float.BYTES;
    if (bytes.length == 0 || bytes.length % (2 * image) != 0) {
      throw new IOException(file + " has " + bytes.length + " bytes, not a whole number of image pairs; delete it"
          + " and the trial's result file to rerun that trial");
    }
    FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    int n = bytes.length / (2 * image);
    List<float[]>[] halves = new List[] {new ArrayList<float[]>(), new ArrayList<float[]>()};
    for (int half = 0; half < 2; half++) {
      for (int i = 0; i < n; i++) {
        float[] pixels = new float[SIDE * SIDE];
        floats.get(pixels);
        halves[half].add(pixels);
      }
    }
    return halves;
  }
}
