package org.sparsecode.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsecode.data.BatchSampler;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.ClassifierMetrics;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.tensorflow.Session;

/**
 * Trains a {@link ClassifierGraph} with its own train step on the training split, evaluates it on
 * the validation split as it goes and on the test split at the end. Stops with {@link
 * DivergedException} as soon as the loss is not finite.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * Trains {@code model} in the graph it was built into, without a listener.
   *
   * @param model the classifier, built with {@code config.optimizer()}
   * @param data train, validation (may be empty) and test splits, of the model's input width
   * @param config steps, batch size, evaluation period, shuffle seed and optimiser
   * @return losses, learning curve and the final evaluations
   * @throws DivergedException when the loss stops being finite
   */
  public static TrainingResult train(ClassifierGraph model, Splits data, TrainConfig config) {
    return train(model.graph(), model, data, config, TrainingListener.NONE);
  }

  /**
   * Trains {@code model}, telling {@code listener} of every step and evaluation.
   *
   * @param graph the graph the model was built into
   * @param model the classifier, built with {@code config.optimizer()}
   * @param data train, validation (may be empty) and test splits, of the model's input width
   * @param config steps, batch size, evaluation period, shuffle seed and optimiser
   * @param listener told of every step's loss and every validation evaluation
   * @return losses, learning curve and the final evaluations
   * @throws DivergedException when the loss stops being finite
   */
  public static TrainingResult train(
      ModelGraph graph,
      ClassifierGraph model,
      Splits data,
      TrainConfig config,
      TrainingListener listener) {
    Dataset train = data.train();
    if (train.featureSize() != model.inputWidth()) {
      throw new IllegalArgumentException(
          "the model takes "
              + model.inputWidth()
              + " features per example but "
              + train.name()
              + " has "
              + train.featureSize());
    }
    if (!model.optimizer().equals(config.optimizer())) {
      throw new IllegalArgumentException(
          "the model's train step was built with "
              + model.optimizer()
              + " but the training configuration"
              + " says "
              + config.optimizer()
              + "; build the model with the configuration's optimizer()");
    }
    ClassifierMetrics metrics = new ClassifierMetrics(graph.tf(), model);
    Session session = graph.session();
    int batch = config.batchSize();
    int width = train.featureSize();
    BatchSampler sampler = new BatchSampler(train.size(), config.shuffleSeed());
    int[] indices = new int[batch];

    float[] losses = new float[config.steps()];
    List<EvalPoint> curve = new ArrayList<>();
    double rssAt1000 = Double.NaN;
    float[] lastImages;
    int[] lastLabels;
    long start = System.nanoTime();
    Evaluation validation = null;
    double windowLoss = 0;
    int windowSteps = 0;
    long curveNanos = 0;
    try (TrainingStep step = new TrainingStep(session, model, batch, width)) {
      for (int s = 1; s <= config.steps(); s++) {
        sampler.nextBatch(indices);
        train.gatherFeatures(indices, 0, batch, step.images());
        for (int i = 0; i < batch; i++) {
          step.labels()[i] = train.labels()[indices[i]];
        }
        float loss = step.run();
        if (!Float.isFinite(loss)) {
          throw new DivergedException(s, loss);
        }
        losses[s - 1] = loss;
        listener.onStep(s, loss);
        if (s == 1000) {
          rssAt1000 = residentMib();
        }
        windowLoss += loss;
        windowSteps++;
        if (s % config.evalEvery() == 0 || s == config.steps()) {
          validation =
              data.validation().size() > 0
                  ? metrics.evaluate(session, data.validation(), ClassifierMetrics.DEFAULT_CHUNK)
                  : null;
          if (validation != null) {
            // The curve's own cost: the model on the batch it just trained on (one small forward
            // pass).
            long curveStart = System.nanoTime();
            Dataset justTrained =
                new Dataset(
                    "training-batch",
                    step.images().clone(),
                    step.labels().clone(),
                    width,
                    train.numClasses());
            Evaluation onBatch = metrics.evaluate(session, justTrained, batch);
            curveNanos += System.nanoTime() - curveStart;
            curve.add(new EvalPoint(s, windowLoss / windowSteps, onBatch, validation));
            listener.onEvaluation(s, validation);
          }
          windowLoss = 0;
          windowSteps = 0;
        }
      }
      lastImages = step.images().clone();
      lastLabels = step.labels().clone();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rssEnd = residentMib();
    // The blog measured AVR on the training batch: the last one, with the final weights.
    Dataset lastBatch =
        new Dataset("last-training-batch", lastImages, lastLabels, width, train.numClasses());
    Evaluation onLastBatch = metrics.evaluate(session, lastBatch, batch);
    Evaluation test = metrics.evaluate(session, data.test(), ClassifierMetrics.DEFAULT_CHUNK);
    return new TrainingResult(
        config.steps(),
        losses,
        curve,
        onLastBatch,
        validation,
        test,
        seconds,
        curveNanos / 1e9,
        rssAt1000,
        rssEnd);
  }

  /** Resident set size of this process in MiB, from /proc (NaN where there is no /proc). */
  static double residentMib() {
    try {
      String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
      return Long.parseLong(fields[1]) * 4096.0 / (1024 * 1024);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
