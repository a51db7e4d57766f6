package org.sparsecode.experiment;

import static org.sparsecode.harness.TrialNames.Classifier.CURVE_SECONDS;
import static org.sparsecode.harness.TrialNames.Classifier.STEPS_TO_97;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.export.TensorBoardLogger;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.train.DivergedException;
import org.sparsecode.train.EvalPoint;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.sparsecode.train.TrainingResult;
import org.tensorflow.TensorFlow;

/**
 * A trial that trains a fresh classifier with a sparse hidden code and reports accuracy, sparsity
 * and the model's further metrics; subclasses say which model a trial builds.
 *
 * <p>Trial parameters used here: {@code seed, steps, batch, eval_every} and the optional {@code
 * dataset} (see {@link ExperimentContext#DATASET}); the rest are the model's.
 */
public abstract class ClassifierExperiment implements Experiment {

  /** Builds the trial's model into {@code graph}, its train step with {@link #optimizer(Trial)}. */
  protected abstract ClassifierGraph build(ModelGraph graph, Trial trial, Splits data);

  /**
   * Adam at the trial's {@code learning_rate}: the training's optimiser, which the model is built
   * with.
   */
  protected static AdamConfig optimizer(Trial trial) {
    return AdamConfig.withLearningRate((float) trial.doubleParam("learning_rate"));
  }

  /**
   * The trial's data: the context's (MNIST from the command line) unless the model makes its own.
   */
  protected Splits data(Trial trial, ExperimentContext context) {
    return context.data(trial);
  }

  /** Writes files the reports draw from, after training; none by default. */
  protected void writeArtifacts(ModelGraph graph, ClassifierGraph model, Splits data, Path dir)
      throws IOException {}

  @Override
  public TrialResult run(Trial trial, ExperimentContext context) {
    // A folder that cannot take the export is reported before any training.
    context.exportDir().apply(trial).ifPresent(SavedModelExport::checkTarget);
    Splits data = data(trial, context);
    TrainConfig train =
        new TrainConfig(
            trial.intParam("steps"),
            trial.intParam("batch"),
            trial.intParam("eval_every"),
            trial.longParam("seed"),
            optimizer(trial));
    double startSeconds = System.currentTimeMillis() / 1000.0;
    ProvenanceCapture provenance =
        ProvenanceCapture.start(
            Path.of("."),
            TensorFlow.version(),
            trial.longParam("seed"),
            context.threads().intraOp(),
            context.threads().interOp());
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
                  graph,
                  model,
                  tensorboardDir.get(),
                  data.validation()
                      .slice("tensorboard-sample", 0, Math.min(1000, data.validation().size())),
                  Math.max(1, train.evalEvery() / 10));
          listeners.add(tensorboard);
        }
        TrainingResult result =
            Trainer.train(graph, model, data, train, Experiments.fanOut(listeners));
        Optional<Path> artifacts = context.artifactsDir().apply(trial);
        if (artifacts.isPresent()) {
          writeCurve(result, artifacts.get().resolve(CurveCsv.FILE));
          writeArtifacts(graph, model, data, artifacts.get());
        }
        if (exportDir.isPresent()) {
          SavedModelExport.export(graph, model, exportDir.get());
        }
        RunProvenance run = provenance.finish();
        Map<String, Double> m = metrics(result, run.wallSeconds());
        if (tensorboardDir.isPresent()) {
          TrialTensorBoard.finish(tensorboardDir.get(), trial, m, startSeconds);
        }
        return new TrialResult(trial, TrialResult.Status.OK, "", m, run);
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

  /**
   * Writes the learning curve: per evaluation the step, the mean training loss since the previous
   * one, validation accuracy, AVR (the blog's, on the batch just trained on), the L0 fraction and
   * the validation AVR and dead fraction, then the model's further quantities on the validation
   * split ({@code validation_<name>}) and on the training batch ({@code train_batch_<name>}).
   */
  static void writeCurve(TrainingResult r, Path file) throws IOException {
    List<String> extras =
        r.curve().isEmpty()
            ? List.of()
            : new ArrayList<>(
                new java.util.TreeSet<>(r.curve().get(0).validation().extras().keySet()));
    List<String> columns =
        new ArrayList<>(
            List.of(
                "step",
                "train_loss",
                "validation_accuracy",
                "avr_train_batch",
                "l0_fraction_train_batch",
                "avr_validation",
                "dead_fraction_validation"));
    extras.forEach(name -> columns.add("validation_" + name));
    extras.forEach(name -> columns.add("train_batch_" + name));
    List<double[]> rows = new ArrayList<>();
    for (EvalPoint p : r.curve()) {
      double[] row = new double[columns.size()];
      row[0] = p.step();
      row[1] = p.trainLoss();
      row[2] = p.validation().accuracy();
      row[3] = p.trainBatch().avr();
      row[4] = p.trainBatch().l0Fraction();
      row[5] = p.validation().avr();
      row[6] = p.validation().deadFraction();
      for (int i = 0; i < extras.size(); i++) {
        row[7 + i] = p.validation().extras().getOrDefault(extras.get(i), Double.NaN);
        row[7 + extras.size() + i] =
            p.trainBatch().extras().getOrDefault(extras.get(i), Double.NaN);
      }
      rows.add(row);
    }
    CurveCsv.write(file, columns, rows);
  }

  static Map<String, Double> metrics(TrainingResult r, double wallSeconds) {
    Evaluation test = r.test();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metrics.TEST_ACCURACY, test.accuracy());
    m.put(
        Metrics.VALIDATION_ACCURACY,
        r.validation() == null ? Double.NaN : r.validation().accuracy());
    m.put(Metrics.AVR_TRAIN, r.lastBatch().avr());
    m.put(Metrics.AVR_TEST, test.avr());
    m.put(Metrics.L0_FRACTION_TEST, test.l0Fraction());
    m.put(Metrics.DEAD_FRACTION, test.deadFraction());
    m.put("test_loss", test.meanTaskLoss());
    m.put(Metrics.FINAL_LOSS, (double) r.finalLoss());
    m.put(Metrics.STEPS, (double) r.steps());
    m.put(Metrics.WALL_SECONDS, wallSeconds);
    m.put(Metrics.STEPS_PER_SECOND, r.stepsPerSecond());
    m.put(CURVE_SECONDS, r.curveSeconds());
    m.put(Metrics.RSS_MIB_STEP_1000, r.rssMibAtStep1000());
    m.put(Metrics.RSS_MIB_END, r.rssMibAtEnd());
    m.putAll(test.extras());
    r.lastBatch().extras().forEach((name, value) -> m.put(name + "_train_batch", value));
    m.put(STEPS_TO_97, (double) r.firstStepReaching(0.97).orElse(-1));
    return m;
  }
}
