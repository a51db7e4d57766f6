package org.sparsecode.train;

import java.util.Arrays;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.testing.ToyData;

/**
 * Trains a small model with the thread settings given as arguments and prints a fingerprint of its
 * loss curve and test numbers. Run in child JVMs, since thread pools are sized once per process.
 */
public final class ReproducibilityProbe {
  public static void main(String[] args) {
    System.out.println(
        fingerprint(new ThreadSettings(Integer.parseInt(args[0]), Integer.parseInt(args[1]))));
  }

  static String fingerprint(ThreadSettings threads) {
    TrainingResult r = train(threads, 7);
    return "losses="
        + Arrays.hashCode(r.losses())
        + " final="
        + Float.floatToIntBits(r.finalLoss())
        + " accuracy="
        + r.test().accuracy()
        + " avr="
        + r.test().avr();
  }

  static TrainingResult train(ThreadSettings threads, long seed) {
    try (ModelGraph g = new ModelGraph(threads)) {
      // Wide enough that TensorFlow splits the matrix products over threads.
      ClassifierGraph m =
          MlpClassifier.build(
              g,
              MlpConfig.l1(
                  FcConfig.builder()
                      .inputs(ToyData.FEATURES)
                      .hidden(256)
                      .classes(ToyData.CLASSES)
                      .seed(seed)
                      .build(),
                  1e-4f));
      return Trainer.train(
          g, m, ToyData.splits(), new TrainConfig(300, 50, 100, seed), TrainingListener.NONE);
    }
  }
}
