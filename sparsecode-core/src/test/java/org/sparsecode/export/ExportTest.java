package org.sparsecode.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.eval.Tensors;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.LcaEncoder;
import org.sparsecode.lca.Threshold;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.types.TFloat32;

class ExportTest {
  private static final AdamConfig ADAM = AdamConfig.withLearningRate(1e-2f);

  private static FcConfig net() {
    return FcConfig.builder()
        .inputs(IN)
        .hidden(16)
        .classes(CLASSES)
        .initStddev(0.1f)
        .biasInit(0.1f)
        .seed(3)
        .build();
  }

  private static final int IN = ToyData.FEATURES, CLASSES = ToyData.CLASSES;

  private static float[] floats(Tensor t) {
    float[] out = new float[(int) t.size()];
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void reloadedSavedModelGivesTheTrainingSessionsOutputs(@TempDir Path tmp) throws IOException {
    Splits data = ToyData.splits();
    Path dir = tmp.resolve("model");
    Map<String, float[]> expected = new HashMap<>();
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.l1(net(), 1e-4f), ADAM);
      Trainer.train(g, m, data, new TrainConfig(50, 20, 25, 3, ADAM), TrainingListener.NONE);
      try (TFloat32 x = Tensors.features(data.test(), 0, 10);
          Result r =
              g.session()
                  .runner()
                  .feed(m.input(), x)
                  .fetch(m.logits())
                  .fetch(m.probabilities())
                  .fetch(m.hidden())
                  .run()) {
        expected.put("logits", floats(r.get(0)));
        expected.put("probabilities", floats(r.get(1)));
        expected.put("hidden", floats(r.get(2)));
      }
      SavedModelExport.export(g, m, dir);
      // A second export into the same folder is refused rather than mixed with the first.
      IOException e = assertThrows(IOException.class, () -> SavedModelExport.export(g, m, dir));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }
    assertTrue(Files.exists(dir.resolve("saved_model.pb")));

    try (SavedModelBundle bundle =
            SavedModelBundle.loader(dir.toString()).withTags("serve").load();
        TFloat32 x = Tensors.features(data.test(), 0, 10);
        Result r = bundle.function(SavedModelExport.SIGNATURE_KEY).call(Map.of("features", x))) {
      for (String name : List.of("logits", "probabilities", "hidden")) {
        Tensor got = r.get(name).orElseThrow();
        assertArrayEquals(expected.get(name), floats(got), name + " after reload");
      }
    }
  }

  @Test
  void lcaEncoderReloadsWithTheSameCodes(@TempDir Path tmp) throws IOException {
    float[][] phi = org.sparsecode.lca.Dictionary.random(IN, 12, 4).toArray();
    LcaConfig config = new LcaConfig(0.05f, 10f, 40, Threshold.SOFT_NONNEGATIVE);
    float[] images = java.util.Arrays.copyOf(ToyData.splits().test().features(), 6 * IN);
    Path dir = tmp.resolve("lca");
    LcaEncoderExport.export(phi, config, true, ThreadSettings.defaults(), dir);

    // The same codes as plain LCA on the images divided by their norms (a default loader runs the
    // graph optimisers, which may change the last bits).
    float[][] unit = new float[6][IN];
    for (int n = 0; n < 6; n++) {
      double norm = 0;
      for (int i = 0; i < IN; i++) {
        norm += (double) images[n * IN + i] * images[n * IN + i];
      }
      for (int i = 0; i < IN; i++) {
        unit[n][i] = (float) (images[n * IN + i] / Math.sqrt(norm));
      }
    }
    float[][] expected = Lca.infer(unit, phi, config);
    int active = 0;
    try (SavedModelBundle bundle =
            SavedModelBundle.loader(dir.toString()).withTags("serve").load();
        TFloat32 x =
            TFloat32.tensorOf(
                org.tensorflow.ndarray.Shape.of(6, IN), DataBuffers.of(images, true, false));
        Result r = bundle.function(SavedModelExport.SIGNATURE_KEY).call(Map.of("features", x))) {
      float[] codes = floats(r.get(LcaEncoderExport.OUTPUT_CODES).orElseThrow());
      assertEquals(6 * 12, codes.length);
      for (int n = 0; n < 6; n++) {
        for (int j = 0; j < 12; j++) {
          assertEquals(expected[n][j], codes[n * 12 + j], 1e-5f, "code[" + n + "][" + j + "]");
          active += codes[n * 12 + j] != 0 ? 1 : 0;
        }
      }
    }
    assertTrue(active > 0 && active < 6 * 12, "codes should be sparse but not empty: " + active);
    // And exactly the codes of the encoder graph before export.
    try (org.tensorflow.Graph graph = new org.tensorflow.Graph()) {
      LcaEncoder encoder = LcaEncoder.build(org.tensorflow.op.Ops.create(graph), phi, config, true);
      try (org.tensorflow.Session s =
              new org.tensorflow.Session(graph, Lca.sessionConfig(ThreadSettings.defaults()));
          TFloat32 x =
              TFloat32.tensorOf(
                  org.tensorflow.ndarray.Shape.of(6, IN), DataBuffers.of(images, true, false));
          // Loaded with the same session settings (graph optimisers off), the codes are
          // bit-identical.
          SavedModelBundle bundle =
              SavedModelBundle.loader(dir.toString())
                  .withTags("serve")
                  .withConfigProto(Lca.sessionConfig(ThreadSettings.defaults()))
                  .load();
          TFloat32 x2 =
              TFloat32.tensorOf(
                  org.tensorflow.ndarray.Shape.of(6, IN), DataBuffers.of(images, true, false))) {
        s.initialize();
        try (Result before = s.runner().feed(encoder.input(), x).fetch(encoder.codes()).run();
            Result after =
                bundle.function(SavedModelExport.SIGNATURE_KEY).call(Map.of("features", x2))) {
          assertArrayEquals(
              floats(before.get(0)),
              floats(after.get("codes").orElseThrow()),
              "codes after reload");
        }
      }
    }
  }

  @Test
  void tensorBoardEventsHoldTheScalarsAndTheHistogram(@TempDir Path tmp) throws IOException {
    Splits data = ToyData.splits();
    Path logDir = tmp.resolve("tb");
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m = MlpClassifier.build(g, MlpConfig.l1(net(), 0f), ADAM);
      try (TensorBoardLogger tb =
          new TensorBoardLogger(g, m, logDir, data.validation().slice("sample", 0, 50), 10)) {
        tb.onStep(10, 1.25f);
        tb.onStep(11, 9f); // not a multiple of 10: not written
        tb.onEvaluation(20, new Evaluation(100, 0.875, 0.4, 3.5, 0.2, 0.0625, Map.of()));
      }
    }
    Path events;
    try (Stream<Path> files = Files.list(logDir)) {
      events =
          files
              .filter(p -> p.getFileName().toString().startsWith("events.out.tfevents"))
              .findFirst()
              .orElseThrow();
    }
    Map<String, Float> scalars = new HashMap<>();
    Map<String, Long> steps = new HashMap<>();
    boolean histogram = false;
    for (Event ev : readEvents(events)) {
      for (Summary.Value v : ev.getSummary().getValueList()) {
        if (v.hasHisto()) {
          histogram = true;
          assertEquals("hidden_activations", v.getTag());
          // 50 samples of 16 units: 800 activations counted.
          assertEquals(800.0, v.getHisto().getNum(), 0.0);
          assertTrue(v.getHisto().getMin() >= 0, "ReLU activations are never negative");
        } else {
          scalars.put(v.getTag(), v.getSimpleValue());
          steps.put(v.getTag(), ev.getStep());
        }
      }
    }
    assertEquals(
        Map.of(
            "train/loss",
            1.25f,
            "validation/accuracy",
            0.875f,
            "validation/avr",
            3.5f,
            "validation/dead_fraction",
            0.0625f),
        scalars);
    assertEquals(10L, steps.get("train/loss"));
    assertEquals(20L, steps.get("validation/avr"));
    assertTrue(histogram, "histogram of hidden activations written");
  }

  /** Reads TFRecord framing: length (8 bytes LE), its CRC (4), payload, payload CRC (4). */
  static List<Event> readEvents(Path file) throws IOException {
    List<Event> events = new java.util.ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      while (true) {
        byte[] header = new byte[12];
        try {
          data.readFully(header);
        } catch (EOFException end) {
          return events;
        }
        long length = ByteBuffer.wrap(header, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        data.readFully(new byte[4]);
        events.add(Event.parseFrom(payload));
      }
    }
  }
}
