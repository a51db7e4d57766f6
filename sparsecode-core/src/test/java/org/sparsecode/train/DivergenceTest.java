package org.sparsecode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;

class DivergenceTest {

  @Test
  void aNonFiniteLossStopsTrainingWithTheStepAndTheFix() {
    Splits good = ToyData.splits();
    float[] poisoned = good.train().features().clone();
    java.util.Arrays.fill(poisoned, Float.NaN);
    Dataset bad =
        new Dataset(
            "nan",
            poisoned,
            good.train().labels(),
            good.train().featureSize(),
            good.train().numClasses());
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph m =
          MlpClassifier.build(
              g,
              MlpConfig.l1(
                  FcConfig.builder()
                      .inputs(ToyData.FEATURES)
                      .hidden(8)
                      .classes(ToyData.CLASSES)
                      .seed(1)
                      .build(),
                  0f));
      DivergedException e =
          assertThrows(
              DivergedException.class,
              () ->
                  Trainer.train(
                      g,
                      m,
                      new Splits(bad, good.validation(), good.test()),
                      new TrainConfig(10, 5, 5, 1),
                      TrainingListener.NONE));
      assertEquals(1, e.step());
      assertTrue(Float.isNaN(e.loss()));
      assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }
  }

  @Test
  void nonsensicalTrainingSettingsAreRefusedWithTheFix() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(0, 100, 10, 1));
    assertTrue(e.getMessage().contains("steps must be > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TrainConfig(10, 0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> MlpConfig.l1(FcConfig.blog(1), -1e-5f));
  }
}
