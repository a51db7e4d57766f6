package org.sparsecode.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Tensors;
import org.sparsecode.features.Pca;
import org.sparsecode.model.EncoderGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.model.OvrEncoderConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;
import org.sparsecode.train.EncoderTrainConfig;
import org.sparsecode.train.EncoderTrainer;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class EncoderExportTest {
  /** A trained OVR-Encoder, PCA included, reloads as images -> codes with the very same codes. */
  @Test
  void reloadedEncoderGivesTheTrainingSessionsCodes(@TempDir Path tmp) throws IOException {
    Splits data = ToyData.splits();
    Path dir = tmp.resolve("encoder");
    float[] expected;
    int units = 24;
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Pca pca = Pca.fit(data.train(), 10, true, ThreadSettings.defaults());
      EncoderTrainConfig training =
          EncoderTrainConfig.builder()
              .epochs(2)
              .maxSteps(100)
              .batchSize(32)
              .shuffleSeed(3)
              .learningRate(1e-2f)
              .build();
      EncoderGraph m =
          OvrEncoder.build(
              g,
              ToyData.FEATURES,
              pca,
              pca.components(),
              OvrEncoderConfig.builder().units(units).lambda(1e-3f).seed(3).build(),
              training.optimizer());
      EncoderTrainer.train(g, m, data.train(), data.validation(), training, TrainingListener.NONE);
      try (TFloat32 x = Tensors.features(data.test(), 0, 10);
          Result r = g.session().runner().feed(m.input(), x).fetch(m.codes()).run()) {
        TFloat32 codes = (TFloat32) r.get(0);
        expected = new float[(int) codes.size()];
        codes.copyTo(DataBuffers.of(expected, false, false));
      }
      SavedModelExport.exportEncoder(g, m.input(), m.codes(), dir);
      IOException e =
          assertThrows(
              IOException.class,
              () -> SavedModelExport.exportEncoder(g, m.input(), m.codes(), dir));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }
    assertTrue(Files.exists(dir.resolve("saved_model.pb")));
    assertEquals(10 * units, expected.length);
    try (SavedModelBundle bundle =
            SavedModelBundle.loader(dir.toString()).withTags("serve").load();
        TFloat32 x = Tensors.features(data.test(), 0, 10);
        Result r =
            bundle
                .function(SavedModelExport.SIGNATURE_KEY)
                .call(Map.of(SavedModelExport.INPUT_FEATURES, x))) {
      TFloat32 got = (TFloat32) r.get(SavedModelExport.OUTPUT_CODES).orElseThrow();
      float[] codes = new float[(int) got.size()];
      got.copyTo(DataBuffers.of(codes, false, false));
      assertArrayEquals(expected, codes, "codes after reload");
    }
  }
}
