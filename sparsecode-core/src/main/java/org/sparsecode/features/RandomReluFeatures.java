package org.sparsecode.features;

import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Layer;
import org.tensorflow.op.Ops;

/**
 * Random ReLU features: {@code relu(z W + b)} with the OVR-Encoder's initial weights (same layer,
 * same seed), never trained. The baseline that shows what training the encoder adds.
 */
public final class RandomReluFeatures {
  private RandomReluFeatures() {}

  /**
   * @param graph the graph to build into
   * @param inputs the raw input width (the placeholder's)
   * @param preprocess the fixed map before the layer (the same PCA as the encoder's)
   * @param preprocessedWidth its output width
   * @param units number of ReLU features, &gt; 0
   * @param stddev the weights' standard deviation (the encoder's init_stddev)
   * @param seed seed of the weight draw (the encoder's, so both start equal)
   * @return the endpoints: [batch, inputs] in, [batch, units] out
   */
  public static FeatureGraph build(
      ModelGraph graph,
      int inputs,
      Layer preprocess,
      int preprocessedWidth,
      int units,
      float stddev,
      long seed) {
    Ops tf = graph.tf();
    Dense layer = OvrEncoder.codeLayer(tf, preprocessedWidth, units, stddev, seed);
    Layer features = (ops, x) -> ops.nn.relu(layer.apply(ops, preprocess.apply(ops, x)));
    return FeatureGraph.build(graph, inputs, features, units);
  }
}
