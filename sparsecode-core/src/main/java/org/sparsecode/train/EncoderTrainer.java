package org.sparsecode.train;

import java.util.Arrays;
import java.util.List;
import org.sparsecode.data.BatchSampler;
import org.sparsecode.data.Dataset;
import org.sparsecode.eval.Tensors;
import org.sparsecode.model.EncoderGraph;
import org.sparsecode.model.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Trains an {@link EncoderGraph} on unlabelled batches for a number of epochs, measures its loss on
 * the validation set after every epoch and lowers the rate on a plateau ({@link PlateauSchedule}).
 * Stops with {@link DivergedException} as soon as the loss is not finite.
 */
public final class EncoderTrainer {
  private EncoderTrainer() {}

  /**
   * Trains {@code model} for the configured epochs, lowering the rate on a plateau of the
   * validation loss.
   *
   * @param graph the graph the encoder was built into
   * @param model the encoder
   * @param train the training examples (labels are not read)
   * @param validation the examples whose loss drives the schedule, not empty
   * @param config epochs, step cap, batch size, seed and schedule
   * @param listener told of every step's loss
   * @return the per-epoch losses and rates
   * @throws DivergedException when the loss stops being finite
   */
  public static EncoderTrainingResult train(
      ModelGraph graph,
      EncoderGraph model,
      Dataset train,
      Dataset validation,
      EncoderTrainConfig config,
      TrainingListener listener) {
    int width = train.featureSize();
    if (width != model.input().shape().get(1)) {
      throw new IllegalArgumentException(
          "the encoder takes "
              + model.input().shape().get(1)
              + " features per example but "
              + train.name()
              + " has "
              + width);
    }
    if (!model.optimizer().equals(config.optimizer())) {
      throw new IllegalArgumentException(
          "the encoder's train step was built with "
              + model.optimizer()
              + " but the training configuration says "
              + config.optimizer()
              + "; build the encoder with the configuration's optimizer()");
    }
    if (validation.size() == 0) {
      throw new IllegalArgumentException(
          "the plateau schedule needs a validation set, but " + validation.name() + " is empty");
    }
    Session session = graph.session();
    int batch = config.batchSize();
    int stepsPerEpoch = (train.size() + batch - 1) / batch;
    BatchSampler sampler = new BatchSampler(train.size(), config.shuffleSeed());
    PlateauSchedule schedule =
        new PlateauSchedule(model.learningRate().current(), config.lrFactor(), config.lrPatience());
    int[] indices = new int[batch];
    float[] images = new float[batch * width];
    FloatDataBuffer imageBuffer = DataBuffers.of(images, true, false);
    double[] trainLoss = new double[config.epochs()];
    double[] validationLoss = new double[config.epochs()];
    float[] rates = new float[config.epochs()];
    int step = 0;
    int epochs = 0;
    long start = System.nanoTime();
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(batch, width))) {
      while (epochs < config.epochs() && step < config.maxSteps()) {
        rates[epochs] = model.learningRate().current();
        double sum = 0;
        int stepsThisEpoch = Math.min(stepsPerEpoch, config.maxSteps() - step);
        for (int s = 0; s < stepsThisEpoch; s++) {
          sampler.nextBatch(indices);
          train.gatherFeatures(indices, 0, batch, images);
          input.copyFrom(imageBuffer);
          float loss;
          try (Result r =
              session
                  .runner()
                  .feed(model.input(), input)
                  .addTarget(model.trainStep())
                  .fetch(model.loss())
                  .run()) {
            loss = ((TFloat32) r.get(0)).getFloat();
          }
          step++;
          if (!Float.isFinite(loss)) {
            throw new DivergedException(step, loss);
          }
          sum += loss;
          listener.onStep(step, loss);
        }
        trainLoss[epochs] = sum / stepsThisEpoch;
        validationLoss[epochs] = meanLoss(session, model, validation, batch);
        float next = schedule.afterEpoch(validationLoss[epochs]);
        if (next != model.learningRate().current()) {
          model.learningRate().set(session, next);
        }
        epochs++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EncoderTrainingResult(
        step,
        Arrays.copyOf(trainLoss, epochs),
        Arrays.copyOf(validationLoss, epochs),
        Arrays.copyOf(rates, epochs),
        seconds);
  }

  /**
   * The loss averaged over consecutive batches of {@code batch} examples of {@code data} (the loss
   * compares codes within a batch, so it is measured at the training batch size); a remainder
   * smaller than a batch is left out, unless the data set is smaller than one batch.
   *
   * @param session a session of the encoder's graph
   * @param model the encoder
   * @param data the examples, of the encoder's input width
   * @param batch examples per batch, &gt; 0 (use the training batch size)
   * @return the mean loss per batch
   */
  public static double meanLoss(Session session, EncoderGraph model, Dataset data, int batch) {
    return meanOf(session, model.input(), model.loss(), data, batch);
  }

  /**
   * {@code value} (a scalar per batch) averaged over batches of {@code data} as in {@link
   * #meanLoss}.
   *
   * @param session a session of the graph of {@code value}
   * @param images the input placeholder, float32 [batch, features]
   * @param value a float32 scalar computed from a batch
   * @param data the examples, of the placeholder's width
   * @param batch examples per batch, &gt; 0
   * @return the mean of {@code value} over the batches
   */
  public static double meanOf(
      Session session,
      Placeholder<TFloat32> images,
      Operand<TFloat32> value,
      Dataset data,
      int batch) {
    return meansOf(session, images, List.of(value), data, batch)[0];
  }

  /**
   * Several scalars per batch averaged as in {@link #meanLoss}, from one pass over {@code data}.
   *
   * @param session a session of the graph of {@code values}
   * @param images the input placeholder, float32 [batch, features]
   * @param values float32 scalars computed from a batch
   * @param data the examples, of the placeholder's width
   * @param batch examples per batch, &gt; 0
   * @return the mean of each value over the batches, in the order of {@code values}
   */
  public static double[] meansOf(
      Session session,
      Placeholder<TFloat32> images,
      List<Operand<TFloat32>> values,
      Dataset data,
      int batch) {
    int batches = Math.max(1, data.size() / batch);
    double[] sums = new double[values.size()];
    for (int b = 0; b < batches; b++) {
      int count = Math.min(batch, data.size());
      try (TFloat32 x = Tensors.features(data, b * batch, count)) {
        Session.Runner runner = session.runner().feed(images, x);
        values.forEach(runner::fetch);
        try (Result r = runner.run()) {
          for (int v = 0; v < sums.length; v++) {
            sums[v] += ((TFloat32) r.get(v)).getFloat();
          }
        }
      }
    }
    for (int v = 0; v < sums.length; v++) {
      sums[v] /= batches;
    }
    return sums;
  }
}
