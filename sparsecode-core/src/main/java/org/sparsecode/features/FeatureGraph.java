package org.sparsecode.features;

import org.sparsecode.data.Dataset;
import org.sparsecode.eval.Tensors;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A feature map inside a graph: {@code input} float32 [batch, d] in (op name {@code features}),
 * {@code features} float32 [batch, width] out (op name {@code feature_map}). {@link #map} runs it
 * over a whole data set once, so that a classifier can then train on the stored features without
 * running the map again every epoch.
 */
public record FeatureGraph(Placeholder<TFloat32> input, Operand<TFloat32> features, int width) {
  /** Examples per session run when mapping a data set. */
  public static final int CHUNK = 1_000;

  /**
   * Checks that the width is positive.
   *
   * @param input the placeholder, float32 [batch, d]
   * @param features the map's output, float32 [batch, width]
   * @param width the output width, &gt; 0
   */
  public FeatureGraph {
    if (width <= 0) {
      throw new IllegalArgumentException("a feature map needs a positive width, got " + width);
    }
  }

  /**
   * Builds {@code layer} into {@code graph} behind a {@code features} placeholder.
   *
   * @param graph the graph to build into
   * @param inputs the placeholder's width d
   * @param layer the map, from [batch, d] to [batch, width]
   * @param width the map's output width
   * @return the endpoints
   */
  public static FeatureGraph build(ModelGraph graph, int inputs, Layer layer, int width) {
    Ops tf = graph.tf();
    Placeholder<TFloat32> input =
        tf.withName("features")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    return new FeatureGraph(
        input, tf.withName("feature_map").identity(layer.apply(tf, input)), width);
  }

  /**
   * The features of every example of {@code data}, with its labels, as a new data set.
   *
   * @param session a session of the graph the map is in
   * @param data the examples, of the input width d
   * @param name the new data set's name
   * @return a data set of {@code width} features per example, with {@code data}'s labels
   */
  public Dataset map(Session session, Dataset data, String name) {
    long total = (long) data.size() * width;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          data.size()
              + " examples x "
              + width
              + " features do not fit in one Java array; use a"
              + " smaller training set (train_size) or fewer units");
    }
    float[] out = new float[(int) total];
    for (int from = 0; from < data.size(); from += CHUNK) {
      int count = Math.min(CHUNK, data.size() - from);
      try (TFloat32 x = Tensors.features(data, from, count);
          Result r = session.runner().feed(input, x).fetch(features).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        if (y.shape().get(1) != width) {
          throw new IllegalStateException(
              "the feature map gave " + y.shape().get(1) + " features per example, not " + width);
        }
        y.copyTo(
            DataBuffers.of(out, false, false).slice((long) from * width, (long) count * width));
      }
    }
    return new Dataset(name, out, data.labels(), width, data.numClasses());
  }
}
