package org.sparsecode.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.export.TensorBoardLogger;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.train.DivergedException;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.sparsecode.train.TrainingResult;
import org.tensorflow.TensorFlow;

/**
 * A trial that trains a fresh classifier with a sparse hidden code and reports accuracy,
 * sparsity and the model's further metrics; subclasses say which model a trial builds.
 *
 * <p>Trial parameters used here: {@code seed, steps, batch, eval_every} and the optional {@code
 * dataset} (see {@link ExperimentContext#DATASET}); the rest are the model's.
 */
public abstract class ClassifierExperiment implements Experiment {
  /**
   * First evaluated step at which validation accuracy reached 0.97 (-1: never), a measure of how
   * fast a model learns; its resolution is the trial's eval_every.
   */
  public static final String STEPS_TO_97 = "steps_to_97_validation";

  /** Builds the trial's model into {@code graph}. */
  protected abstract ClassifierGraph build(ModelGraph graph, Trial trial, Splits data);

  /** The trial's data: the context's (MNIST from the command line) unless the model makes its own. */
  protected Splits data(Trial trial, ExperimentContext context) {
    return context.data(trial);
  }

  /** Writes files the reports draw from, after training; none by default. */
  protected void writeArtifacts(ModelGraph graph, ClassifierGraph model, Splits data, Path dir)
      throws IOException {}

  @Override
  public TrialResult run(Trial trial, ExperimentContext context) {
    Splits data = data(trial, context);
    TrainConfig train =
        new TrainConfig(
            trial.intParam("steps"), trial.intParam("batch"), trial.intParam("eval_every"),
            trial.longParam("seed"));
    ProvenanceCapture provenance =
        ProvenanceCapture.start(
            Path.of("."), TensorFlow.version(), trial.longParam("seed"),
            context.threads().intraOp(), context.threads().interOp());
    try (ModelGraph graph = new ModelGraph(context.threads())) {
      ClassifierGraph model = build(graph, trial, data);
      TrainingListener progress = context.listener().apply(trial);
      Optional<Path> tensorboardDir = context.tensorboardDir().apply(trial);
      Optional<Path> exportDir = context.exportDir().apply(trial);
      TensorBoardLogger tensorboard = null;
      try {
        List<TrainingListener> listeners = new ArrayList<>(List.of(progress));
        if (tensorboardDir.isPresent()) {
          tensorboard =
              new TensorBoardLogger(
                  graph, model, tensorboardDir.get(),
                  data.validation().slice("tensorboard-sample", 0, Math.min(1000, data.validation().size())),
                  Math.max(1, train.evalEvery() / 10));
          listeners.add(tensorboard);
        }
        TrainingResult result = Trainer.train(graph, model, data, train, Experiments.fanOut(listeners));
        Optional<Path> artifacts = context.artifactsDir().apply(trial);
        if (artifacts.isPresent()) {
          writeArtifacts(graph, model, data, artifacts.get());
        }
        if (exportDir.isPresent()) {
          SavedModelExport.export(graph, model, exportDir.get());
        }
        RunProvenance run = provenance.finish();
        return new TrialResult(
            trial, TrialResult.Status.OK, "", metrics(result, run.wallSeconds()), run);
      } catch (DivergedException e) {
        RunProvenance run = provenance.finish();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.STEPS, (double) e.step());
        m.put(Metrics.WALL_SECONDS, run.wallSeconds());
        return new TrialResult(trial, TrialResult.Status.DIVERGED, e.getMessage(), m, run);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (tensorboard != null) {
          tensorboard.close();
        }
      }
    }
  }

  static Map<String, Double> metrics(TrainingResult r, double wallSeconds) {
    Evaluation test = r.test();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.TEST_ACCURACY, test.accuracy());
    m.put(Metrics.VALIDATION_ACCURACY, r.validation() == null ? Double.NaN : r.validation().accuracy());
    m.put(Metrics.AVR_TRAIN, r.lastBatch().avr());
    m.put(Metrics.AVR_TEST, test.avr());
    m.put(Metrics.L0_FRACTION_TEST, test.l0Fraction());
    m.put(Metrics.DEAD_FRACTION, test.deadFraction());
    m.put("test_loss", test.meanTaskLoss());
    m.put(Metrics.FINAL_LOSS, (double) r.finalLoss());
    m.put(Metrics.STEPS, (double) r.steps());
    m.put(Metrics.WALL_SECONDS, wallSeconds);
    m.put(Metrics.STEPS_PER_SECOND, r.stepsPerSecond());
    m.put(Metrics.RSS_MIB_STEP_1000, r.rssMibAtStep1000());
    m.put(Metrics.RSS_MIB_END, r.rssMibAtEnd());
    m.putAll(test.extras());
    m.put(STEPS_TO_97, (double) r.firstStepReaching(0.97).orElse(-1));
    return m;
  }
}
