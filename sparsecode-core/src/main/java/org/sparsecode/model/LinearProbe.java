package org.sparsecode.model;

import java.util.List;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Dense;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.optim.DeterministicAdam;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Logistic regression on fixed features (Doc 001's evaluation of codes): one softmax layer, weights
 * and biases starting at 0, mean cross-entropy, Adam. Built as a {@link ClassifierGraph} whose
 * {@code images} are the features and whose {@code hidden} is that input, so the trainer and the
 * metrics also report the sparsity of the features themselves.
 */
public final class LinearProbe {
  private LinearProbe() {}

  /**
   * Builds the probe with its train step.
   *
   * @param graph the graph to build into
   * @param inputs features per example (the input {@code features}, [batch, inputs])
   * @param classes number of classes, &gt;= 2
   * @param learningRate Adam's learning rate, finite and &gt; 0
   * @return the classifier's endpoints; its hidden representation is the input itself
   */
  public static ClassifierGraph build(
      ModelGraph graph, int inputs, int classes, float learningRate) {
    return build(graph, inputs, classes, AdamConfig.withLearningRate(learningRate));
  }

  /**
   * Builds the probe with its train step.
   *
   * @param graph the graph to build into
   * @param inputs features per example (the input {@code features}, [batch, inputs])
   * @param classes number of classes, &gt;= 2
   * @param optimizer the training's optimiser settings
   * @return the classifier's endpoints; its hidden representation is the input itself
   */
  public static ClassifierGraph build(
      ModelGraph graph, int inputs, int classes, AdamConfig optimizer) {
    if (inputs <= 0 || classes < 2) {
      throw new IllegalArgumentException(
          "a linear probe needs > 0 inputs and >= 2 classes, got " + inputs + " and " + classes);
    }
    Ops tf = graph.tf();
    Placeholder<TFloat32> features =
        tf.withName("features")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    // A convex problem: zero weights are a fine, deterministic start (scikit-learn's too).
    Dense layer =
        Dense.builder("probe", inputs, classes).stddev(0f).biasInit(0f).seed(0, 1).build(tf);
    Operand<TFloat32> logits = tf.withName("logits").identity(layer.apply(tf, features));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
    Operand<TFloat32> loss = new SoftmaxCrossEntropy(classes).call(tf, logits, labels);
    var variables = List.of(layer.weights(), layer.bias());
    DeterministicAdam adam = new DeterministicAdam(graph.graph(), optimizer);
    Op trainStep =
        adam.applyGradients(
            DeterministicAdam.gradients(graph.graph(), loss, variables), "train_step");
    return ClassifierGraph.builder(graph)
        .inputs(features, labels)
        .outputs(logits, probabilities, classes)
        .hidden(features, inputs)
        .loss(loss, loss)
        .training(trainStep, optimizer, variables)
        .build();
  }
}
