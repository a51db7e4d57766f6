package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.data.Splits;
import org.sparsecode.io.CurveCsv;
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
import org.sparsecode.train.TrainingResult;

/**
 * The learning curve against shorter runs of the same seeded training, which end where its points
 * are.
 */
class LearningCurveTest {
  private static TrainingResult train(int steps) {
    Splits data = ToyData.splits();
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      FcConfig net =
          FcConfig.builder()
              .inputs(ToyData.FEATURES)
              .hidden(16)
              .classes(ToyData.CLASSES)
              .initStddev(0.1f)
              .biasInit(0.1f)
              .seed(3)
              .build();
      AdamConfig adam = AdamConfig.withLearningRate(1e-2f);
      var m = MlpClassifier.build(g, MlpConfig.l1(net, 1e-3f), adam);
      return Trainer.train(
          g, m, data, new TrainConfig(steps, 20, 10, 1, adam), TrainingListener.NONE);
    }
  }

  @Test
  void eachPointIsTheModelOfThatStepOnItsTrainingBatch(@TempDir Path tmp) throws IOException {
    TrainingResult full = train(30);
    assertEquals(3, full.curve().size());
    for (int k = 1; k <= 3; k++) {
      var point = full.curve().get(k - 1);
      assertEquals(10 * k, point.step());
      // A run stopped at this step has the same weights: its last-batch and validation numbers
      // are this point's.
      TrainingResult shorter = train(10 * k);
      assertEquals(shorter.lastBatch().avr(), point.trainBatch().avr(), 1e-9);
      assertEquals(shorter.lastBatch().accuracy(), point.trainBatch().accuracy(), 1e-9);
      assertEquals(shorter.validation().accuracy(), point.validation().accuracy(), 1e-9);
      double mean = 0;
      for (int s = 10 * (k - 1); s < 10 * k; s++) {
        mean += full.losses()[s] / 10.0;
      }
      assertEquals(mean, point.trainLoss(), 1e-6);
    }

    Path file = tmp.resolve(CurveCsv.FILE);
    ClassifierExperiment.writeCurve(full, file);
    CurveCsv.Table t = CurveCsv.read(file);
    assertArrayEquals(new double[] {10, 20, 30}, t.column("step"));
    for (int k = 0; k < 3; k++) {
      var p = full.curve().get(k);
      assertEquals(p.validation().accuracy(), t.column("validation_accuracy")[k], 1e-6);
      assertEquals(
          p.trainBatch().avr(), t.column("avr_train_batch")[k], 1e-5 * p.trainBatch().avr());
      assertEquals(p.trainLoss(), t.column("train_loss")[k], 1e-5 * p.trainLoss());
    }
  }
}
