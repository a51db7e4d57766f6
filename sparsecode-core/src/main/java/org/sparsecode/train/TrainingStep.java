package org.sparsecode.train;

import org.sparsecode.model.ClassifierGraph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.ndarray.buffer.IntDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One optimiser step on a host batch: copies the batch into input tensors allocated once (so memory
 * stays flat over long runs), runs the model's train step and returns the loss.
 */
public final class TrainingStep implements AutoCloseable {
  private final Session session;
  private final ClassifierGraph model;
  private final float[] images;
  private final int[] labels;
  private final FloatDataBuffer imageBuffer;
  private final IntDataBuffer labelBuffer;
  private final TFloat32 imageTensor;
  private final TInt32 labelTensor;

  /**
   * Allocates the batch's tensors once; close them with {@link #close()}.
   *
   * @param session the session that runs the model
   * @param model the classifier to train
   * @param batchSize examples per step
   * @param features features per example
   */
  public TrainingStep(Session session, ClassifierGraph model, int batchSize, int features) {
    this.session = session;
    this.model = model;
    images = new float[batchSize * features];
    labels = new int[batchSize];
    imageBuffer = DataBuffers.of(images, true, false);
    labelBuffer = DataBuffers.of(labels, true, false);
    imageTensor = TFloat32.tensorOf(Shape.of(batchSize, features));
    labelTensor = TInt32.tensorOf(Shape.of(batchSize));
  }

  /**
   * @return the host batch's features, row-major [batchSize, features]: fill them, then call {@link
   *     #run()}
   */
  public float[] images() {
    return images;
  }

  /**
   * @return the host batch's labels: fill, then call {@link #run()}
   */
  public int[] labels() {
    return labels;
  }

  /**
   * Runs one step on the current host batch and returns the training loss before the update.
   *
   * @return the batch's training loss, before the update
   */
  public float run() {
    imageTensor.copyFrom(imageBuffer);
    labelTensor.copyFrom(labelBuffer);
    try (Result r =
        session
            .runner()
            .feed(model.input(), imageTensor)
            .feed(model.labels(), labelTensor)
            .addTarget(model.trainStep())
            .fetch(model.loss())
            .run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @Override
  public void close() {
    imageTensor.close();
    labelTensor.close();
  }
}
