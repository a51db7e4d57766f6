package org.sparsecode.examples;

import java.nio.file.Path;
import java.util.Arrays;
import org.sparsecode.data.SphereData;
import org.sparsecode.data.Splits;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.export.SavedModelRunner;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingResult;

/** Trains a sparse MLP, predicts, exports it as a SavedModel and loads it back. */
public final class LibraryExample {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/models/sphere-mlp");
    SavedModelExport.checkTarget(out); // a folder that cannot be written fails now, not after training

    // 4,000 points on the unit sphere in 16 randomly labelled patches: 3,200 train, 400 validation, 400 test.
    Splits data = SphereData.splits(4_000, 3, 4, 4, 1);
    FcConfig network = FcConfig.builder().inputs(3).hidden(128).classes(4).seed(1).build();
    TrainConfig training =
        TrainConfig.builder().steps(1_500).batchSize(64).evalEvery(500).learningRate(0.01f).build();
    float[][] points = {{0f, 0f, 1f}, {1f, 0f, 0f}, {0f, -0.6f, 0.8f}};

    int[] predicted;
    try (ModelGraph graph = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph model =
          MlpClassifier.build(graph, MlpConfig.l1(network, 1e-5f), training.optimizer());
      TrainingResult result = Trainer.train(model, data, training);
      System.out.printf("test accuracy %.4f, %.1f of %d hidden units active per example%n",
          result.test().accuracy(), result.test().avr(), network.hidden());
      predicted = model.predict(points);
      SavedModelExport.export(graph, model, out);
    }

    try (SavedModelRunner reloaded = SavedModelRunner.load(out)) {
      float[][] probabilities = reloaded.run(points, SavedModelExport.OUTPUT_PROBABILITIES);
      System.out.println("classes " + Arrays.toString(predicted) + ", reloaded probabilities "
          + Arrays.deepToString(probabilities));
    }
  }
}
