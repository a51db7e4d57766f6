package org.sparsecode.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sparsecode.data.Dataset;
import org.sparsecode.eval.ClassifierMetrics;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.CnnClassifier;
import org.sparsecode.model.CnnConfig;
import org.sparsecode.model.ConvAutoencoderClassifier;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Trains the blog's CNN and its three autoencoders a few Adam steps on a fixed stream of synthetic
 * batches, at the intra-op thread count given as argument, and prints one line per model with the
 * bits of every step's loss, of the evaluation's AVR on 1,000 synthetic images and of every weight
 * after training. Run in child JVMs: TensorFlow sizes its thread pools once per process, from the
 * first session, so a second session in the same JVM runs on the first one's pool whatever its
 * settings.
 */
public final class ConvReproducibilityProbe {
  static final int STEPS = 2;
  static final int BATCH = 100;
  static final int PIXELS = 28 * 28;

  public static void main(String[] args) {
    ThreadSettings threads = new ThreadSettings(Integer.parseInt(args[0]), 1);
    List<String> models = new ArrayList<>(List.of("CNN"));
    for (Decoder d : Decoder.values()) {
      models.add(d.name());
    }
    for (String model : models) {
      System.out.println(model + " " + train(model, threads));
    }
  }

  /** The loss of every step and every weight after the last, as hex float bits. */
  static String train(String model, ThreadSettings threads) {
    CnnConfig config = CnnConfig.blog(1e-5f, 1);
    try (ModelGraph g = new ModelGraph(threads)) {
      ClassifierGraph m =
          model.equals("CNN")
              ? CnnClassifier.build(g, config)
              : ConvAutoencoderClassifier.build(g, config, Decoder.valueOf(model), 1f);
      ClassifierMetrics metrics = new ClassifierMetrics(g.tf(), m);
      StringBuilder bits = new StringBuilder("losses");
      SplittableRandom random = new SplittableRandom(42);
      try (TrainingStep step = new TrainingStep(g.session(), m, BATCH, PIXELS)) {
        for (int s = 0; s < STEPS; s++) {
          float[] x = step.images();
          for (int i = 0; i < x.length; i++) {
            // Sparse like MNIST: most pixels 0.
            x[i] = random.nextDouble() < 0.8 ? 0f : (float) random.nextDouble();
          }
          int[] y = step.labels();
          for (int i = 0; i < y.length; i++) {
            y[i] = random.nextInt(10);
          }
          bits.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(step.run())));
        }
      }
      float[] x = new float[ClassifierMetrics.DEFAULT_CHUNK * PIXELS];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble() < 0.8 ? 0f : (float) random.nextDouble();
      }
      Evaluation e =
          metrics.evaluate(
              g.session(),
              new Dataset("synthetic", x, new int[ClassifierMetrics.DEFAULT_CHUNK], PIXELS, 10),
              ClassifierMetrics.DEFAULT_CHUNK);
      bits.append(" avr=").append(Double.toHexString(e.avr()));
      for (var v : m.variables()) {
        try (Result r = g.session().runner().fetch(v).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] w = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(w, false, false));
          long hash = 1;
          for (float f : w) {
            hash = 31 * hash + Float.floatToRawIntBits(f);
          }
          bits.append(' ').append(v.op().name()).append('=').append(Long.toHexString(hash));
        }
      }
      return bits.toString();
    }
  }
}
