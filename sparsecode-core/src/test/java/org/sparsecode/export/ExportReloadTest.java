package org.sparsecode.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsecode.data.Dataset;
import org.sparsecode.features.FeatureGraph;
import org.sparsecode.features.Pca;
import org.sparsecode.features.RandomReluFeatures;
import org.sparsecode.lca.Dictionary;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.LcaEncoder;
import org.sparsecode.lca.Threshold;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.CnnClassifier;
import org.sparsecode.model.CnnConfig;
import org.sparsecode.model.ConvAutoencoderClassifier;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.EncoderGraph;
import org.sparsecode.model.L1Autoencoder;
import org.sparsecode.model.L1AutoencoderConfig;
import org.sparsecode.model.LinearProbe;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.model.OvrEncoderConfig;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every model kind, trained a few steps, exported and loaded back with TensorFlow Java's SavedModel
 * loader: each signature output equals, bit for bit, what the training session computes on the same
 * input. The MLP, the OVR-Encoder alone and the LCA encoder have their own tests in {@link
 * ExportTest} and {@link EncoderExportTest}.
 */
class ExportReloadTest {
  private static final ThreadSettings THREADS = ThreadSettings.defaults();
  private static final AdamConfig ADAM = AdamConfig.withLearningRate(1e-2f);
  private static final int SIDE = 8, ROWS = 5, STEPS = 3;

  private static float[][] random(int rows, int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[rows][width];
    for (float[] row : x) {
      for (int j = 0; j < width; j++) {
        row[j] = (float) r.nextDouble();
      }
    }
    return x;
  }

  private static TFloat32 tensor(float[][] x) {
    float[] flat = new float[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
    }
    return TFloat32.tensorOf(Shape.of(x.length, x[0].length), DataBuffers.of(flat, true, false));
  }

  /**
   * The outputs computed by {@code session}, flattened per row as {@link SavedModelRunner} gives
   * them.
   */
  private static Map<String, float[][]> inProcess(
      Session session,
      Placeholder<TFloat32> input,
      Map<String, ? extends Operand<TFloat32>> outputs,
      float[][] x) {
    Map<String, float[][]> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Operand<TFloat32>> e : outputs.entrySet()) {
      if (e.getValue().op().name().equals(input.op().name())) {
        out.put(
            e.getKey(),
            x); // the linear probe's hidden is its input; a fed placeholder cannot be fetched
        continue;
      }
      try (TFloat32 t = tensor(x);
          Result r = session.runner().feed(input, t).fetch(e.getValue()).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        int perRow = (int) (y.size() / x.length);
        float[] flat = new float[x.length * perRow];
        y.copyTo(DataBuffers.of(flat, false, false));
        float[][] rows = new float[x.length][perRow];
        for (int i = 0; i < x.length; i++) {
          System.arraycopy(flat, i * perRow, rows[i], 0, perRow);
        }
        out.put(e.getKey(), rows);
      }
    }
    return out;
  }

  private static Map<String, Operand<TFloat32>> classifierOutputs(ClassifierGraph m) {
    Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
    outputs.put(SavedModelExport.OUTPUT_LOGITS, m.logits());
    outputs.put(SavedModelExport.OUTPUT_PROBABILITIES, m.probabilities());
    outputs.put(SavedModelExport.OUTPUT_HIDDEN, m.hidden());
    outputs.putAll(m.extraOutputs());
    return outputs;
  }

  /**
   * A few optimiser steps on random labels, so that the exported weights are not the initial ones.
   */
  private static void train(ClassifierGraph m, float[][] x) {
    int[] labels = new int[x.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % m.numClasses();
    }
    for (int s = 0; s < STEPS; s++) {
      try (TFloat32 xt = tensor(x);
          TInt32 yt = TInt32.vectorOf(labels);
          Result r =
              m.graph()
                  .session()
                  .runner()
                  .feed(m.input(), xt)
                  .feed(m.labels(), yt)
                  .addTarget(m.trainStep())
                  .fetch(m.loss())
                  .run()) {
        assertTrue(Float.isFinite(((TFloat32) r.get(0)).getFloat()));
      }
    }
  }

  private static void train(ModelGraph g, EncoderGraph m, float[][] x) {
    for (int s = 0; s < STEPS; s++) {
      try (TFloat32 xt = tensor(x);
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), xt)
                  .addTarget(m.trainStep())
                  .fetch(m.loss())
                  .run()) {
        assertTrue(Float.isFinite(((TFloat32) r.get(0)).getFloat()));
      }
    }
  }

  /**
   * Loads {@code dir} with TensorFlow Java's loader and checks every output against {@code
   * expected}.
   */
  private static void assertReloadsEqual(
      Path dir, String inputName, float[][] x, Map<String, float[][]> expected) {
    try (SavedModelRunner model = SavedModelRunner.load(dir)) {
      assertEquals(inputName, model.inputName());
      assertEquals(Set.copyOf(expected.keySet()), model.outputNames());
      Map<String, float[][]> got = model.run(x);
      for (String name : expected.keySet()) {
        float[][] want = expected.get(name);
        assertEquals(want.length, got.get(name).length, name);
        for (int i = 0; i < want.length; i++) {
          assertArrayEquals(want[i], got.get(name)[i], name + " row " + i + " after reload");
        }
      }
    }
  }

  private static CnnConfig tinyCnn() {
    return CnnConfig.builder()
        .side(SIDE)
        .filters(3)
        .kernel(3)
        .stride(2)
        .classes(3)
        .lambda(1e-3f)
        .initStddev(0.5f)
        .biasInit(0.1f)
        .seed(5)
        .build();
  }

  @Test
  void cnnReloadsWithTheSameLogitsProbabilitiesAndHiddenMaps(@TempDir Path tmp) throws IOException {
    float[][] x = random(ROWS, SIDE * SIDE, 1);
    Path dir = tmp.resolve("cnn");
    Map<String, float[][]> expected;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      ClassifierGraph m = CnnClassifier.build(g, tinyCnn(), ADAM);
      train(m, x);
      expected = inProcess(g.session(), m.input(), classifierOutputs(m), x);
      SavedModelExport.export(g, m, dir);
    }
    assertEquals(4 * 4 * 3, expected.get(SavedModelExport.OUTPUT_HIDDEN)[0].length);
    assertReloadsEqual(dir, SavedModelExport.INPUT_IMAGES, x, expected);
  }

  @ParameterizedTest
  @EnumSource(Decoder.class)
  void autoencoderReloadsWithTheSameReconstruction(Decoder decoder, @TempDir Path tmp)
      throws IOException {
    float[][] x = random(ROWS, SIDE * SIDE, 2);
    Path dir = tmp.resolve(decoder.name());
    Map<String, float[][]> expected;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      ClassifierGraph m = ConvAutoencoderClassifier.build(g, tinyCnn(), decoder, 1f, ADAM);
      train(m, x);
      expected = inProcess(g.session(), m.input(), classifierOutputs(m), x);
      SavedModelExport.export(g, m, dir);
    }
    assertEquals(SIDE * SIDE, expected.get(ConvAutoencoderClassifier.RECONSTRUCTION)[0].length);
    assertReloadsEqual(dir, SavedModelExport.INPUT_IMAGES, x, expected);
  }

  @Test
  void l1AutoencoderReloadsWithTheSameCodes(@TempDir Path tmp) throws IOException {
    float[][] x = random(ROWS, 12, 3);
    Path dir = tmp.resolve("l1ae");
    Map<String, float[][]> expected;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      Pca pca = Pca.fit(dataset(random(40, 12, 4)), 6, true, THREADS);
      EncoderGraph m =
          L1Autoencoder.build(
              g,
              12,
              pca,
              pca.components(),
              L1AutoencoderConfig.builder()
                  .units(16)
                  .initStddev(0.3f)
                  .decoderStddev(0.05f)
                  .l1(1e-3f)
                  .seed(3)
                  .build(),
              ADAM);
      train(g, m, x);
      expected =
          inProcess(g.session(), m.input(), Map.of(SavedModelExport.OUTPUT_CODES, m.codes()), x);
      SavedModelExport.exportEncoder(g, m.input(), m.codes(), dir);
    }
    assertReloadsEqual(dir, SavedModelExport.INPUT_FEATURES, x, expected);
  }

  @Test
  void ovrEncoderAndItsLinearProbeReloadAndChainToTheSameLogits(@TempDir Path tmp)
      throws IOException {
    float[][] x = random(ROWS, 12, 5);
    Path encoderDir = tmp.resolve("encoder");
    Path probeDir = tmp.resolve("probe");
    int units = 16;
    float[][] codes;
    Map<String, float[][]> expectedCodes;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      Pca pca = Pca.fit(dataset(random(40, 12, 6)), 6, true, THREADS);
      EncoderGraph m =
          OvrEncoder.build(
              g,
              12,
              pca,
              pca.components(),
              OvrEncoderConfig.builder()
                  .units(units)
                  .initStddev(0.3f)
                  .lambda(1e-3f)
                  .seed(3)
                  .build(),
              ADAM);
      train(g, m, x);
      expectedCodes =
          inProcess(g.session(), m.input(), Map.of(SavedModelExport.OUTPUT_CODES, m.codes()), x);
      codes = expectedCodes.get(SavedModelExport.OUTPUT_CODES);
      SavedModelExport.exportEncoder(g, m.input(), m.codes(), encoderDir);
    }
    Map<String, float[][]> expectedProbe;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      ClassifierGraph probe = LinearProbe.build(g, units, 3, ADAM);
      train(probe, codes);
      expectedProbe = inProcess(g.session(), probe.input(), classifierOutputs(probe), codes);
      SavedModelExport.export(g, probe, probeDir);
    }
    assertReloadsEqual(encoderDir, SavedModelExport.INPUT_FEATURES, x, expectedCodes);
    assertReloadsEqual(probeDir, SavedModelExport.INPUT_FEATURES, codes, expectedProbe);
    // The two reloaded models in a chain: pixels -> codes -> logits, as a consumer would run them.
    try (SavedModelRunner encoder = SavedModelRunner.load(encoderDir);
        SavedModelRunner probe = SavedModelRunner.load(probeDir)) {
      float[][] logits =
          probe.run(encoder.run(x, SavedModelExport.OUTPUT_CODES), SavedModelExport.OUTPUT_LOGITS);
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(expectedProbe.get(SavedModelExport.OUTPUT_LOGITS)[i], logits[i]);
      }
    }
  }

  @Test
  void randomReluFeaturesReloadWithTheSameFeatures(@TempDir Path tmp) throws IOException {
    float[][] x = random(ROWS, 12, 7);
    Path dir = tmp.resolve("random");
    Map<String, float[][]> expected;
    try (ModelGraph g = new ModelGraph(THREADS)) {
      Pca pca = Pca.fit(dataset(random(40, 12, 8)), 6, true, THREADS);
      FeatureGraph map = RandomReluFeatures.build(g, 12, pca, pca.components(), 16, 0.3f, 3);
      expected =
          inProcess(
              g.session(), map.input(), Map.of(SavedModelExport.OUTPUT_CODES, map.features()), x);
      SavedModelExport.exportEncoder(g, map.input(), map.features(), dir);
    }
    int active = 0;
    for (float[] row : expected.get(SavedModelExport.OUTPUT_CODES)) {
      for (float v : row) {
        active += v > 0 ? 1 : 0;
      }
    }
    assertTrue(
        active > 0 && active < ROWS * 16, "ReLU features should be partly active: " + active);
    assertReloadsEqual(dir, SavedModelExport.INPUT_FEATURES, x, expected);
  }

  @Test
  void lcaEncoderReloadsWithTheSameCodesUnderTheSameSessionSettings(@TempDir Path tmp)
      throws IOException {
    float[][] phi = Dictionary.random(12, 10, 4).toArray();
    LcaConfig config = new LcaConfig(0.05f, 10f, 30, Threshold.SOFT_NONNEGATIVE);
    float[][] x = random(ROWS, 12, 9);
    Path dir = tmp.resolve("lca");
    LcaEncoderExport.export(phi, config, true, THREADS, dir);
    Map<String, float[][]> expected;
    try (Graph graph = new Graph()) {
      LcaEncoder encoder = LcaEncoder.build(Ops.create(graph), phi, config, true);
      try (Session s = new Session(graph, Lca.sessionConfig(THREADS))) {
        s.initialize();
        expected =
            inProcess(
                s, encoder.input(), Map.of(LcaEncoderExport.OUTPUT_CODES, encoder.codes()), x);
      }
    }
    try (SavedModelRunner model = SavedModelRunner.load(dir, Lca.sessionConfig(THREADS))) {
      assertEquals(SavedModelExport.INPUT_FEATURES, model.inputName());
      float[][] got = model.run(x, LcaEncoderExport.OUTPUT_CODES);
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(expected.get(LcaEncoderExport.OUTPUT_CODES)[i], got[i], "codes row " + i);
      }
    }
  }

  @Test
  void theRunnerAndTheExportFolderCheckNameTheProblem(@TempDir Path tmp) throws IOException {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> SavedModelRunner.load(tmp));
    assertTrue(none.getMessage().contains("no saved_model.pb"), none.getMessage());

    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("x.txt"), "x");
    IllegalArgumentException notEmpty =
        assertThrows(IllegalArgumentException.class, () -> SavedModelExport.checkTarget(full));
    assertTrue(
        notEmpty.getMessage().contains("already exists and is not empty"), notEmpty.getMessage());
    IllegalArgumentException file =
        assertThrows(
            IllegalArgumentException.class,
            () -> SavedModelExport.checkTarget(full.resolve("x.txt")));
    assertTrue(file.getMessage().contains("is a file"), file.getMessage());
    SavedModelExport.checkTarget(tmp.resolve("new/deeper")); // does not exist yet: fine
    if (Files.isDirectory(Path.of("/proc/self"))) {
      // No folder can be made under /proc, whoever runs the test.
      IllegalArgumentException unwritable =
          assertThrows(
              IllegalArgumentException.class,
              () -> SavedModelExport.checkTarget(Path.of("/proc/sparsecode-check/model")));
      assertTrue(
          unwritable.getMessage().contains("cannot write the export folder"),
          unwritable.getMessage());
    }
    SavedModelExport.checkTarget(Files.createDirectories(tmp.resolve("empty")));

    Path dir = tmp.resolve("probe");
    float[][] x = random(3, 4, 10);
    try (ModelGraph g = new ModelGraph(THREADS)) {
      SavedModelExport.export(g, LinearProbe.build(g, 4, 3, ADAM), dir);
    }
    try (SavedModelRunner model = SavedModelRunner.load(dir)) {
      assertEquals(4, model.inputWidth());
      assertEquals(List.of("hidden", "logits", "probabilities"), List.copyOf(model.outputNames()));
      IllegalArgumentException output =
          assertThrows(IllegalArgumentException.class, () -> model.run(x, "codes"));
      assertTrue(output.getMessage().contains("no output 'codes'"), output.getMessage());
      IllegalArgumentException width =
          assertThrows(IllegalArgumentException.class, () -> model.run(random(2, 5, 1)));
      assertTrue(width.getMessage().contains("takes 4 values per row"), width.getMessage());
    }
  }

  private static Dataset dataset(float[][] x) {
    float[] flat = new float[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
    }
    return new Dataset("random", flat, new int[x.length], x[0].length, 2);
  }
}
