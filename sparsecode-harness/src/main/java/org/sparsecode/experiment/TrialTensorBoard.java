package org.sparsecode.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsecode.export.EventFileWriter;
import org.sparsecode.export.HParamsPluginData;
import org.sparsecode.harness.Trial;
import org.sparsecode.io.CurveCsv;

/**
 * TensorBoard records of a finished trial, beside whatever its training wrote: the trial's
 * hyper-parameters and final metrics for the HParams dashboard (a session per trial, the sweep's
 * experiment in the parent folder), and curves or images that were computed outside a graph.
 */
final class TrialTensorBoard {
  /** Final metrics are written under this tag prefix. */
  static final String FINAL = "final/";

  private TrialTensorBoard() {}

  /**
   * The trial as an HParams session in {@code dir} (its parameters, then each metric as {@code
   * final/<name>}), and the sweep's experiment summary in {@code dir}'s parent, which every trial
   * of the sweep rewrites alike.
   */
  static void finish(Path dir, Trial trial, Map<String, Double> metrics, double startSeconds)
      throws IOException {
    Map<String, Object> hparams = new LinkedHashMap<>(trial.params());
    List<String> tags = new ArrayList<>();
    long step = metrics.getOrDefault("steps", 0.0).longValue();
    try (EventFileWriter w = new EventFileWriter(dir, "hparams")) {
      w.hparamsSession(trial.table(), hparams, startSeconds);
      for (Map.Entry<String, Double> m : metrics.entrySet()) {
        if (Double.isFinite(m.getValue())) {
          w.scalar(FINAL + m.getKey(), step, m.getValue());
          tags.add(FINAL + m.getKey());
        }
      }
    }
    Path root = dir.getParent();
    if (root != null) {
      try (EventFileWriter w = new EventFileWriter(root, "hparams-experiment")) {
        w.pluginSummary(
            HParamsPluginData.EXPERIMENT_TAG,
            HParamsPluginData.PLUGIN,
            HParamsPluginData.experiment(trial.table(), hparams, tags));
      }
      deleteOlderExperimentFiles(root);
    }
  }

  /**
   * Every column but the first (the x axis) of a curve as scalars {@code <prefix>/<column>}; NaN
   * cells are skipped.
   */
  static void curve(EventFileWriter w, String prefix, List<String> columns, List<double[]> rows)
      throws IOException {
    for (double[] row : rows) {
      for (int c = 1; c < columns.size(); c++) {
        if (Double.isFinite(row[c])) {
          w.scalar(prefix + "/" + columns.get(c), (long) row[0], row[c]);
        }
      }
    }
  }

  static void curve(EventFileWriter w, String prefix, CurveCsv.Table t) throws IOException {
    curve(w, prefix, t.columns(), t.rows());
  }

  /** The atoms of {@code phi} as one image summary (see {@link #atomsPng}). */
  static void atoms(EventFileWriter w, String tag, long step, float[][] phi, int side)
      throws IOException {
    byte[] png = atomsPng(phi, side);
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    w.image(tag, step, png, image.getWidth(), image.getHeight());
  }

  /**
   * A PNG of a dictionary's atoms (columns of {@code phi}, each {@code side} x {@code side}) in a
   * square grid, each atom scaled to its own largest magnitude: grey 0, white positive, black
   * negative.
   */
  static byte[] atomsPng(float[][] phi, int side) throws IOException {
    int atoms = phi[0].length;
    int perRow = (int) Math.ceil(Math.sqrt(atoms));
    int cell = side + 1;
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(
            perRow * cell,
            ((atoms + perRow - 1) / perRow) * cell,
            java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    for (int j = 0; j < atoms; j++) {
      double max = 1e-12;
      for (float[] row : phi) {
        max = Math.max(max, Math.abs(row[j]));
      }
      int x0 = (j % perRow) * cell;
      int y0 = (j / perRow) * cell;
      for (int p = 0; p < side * side; p++) {
        int grey = (int) Math.round(127.5 + 127.5 * phi[p][j] / max);
        image.getRaster().setSample(x0 + p % side, y0 + p / side, 0, grey);
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** One experiment summary per sweep folder: keep the newest file only. */
  private static void deleteOlderExperimentFiles(Path root) throws IOException {
    List<Path> files;
    try (var s = java.nio.file.Files.list(root)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".hparams-experiment"))
              .sorted()
              .toList();
    }
    for (int i = 0; i < files.size() - 1; i++) {
      java.nio.file.Files.deleteIfExists(files.get(i));
    }
  }
}
