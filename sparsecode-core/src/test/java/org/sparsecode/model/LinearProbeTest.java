package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.sparsecode.train.TrainingResult;

class LinearProbeTest {
  /**
   * Three classes in the plane around (4, 0), (-4, 0) and (0, 4), each point within 1 of its
   * centre: the half-planes between the centres separate them with a margin of about 1.8, so
   * logistic regression must classify every point.
   */
  @Test
  void linearlySeparableToySetReachesFullAccuracy() {
    double[][] centres = {{4, 0}, {-4, 0}, {0, 4}};
    SplittableRandom random = new SplittableRandom(8);
    int n = 300;
    float[] f = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      double angle = 2 * Math.PI * random.nextDouble();
      double radius = random.nextDouble();
      f[2 * i] = (float) (centres[labels[i]][0] + radius * Math.cos(angle));
      f[2 * i + 1] = (float) (centres[labels[i]][1] + radius * Math.sin(angle));
    }
    Dataset all = new Dataset("separable", f, labels, 2, 3);
    Splits splits =
        new Splits(
            all.slice("train", 0, 200),
            all.slice("validation", 200, 250),
            all.slice("test", 250, 300));
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph probe = LinearProbe.build(g, 2, 3, 0.05f);
      TrainingResult r =
          Trainer.train(
              g,
              probe,
              splits,
              new TrainConfig(700, 20, 100, 1, probe.optimizer()),
              TrainingListener.NONE);
      assertEquals(1.0, r.test().accuracy(), "test accuracy");
      assertEquals(1.0, r.validation().accuracy(), "validation accuracy");
    }
  }
}
