package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.SphereData;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.eval.Tensors;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.sparsecode.train.TrainingResult;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class OvrSphereExperimentTest {
  private static final AdamConfig ADAM = AdamConfig.withLearningRate(0.01f);

  private static final ThreadSettings THREADS = new ThreadSettings(1, 1);

  private static Trial tinyTrial(double lambda) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("points", 400);
    p.put("lambda", lambda);
    p.put("learning_rate", 0.01);
    p.put("batch", 64);
    p.put("steps", 300);
    p.put("eval_every", 150);
    p.put("hidden", 16);
    p.put("partitions", 4);
    p.put("seed", 1);
    return new Trial("ovr-sphere", 0, "tiny", p);
  }

  /** A context whose MNIST may not be touched: the sphere trial makes its own data. */
  private static ExperimentContext noMnist() {
    return new ExperimentContext(
        DataSets.loadedBy(
            java.util.Map.of(
                DataSets.MNIST,
                () -> {
                  throw new AssertionError(
                      "the sphere experiment must not load the command line's data");
                })),
        THREADS,
        ExperimentContext.nowhere(),
        ExperimentContext.nowhere(),
        ExperimentContext.nowhere(),
        t -> TrainingListener.NONE);
  }

  @Test
  void tinyTrialMakesItsOwnDataAndReportsAccuracyAndSparsity() {
    TrialResult r = Experiments.forModel("ovr_sphere").run(tinyTrial(0), noMnist());
    assertEquals(TrialResult.Status.OK, r.status(), r.message());
    assertEquals(300, r.metric(Metrics.STEPS));
    // 400 points split 80/10/10: 40 test points, so accuracy is a whole number of 40ths.
    double correct = r.metric(Metrics.TEST_ACCURACY) * 40;
    assertEquals(Math.rint(correct), correct, 1e-9);
    // Four partitions (2 bands x 2 sectors) are at most four regions: learnt in 300 steps.
    assertTrue(
        r.metric(Metrics.TEST_ACCURACY) >= 0.9, "accuracy " + r.metric(Metrics.TEST_ACCURACY));
    double l0 = r.metric(Metrics.L0_FRACTION_TEST);
    assertEquals(r.metric(Metrics.AVR_TEST) / 16, l0, 1e-12);
    assertTrue(l0 > 0 && l0 < 1, "l0 fraction " + l0);
    // An inactive unit is 0 < 0.1: the below-0.1 fraction is at least the inactive fraction.
    double below = r.metric(MlpClassifier.BELOW_THRESHOLD);
    assertTrue(below >= 1 - l0 - 1e-6 && below <= 1, "below " + below + ", l0 " + l0);
    double dead = r.metric(Metrics.DEAD_FRACTION);
    assertTrue(dead >= 0 && dead <= 1 - l0 + 1e-9, "dead " + dead);
  }

  @Test
  void tensorBoardHoldsTheTrainingScalarsTheFinalMetricsAndTheHyperParameters(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
    ExperimentContext context =
        new ExperimentContext(
            DataSets.loadedBy(java.util.Map.of()),
            THREADS,
            ExperimentContext.perTrialUnder(tmp.resolve("tb")),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(tmp.resolve("artifacts")),
            t -> TrainingListener.NONE);
    TrialResult r = Experiments.forModel("ovr_sphere").run(tinyTrial(0), context);
    var events = org.sparsecode.testing.EventFiles.readAll(tmp.resolve("tb").resolve("tiny"));
    var scalars = org.sparsecode.testing.EventFiles.scalars(events);
    assertTrue(scalars.containsKey("validation/accuracy"), scalars.keySet().toString());
    assertEquals(
        (float) r.metric(Metrics.TEST_ACCURACY),
        scalars.get("final/" + Metrics.TEST_ACCURACY).get(300L),
        0f);
    var start =
        org.sparsecode.testing.EventFiles.values(
            events, org.sparsecode.export.HParamsPluginData.SESSION_START_TAG);
    assertEquals(1, start.size());
    String content = start.get(0).getMetadata().getPluginData().getContent().toStringUtf8();
    assertTrue(
        content.contains("partitions") && content.contains("hidden"),
        "hyper-parameters named: " + content);
    // And the curve artifact: its last validation accuracy is the trial's.
    var curve =
        org.sparsecode.io.CurveCsv.read(
            tmp.resolve("artifacts").resolve("tiny").resolve(org.sparsecode.io.CurveCsv.FILE));
    double[] accuracy = curve.column("validation_accuracy");
    assertEquals(r.metric(Metrics.VALIDATION_ACCURACY), accuracy[accuracy.length - 1], 1e-6);
  }

  @Test
  void theSameTrialGivesTheSameNumbers() {
    TrialResult a = Experiments.forModel("ovr_sphere").run(tinyTrial(1e-3), noMnist());
    TrialResult b = Experiments.forModel("ovr_sphere").run(tinyTrial(1e-3), noMnist());
    for (String m :
        new String[] {
          Metrics.TEST_ACCURACY, Metrics.AVR_TEST, Metrics.FINAL_LOSS, MlpClassifier.BELOW_THRESHOLD
        }) {
      assertEquals(a.metric(m), b.metric(m), m);
    }
  }

  /**
   * The evaluation's AVR, L0 fraction, dead fraction and below-0.1 fraction against a count over
   * the test split's hidden activations fetched from the trained model.
   */
  @Test
  void sparsityMetricsAgreeWithACountOverTheHiddenActivations() {
    Splits data = SphereData.splits(400, 1, 2, 10, 7);
    try (ModelGraph graph = new ModelGraph(THREADS)) {
      ClassifierGraph model =
          MlpClassifier.build(graph, OvrSphereExperiment.network(3, 24, 10, 0f, 7), ADAM);
      TrainingResult result =
          Trainer.train(
              graph, model, data, new TrainConfig(200, 64, 200, 7, ADAM), TrainingListener.NONE);
      Dataset test = data.test();
      float[] h = hidden(graph, model, test);
      int units = 24;
      double active = 0;
      double below = 0;
      boolean[] everActive = new boolean[units];
      for (int i = 0; i < h.length; i++) {
        if (h[i] > 0) {
          active++;
          everActive[i % units] = true;
        }
        if (h[i] < 0.1f) {
          below++;
        }
      }
      int dead = 0;
      for (boolean e : everActive) {
        dead += e ? 0 : 1;
      }
      Evaluation ev = result.test();
      assertEquals(40, ev.examples());
      assertEquals(active / 40, ev.avr(), 1e-9);
      assertEquals(active / 40 / units, ev.l0Fraction(), 1e-9);
      assertEquals((double) dead / units, ev.deadFraction(), 1e-12);
      assertEquals(below / h.length, ev.extras().get(MlpClassifier.BELOW_THRESHOLD), 1e-6);
      assertTrue(
          below > 0 && below < h.length, "a count strictly inside 0.." + h.length + ": " + below);
    }
  }

  /** The hidden activations of every example of {@code data}, row after row. */
  private static float[] hidden(ModelGraph graph, ClassifierGraph model, Dataset data) {
    float[] h = new float[data.size() * model.hiddenUnits()];
    try (TFloat32 x = Tensors.features(data, 0, data.size());
        Result r = graph.session().runner().feed(model.input(), x).fetch(model.hidden()).run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(h, false, false));
    }
    return h;
  }

  /**
   * loss - cross-entropy = lambda * ||sum_i H_i / ||H_i|| ||^2, recomputed from the fetched batch.
   */
  @Test
  void ovrLambdaAddsTheOvrLossOfTheBatchAndZeroAddsNothing() {
    Dataset batch = SphereData.splits(400, 3, 4, 10, 3).train().slice("batch", 0, 8);
    for (float lambda : new float[] {0f, 0.01f}) {
      try (ModelGraph graph = new ModelGraph(THREADS)) {
        ClassifierGraph model =
            MlpClassifier.build(graph, OvrSphereExperiment.network(3, 12, 10, lambda, 3), ADAM);
        float[] h = new float[8 * 12];
        float loss;
        float task;
        try (TFloat32 x = Tensors.features(batch, 0, 8);
            TInt32 y = Tensors.labels(batch, 0, 8);
            Result r =
                graph
                    .session()
                    .runner()
                    .feed(model.input(), x)
                    .feed(model.labels(), y)
                    .fetch(model.loss())
                    .fetch(model.taskLoss())
                    .fetch(model.hidden())
                    .run()) {
          loss = ((TFloat32) r.get(0)).getFloat();
          task = ((TFloat32) r.get(1)).getFloat();
          ((TFloat32) r.get(2)).copyTo(DataBuffers.of(h, false, false));
        }
        double[] s = new double[12];
        for (int i = 0; i < 8; i++) {
          double norm = 0;
          for (int k = 0; k < 12; k++) {
            norm += (double) h[i * 12 + k] * h[i * 12 + k];
          }
          norm = Math.sqrt(norm);
          for (int k = 0; k < 12; k++) {
            s[k] += norm == 0 ? 0 : h[i * 12 + k] / norm;
          }
        }
        double squared = 0;
        for (double v : s) {
          squared += v * v;
        }
        assertTrue(squared > 1, "some rows overlap: " + squared);
        assertEquals(lambda * squared, loss - task, 1e-5, "lambda " + lambda);
      }
    }
  }

  @Test
  void partitionsThatAreNotASquareAreRefusedWithTheFix() {
    assertEquals(16, OvrSphereExperiment.side(256));
    var e = assertThrows(IllegalArgumentException.class, () -> OvrSphereExperiment.side(12));
    assertTrue(
        e.getMessage().contains("partitions must be a square")
            && e.getMessage().contains("4, 16, 64"),
        e.getMessage());
  }

  @Test
  void dataIsSplit80_10_10AndSeededBySeedUnlessADataSeedIsGiven() {
    OvrSphereExperiment experiment = new OvrSphereExperiment();
    Map<String, Object> p = new LinkedHashMap<>(tinyTrial(0).params());
    Splits own = experiment.data(new Trial("t", 0, "a", p), noMnist());
    assertEquals(320, own.train().size());
    assertEquals(40, own.validation().size());
    assertEquals(40, own.test().size());
    // partitions 4: N + 1 = M = 2, so N = 1 latitude cut and 2 sectors.
    assertArrayEquals(
        SphereData.splits(400, 1, 2, 10, 1).train().features(), own.train().features());
    p.put("data_seed", 9);
    Splits other = experiment.data(new Trial("t", 0, "b", p), noMnist());
    assertArrayEquals(SphereData.splits(400, 1, 2, 10, 9).train().labels(), other.train().labels());
  }
}
