package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Splits;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.OvrEncoder;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;
import org.sparsecode.train.TrainingListener;

/** Every kind of features through the whole trial on the toy data (20 features, 4 classes). */
class OvrEncoderExperimentTest {
  private static Trial trial(String features) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("dataset", "toy");
    p.put("train_size", 0);
    p.put("pca_components", 16);
    p.put("standardize", true);
    p.put("units", 48);
    p.put("init_stddev", 0.05);
    p.put("lambda", 1e-3);
    p.put("activity_target", 0.5);
    p.put("update_rule", "autodiff");
    p.put("batch", 32);
    p.put("learning_rate", 5e-3);
    p.put("lr_patience", 5);
    p.put("lr_factor", 0.1);
    p.put("ae_l1", 1e-3);
    p.put("ae_decoder_stddev", 0.01);
    p.put("probe_learning_rate", 0.02);
    p.put("probe_batch", 32);
    p.put("seed", 1);
    p.put("steps", 1000);
    p.put("epochs", 3);
    p.put("probe_epochs", 20);
    p.put("features", features);
    return new Trial("ovr-encoder", 0, "features_" + features, p);
  }

  private static ExperimentContext context(Splits data, Path exportRoot) {
    return new ExperimentContext(
        DataSets.of(Map.of("toy", data)),
        ThreadSettings.defaults(),
        ExperimentContext.nowhere(),
        exportRoot == null
            ? ExperimentContext.nowhere()
            : t -> Optional.of(exportRoot.resolve(t.id())),
        ExperimentContext.nowhere(),
        t -> TrainingListener.NONE);
  }

  @Test
  void everyKindOfFeaturesIsScoredByTheProbe() {
    Splits data = ToyData.splits();
    OvrEncoderExperiment experiment = new OvrEncoderExperiment();
    Map<String, Integer> widths =
        Map.of("raw", 20, "pca", 16, "random_relu", 48, "l1_autoencoder", 48, "ovr_encoder", 48);
    for (var e : widths.entrySet()) {
      TrialResult r = experiment.run(trial(e.getKey()), context(data, null));
      assertEquals(TrialResult.Status.OK, r.status(), e.getKey() + ": " + r.message());
      assertEquals((double) e.getValue(), r.metric(OvrEncoder.CODE_WIDTH), e.getKey());
      // The toy classes differ by a mean shift: any of these features separates them well.
      assertTrue(
          r.metric(Metrics.TEST_ACCURACY) > 0.9,
          e.getKey() + " accuracy " + r.metric(Metrics.TEST_ACCURACY));
      double below = r.metric(OvrEncoder.SPARSITY_BELOW_0_1);
      double zeros = r.metric(OvrEncoder.ZERO_FRACTION);
      assertTrue(zeros <= below && below <= 1, e.getKey() + ": exact zeros are below 0.1");
      boolean trained = e.getKey().equals("ovr_encoder") || e.getKey().equals("l1_autoencoder");
      assertEquals(trained ? 3.0 : Double.NaN, r.metric(OvrEncoder.ENCODER_EPOCHS), e.getKey());
      if (trained) {
        assertEquals(3 * 13.0, r.metric(Metrics.STEPS), "3 epochs of ceil(400 / 32) steps");
      }
    }
  }

  @Test
  void encoderEpochsGoToTheCurveAndToTensorBoard(@TempDir Path tmp) throws IOException {
    ExperimentContext context =
        new ExperimentContext(
            DataSets.of(Map.of("toy", ToyData.splits())),
            ThreadSettings.defaults(),
            ExperimentContext.perTrialUnder(tmp.resolve("tb")),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(tmp.resolve("artifacts")),
            t -> TrainingListener.NONE);
    Trial t = trial("ovr_encoder");
    TrialResult r = new OvrEncoderExperiment().run(t, context);
    var curve =
        org.sparsecode.io.CurveCsv.read(
            tmp.resolve("artifacts").resolve(t.id()).resolve(org.sparsecode.io.CurveCsv.FILE));
    assertArrayEquals(new double[] {1, 2, 3}, curve.column("epoch"));
    double[] validation = curve.column("validation_loss");
    assertEquals(
        r.metric(OvrEncoder.ENCODER_VALIDATION_LOSS),
        validation[2],
        1e-5 * Math.abs(validation[2]));
    var scalars =
        org.sparsecode.testing.EventFiles.scalars(
            org.sparsecode.testing.EventFiles.readAll(tmp.resolve("tb").resolve(t.id())));
    for (int e = 0; e < 3; e++) {
      assertEquals(
          (float) validation[e],
          scalars.get("encoder/validation_loss").get((long) (e + 1)),
          1e-5f * Math.abs((float) validation[e]));
    }
    assertTrue(scalars.containsKey("probe/validation_accuracy"), scalars.keySet().toString());
    assertEquals(
        (float) r.metric(Metrics.TEST_ACCURACY),
        scalars.get("final/" + Metrics.TEST_ACCURACY).values().iterator().next(),
        0f);
  }

  @Test
  void exportsTheEncoderAndRefusesToExportRawPixels(@TempDir Path tmp) {
    Splits data = ToyData.splits();
    OvrEncoderExperiment experiment = new OvrEncoderExperiment();
    TrialResult r = experiment.run(trial("ovr_encoder"), context(data, tmp));
    assertEquals(TrialResult.Status.OK, r.status());
    assertTrue(Files.exists(tmp.resolve("features_ovr_encoder").resolve("saved_model.pb")));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> experiment.run(trial("raw"), context(data, tmp)));
    assertTrue(e.getMessage().contains("--set features=ovr_encoder"), e.getMessage());
  }

  @Test
  void aTrialForAnotherDataSetOrABadSettingSaysWhatToChange() {
    Splits data = ToyData.splits();
    Map<String, Object> p = new LinkedHashMap<>(trial("pca").params());
    p.put("dataset", "cifar10");
    Trial other = new Trial("ovr-encoder", 0, "x", p);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> OvrEncoderExperiment.select(other, data));
    assertTrue(
        e.getMessage().contains("cifar10") && e.getMessage().contains("toy-train"), e.getMessage());
    p.put("dataset", "toy");
    p.put("train_size", 100);
    assertEquals(
        100, OvrEncoderExperiment.select(new Trial("ovr-encoder", 0, "x", p), data).train().size());
    p.put("features", "sift");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new OvrEncoderExperiment()
                    .run(new Trial("ovr-encoder", 0, "x", p), context(data, null)));
    assertTrue(e.getMessage().contains("ovr_encoder"), e.getMessage());
  }
}
