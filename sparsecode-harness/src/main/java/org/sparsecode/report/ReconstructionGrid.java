package org.sparsecode.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsecode.harness.TrialNames.Classifier;
import org.sparsecode.harness.TrialResult;

/**
 * The figure of test digits beside their reconstructions, one row per trial, drawn from the {@code
 * reconstructions.f32} artifacts an autoencoder experiment leaves (the sample images, then their
 * reconstructions, float32 little-endian).
 */
public final class ReconstructionGrid {
  private static final int SIDE = 28;

  private ReconstructionGrid() {}

  /** Writes {@code png} when every trial left reconstructions; does nothing when none did. */
  public static void writeIfPresent(
      ResultTable table, List<TrialResult> results, Path artifacts, Path png) throws IOException {
    List<float[]> originals = null;
    List<String> labels = new ArrayList<>();
    List<List<float[]>> reconstructions = new ArrayList<>();
    for (TrialResult r : results) {
      Path file = artifacts.resolve(r.trial().id()).resolve(Classifier.RECONSTRUCTIONS_FILE);
      if (!Files.isRegularFile(file)) {
        if (originals == null) {
          continue;
        }
        throw new IOException(
            file
                + " is missing while other trials have reconstructions; delete "
                + r.trial().id()
                + "'s result file to rerun that trial");
      }
      List<List<float[]>> halves = read(file);
      if (originals == null) {
        originals = halves.get(0);
      }
      double test = r.metric(org.sparsecode.model.ConvAutoencoderClassifier.RECON_MSE);
      labels.add(
          label(table, r)
              + "\n"
              + String.format(
                  java.util.Locale.ROOT,
                  "MSE %s here, %s on the test set",
                  MarkdownReport.meanSquaredError(meanSquaredError(halves.get(0), halves.get(1))),
                  Double.isFinite(test) ? MarkdownReport.meanSquaredError(test) : "n/a"));
      reconstructions.add(halves.get(1));
    }
    if (originals == null) {
      return;
    }
    List<String> caption = new ArrayList<>(table.caption().subList(1, table.caption().size()));
    caption.add(
        0,
        "Each pair: the reconstruction, then its error map (red: reconstruction too dark, blue: too"
            + " bright; full colour at |error| >= "
            + ERROR_FULL_SCALE
            + " on [0, 1]).");
    ErrorMapGrid.write(
        png,
        "Test digits, their reconstructions and error maps (" + table.title() + ")",
        SIDE,
        originals,
        labels,
        reconstructions,
        ERROR_FULL_SCALE,
        caption);
  }

  /** The |error| drawn at full colour: small enough that the best decoders' errors still show. */
  static final float ERROR_FULL_SCALE = 0.05f;

  /** Squared error per pixel over the samples. */
  static double meanSquaredError(List<float[]> originals, List<float[]> reconstructions) {
    double s = 0;
    long n = 0;
    for (int i = 0; i < originals.size(); i++) {
      for (int p = 0; p < originals.get(i).length; p++) {
        double d = originals.get(i)[p] - reconstructions.get(i)[p];
        s += d * d;
        n++;
      }
    }
    return s / n;
  }

  /**
   * The trial's grid values (the table's columns before "status"), e.g. "subpixel, lambda 1e-04".
   */
  private static String label(ResultTable table, TrialResult r) {
    List<String> parts = new ArrayList<>();
    for (String column : table.columns().subList(0, table.column("status"))) {
      Object v = r.trial().params().get(column);
      String shown =
          v instanceof Number n
              ? MarkdownReport.display(column, n.doubleValue())
              : String.valueOf(v);
      parts.add(column.equals("lambda") ? "lambda " + shown : shown);
    }
    return String.join(", ", parts);
  }

  private static List<List<float[]>> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int image = SIDE * SIDE * Float.BYTES;
    if (bytes.length == 0 || bytes.length % (2 * image) != 0) {
      throw new IOException(
          file
              + " has "
              + bytes.length
              + " bytes, not a whole number of image pairs; delete it"
              + " and the trial's result file to rerun that trial");
    }
    FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    int n = bytes.length / (2 * image);
    List<List<float[]>> halves = List.of(new ArrayList<>(), new ArrayList<>());
    for (int half = 0; half < 2; half++) {
      for (int i = 0; i < n; i++) {
        float[] pixels = new float[SIDE * SIDE];
        floats.get(pixels);
        halves.get(half).add(pixels);
      }
    }
    return halves;
  }
}
