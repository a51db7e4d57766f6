package org.sparsecode.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsecode.data.Dataset;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.eval.Tensors;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops: the training loss as a scalar,
 * validation accuracy, AVR and dead fraction at each evaluation, and a histogram of the hidden
 * activations on a fixed sample of validation images. Close it before the model's graph, to flush
 * and close the event file.
 */
public final class TensorBoardLogger implements TrainingListener, AutoCloseable {
  private final Session session;
  private final ClassifierGraph model;
  private final Dataset histogramSample;
  private final int lossEvery;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Op writeScalar;
  private final Op writeHistogram;
  private final Op flush;
  private final Op closeWriter;

  /**
   * @param graph the graph the model was built into; the summary ops are added to it
   * @param model the classifier to log
   * @param logDir the event files' folder, created if missing
   * @param histogramSample images whose hidden activations are drawn as a histogram
   * @param lossEvery write the training loss every this many steps
   * @throws IOException when the folder cannot be created
   */
  public TensorBoardLogger(
      ModelGraph graph, ClassifierGraph model, Path logDir, Dataset histogramSample, int lossEvery)
      throws IOException {
    if (lossEvery <= 0) {
      throw new IllegalArgumentException("lossEvery must be > 0, got " + lossEvery);
    }
    Files.createDirectories(logDir);
    this.model = model;
    this.histogramSample = histogramSample;
    this.lossEvery = lossEvery;
    Ops tf = graph.tf().withSubScope("tensorboard");
    Operand<?> writer =
        tf.summary.summaryWriter(
            SummaryWriter.sharedName("events_" + System.identityHashCode(this)));
    Op create =
        tf.summary.createSummaryFileWriter(
            writer,
            tf.constant(logDir.toAbsolutePath().toString()),
            tf.constant(10),
            tf.constant(5_000),
            tf.constant(".v2"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    writeHistogram =
        tf.summary.writeHistogramSummary(
            writer, step, tf.constant("hidden_activations"), model.hidden());
    flush = tf.summary.flushSummaryWriter(writer);
    closeWriter = tf.summary.closeSummaryWriter(writer);
    session = graph.session();
    session.run(create);
  }

  @Override
  public void onStep(int stepNumber, float loss) {
    if (stepNumber % lossEvery == 0) {
      scalar(stepNumber, "train/loss", loss);
    }
  }

  @Override
  public void onEvaluation(int stepNumber, Evaluation validation) {
    scalar(stepNumber, "validation/accuracy", (float) validation.accuracy());
    scalar(stepNumber, "validation/avr", (float) validation.avr());
    scalar(stepNumber, "validation/dead_fraction", (float) validation.deadFraction());
    try (TInt64 s = TInt64.scalarOf(stepNumber);
        TFloat32 x = Tensors.features(histogramSample, 0, histogramSample.size())) {
      session.runner().feed(step, s).feed(model.input(), x).addTarget(writeHistogram).run().close();
    }
  }

  /**
   * Writes one scalar; usable for any extra number a caller wants to chart.
   *
   * @param stepNumber the x coordinate, usually the training step
   * @param name the chart's name
   * @param number the value
   */
  public void scalar(long stepNumber, String name, float number) {
    try (TInt64 s = TInt64.scalarOf(stepNumber);
        TString t = TString.scalarOf(name);
        TFloat32 v = TFloat32.scalarOf(number)) {
      session
          .runner()
          .feed(step, s)
          .feed(tag, t)
          .feed(value, v)
          .addTarget(writeScalar)
          .run()
          .close();
    }
  }

  @Override
  public void close() {
    session.run(flush);
    session.run(closeWriter);
  }
}
