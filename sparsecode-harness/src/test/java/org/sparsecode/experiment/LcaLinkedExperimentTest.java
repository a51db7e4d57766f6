package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.glyphs.DigitGlyphs;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.Npy;
import org.sparsecode.lca.OrdinalBlocks;
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.ResultTable;
import org.sparsecode.report.SweepReports;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;

/**
 * The linked-dictionary sweep end to end on a small stand-in for MNIST (each image the rendered
 * digit of its class plus noise), with the real sweep file and tiny settings: metrics, the code
 * cache, its rebuild from the dictionary, and the report with its figures.
 */
class LcaLinkedExperimentTest {
  private static final int W = 784;
  private static final Map<String, Object> TINY =
      Map.ofEntries(
          Map.entry("neurons", 30),
          Map.entry("block_size", 3),
          Map.entry("iterations", 30),
          Map.entry("tau", 10),
          Map.entry("eta", 0.5),
          Map.entry("batch", 20),
          Map.entry("steps", 12),
          Map.entry("dead_window", 4),
          Map.entry("coded_train", 60),
          Map.entry("inference_chunk", 64),
          Map.entry("init", "examples"));

  @Test
  void sweepEndToEnd(@TempDir Path tmp) throws IOException {
    Splits data = glyphsWithNoise();
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "lca-linked");
    assertEquals(LcaLinked.MODEL, spec.model());
    Experiment experiment = Experiments.forModel(spec.model());
    Path artifacts = tmp.resolve("artifacts");
    Path tensorboard = tmp.resolve("tb");
    ExperimentContext context =
        new ExperimentContext(
            org.sparsecode.data.DataSets.of(
                java.util.Map.of(org.sparsecode.data.DataSets.MNIST, data)),
            ThreadSettings.defaults(),
            ExperimentContext.perTrialUnder(tensorboard),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(artifacts),
            t -> TrainingListener.NONE);
    List<TrialResult> results = new ArrayList<>();
    for (Trial t : spec.expand("quick")) {
      if (!SweepSpec.pointId(t.id()).equals(t.id())) {
        continue; // the first seed: one trial per kind of features
      }
      Map<String, Object> params = new LinkedHashMap<>(t.params());
      params.putAll(TINY);
      results.add(experiment.run(new Trial(t.table(), t.index(), t.id(), params), context));
    }
    assertEquals(
        java.util.Arrays.stream(LcaFeatures.values()).map(LcaFeatures::trialId).toList(),
        results.stream().map(r -> r.trial().id()).toList());

    TrialResult linked = results.get(1);
    Path dir = artifacts.resolve(linked.trial().id());
    Splits codes = LcaLinkedExperiment.codes(dir);
    assertEquals(60, codes.train().size());
    assertEquals(30, codes.train().featureSize());
    assertArrayEquals(java.util.Arrays.copyOf(data.train().labels(), 60), codes.train().labels());
    assertArrayEquals(data.validation().labels(), codes.validation().labels());
    assertArrayEquals(data.test().labels(), codes.test().labels());

    // The metrics agree with the cached test codes.
    float[] test = codes.test().features();
    int[] counts = Npy.read(dir.resolve(LcaLinked.TEST_ACTIVE_COUNTS)).ints();
    double l0 = 0;
    for (int n = 0; n < 100; n++) {
      int active = 0;
      for (int j = 0; j < 30; j++) {
        active += test[n * 30 + j] != 0 ? 1 : 0;
      }
      assertEquals(active, counts[n], "active atoms of test image " + n);
      l0 += active / 100.0;
    }
    assertTrue(l0 > 0 && l0 < 30, "codes should be sparse, not empty: " + l0);
    assertEquals(l0, linked.metric(LcaLinked.L0_MNIST), 1e-9);
    double[] purity = new OrdinalBlocks(30, 10, 3).purity(test, data.test().labels());
    assertEquals(purity[10], linked.metric(LcaLinked.BLOCK_PURITY), 1e-12);
    assertEquals(purity[4], linked.metric(LcaLinked.blockPurity(4)), 1e-12);
    // Images are their class's glyph plus noise: the glyph dictionary should name the class.
    assertTrue(
        linked.metric(LcaLinked.CROSS_MODAL_ACCURACY) > 0.8,
        "cross-modal accuracy " + linked.metric(LcaLinked.CROSS_MODAL_ACCURACY));
    assertTrue(
        Double.isNaN(results.get(0).metric(LcaLinked.CROSS_MODAL_ACCURACY)),
        "the MNIST-only dictionary has no second modality");

    // The learning curve: one row per dead window (12 steps, windows of 4), test scores at the end.
    org.sparsecode.io.CurveCsv.Table curve =
        org.sparsecode.io.CurveCsv.read(dir.resolve(org.sparsecode.io.CurveCsv.FILE));
    assertArrayEquals(new double[] {4, 8, 12}, curve.column("step"));
    double[] crossModal = curve.column("cross_modal_accuracy");
    assertTrue(
        crossModal[2] >= 0 && crossModal[2] <= 1, "scored at the last step: " + crossModal[2]);
    double[] inference =
        org.sparsecode.io.CurveCsv.read(dir.resolve(LcaLinkedExperiment.INFERENCE_CURVE))
            .column("energy");
    assertEquals(30, inference.length);
    assertTrue(inference[29] < inference[0], "LCA lowers the energy");

    // TensorBoard: the same curves as scalars, the atoms as an image, the trial as an HParams
    // session.
    var events =
        org.sparsecode.testing.EventFiles.readAll(tensorboard.resolve(linked.trial().id()));
    var scalars = org.sparsecode.testing.EventFiles.scalars(events);
    double[] energy = curve.column("energy");
    for (int w = 0; w < 3; w++) {
      assertEquals(
          (float) energy[w],
          scalars.get("hebbian/energy").get((long) (4 * (w + 1))),
          1e-5f * Math.abs((float) energy[w]));
    }
    assertEquals(
        (float) inference[29],
        scalars.get("lca_inference/energy").get(30L),
        1e-5f * Math.abs((float) inference[29]));
    assertEquals(
        (float) linked.metric(LcaLinked.CROSS_MODAL_ACCURACY),
        scalars.get("final/" + LcaLinked.CROSS_MODAL_ACCURACY).get(12L),
        1e-7f);
    var atoms =
        org.sparsecode.testing.EventFiles.values(events, "dictionary/glyph_atoms")
            .get(0)
            .getImage();
    // 30 atoms of 28 x 28 in rows of 6, one pixel apart.
    assertEquals(6 * 29, atoms.getWidth());
    assertEquals(5 * 29, atoms.getHeight());
    java.awt.image.BufferedImage decoded =
        javax.imageio.ImageIO.read(atoms.getEncodedImageString().newInput());
    assertEquals(6 * 29, decoded.getWidth());
    assertEquals(
        1,
        org.sparsecode.testing.EventFiles.values(
                events, org.sparsecode.export.HParamsPluginData.SESSION_START_TAG)
            .size());
    assertTrue(
        org.sparsecode.testing.EventFiles.readAll(tensorboard).stream()
            .anyMatch(
                e ->
                    e.getSummary().getValueList().stream()
                        .anyMatch(
                            v ->
                                v.getTag()
                                    .equals(
                                        org.sparsecode.export.HParamsPluginData.EXPERIMENT_TAG))),
        "the sweep's experiment summary");

    // Without the cache, the codes are rebuilt from the dictionary, identical, and cached again.
    deleteTree(dir.resolve(LcaLinkedExperiment.CODES_DIR));
    assertThrows(IOException.class, () -> LcaLinkedExperiment.codes(dir));
    Splits rebuilt =
        LcaLinkedExperiment.codes(linked.trial(), dir, data, ThreadSettings.defaults());
    assertArrayEquals(test, rebuilt.test().features());
    assertArrayEquals(codes.train().features(), LcaLinkedExperiment.codes(dir).train().features());

    Path csv = tmp.resolve("reports/lca-linked.csv");
    Path md = tmp.resolve("reports/lca-linked.md");
    Path png = tmp.resolve("graphs/lca-linked.png");
    String table =
        SweepReports.forModel(spec.model())
            .write(spec, "quick", results, "test", csv, md, png, artifacts);
    assertTrue(table.contains("ordinal_current"), table);
    ResultTable back = CsvReport.read(csv);
    assertEquals(4, back.rows().size());
    assertEquals(
        linked.metric(LcaLinked.CROSS_MODAL_ACCURACY),
        back.numbers(LcaLinked.CROSS_MODAL_ACCURACY).get(1),
        1e-12);
    assertTrue(Files.readString(md).contains("## Block purity per class"));
    for (String figure :
        List.of(
            "",
            "-activity",
            "-glyph-activity",
            "-dictionaries",
            "-reconstructions",
            "-cross-modal",
            "-ordinal")) {
      Path f = png.resolveSibling("lca-linked" + figure + ".png");
      assertTrue(Files.size(f) > 1000, f + " written");
    }
  }

  @Test
  void badSettingsAreRejectedWithTheFix() {
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "lca-linked");
    Trial t = spec.expand("quick").get(0);
    Map<String, Object> params = new LinkedHashMap<>(t.params());
    params.put("input_norm", "l1");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LcaLinkedExperiment.Settings.from(new Trial(t.table(), 0, t.id(), params)));
    assertTrue(e.getMessage().contains("unit or none"), e.getMessage());
    params.put("input_norm", "unit");
    params.put("neurons", 200);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LcaLinkedExperiment.Settings.from(new Trial(t.table(), 0, t.id(), params)));
    assertTrue(e.getMessage().contains("use more neurons or smaller blocks"), e.getMessage());
    params.put("neurons", 256);
    params.put("features", "both");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LcaLinkedExperiment.Settings.from(new Trial(t.table(), 0, t.id(), params)));
    assertTrue(
        e.getMessage().contains("single, linked, ordinal_modality, ordinal_current"),
        e.getMessage());
  }

  /** Train 200, validation 40, test 100 (ten per class): glyph of the class plus uniform noise. */
  static Splits glyphsWithNoise() {
    Random r = new Random(3);
    return new Splits(noisy("train", 200, r), noisy("validation", 40, r), noisy("test", 100, r));
  }

  private static Dataset noisy(String name, int n, Random r) {
    float[][] glyphs = DigitGlyphs.all();
    float[] x = new float[n * W];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < W; p++) {
        x[i * W + p] = Math.min(1f, glyphs[labels[i]][p] + 0.3f * r.nextFloat());
      }
    }
    return new Dataset(name, x, labels, W, 10);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
