package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Dense;
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

  public static ClassifierGraph build(ModelGraph graph, int inputs, int classes, float learningRate) {
    if (inputs <= 0 || classes < 2) {
      throw new IllegalArgumentException(
          "a linear probe needs > 0 inputs and >= 2 classes, got " + inputs + " and " + classes);
    }
    Ops tf = graph.tf();
    Placeholder<TFloat32> features =
        tf.withName("features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    // A convex problem: zero weights are a fine, deterministic start (scikit-learn's too).
    Dense layer = new Dense(tf, "probe", inputs, classes, 0f, 0f, 0, 1);
    Operand<TFloat32> logits = tf.withName("logits").identity(layer.apply(tf, features));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
    Operand<TFloat32> loss = new SoftmaxCrossEntropy(classes).call(tf, logits, labels);
    var variables = List.of(layer.weights(), layer.bias());
    DeterministicAdam adam = new DeterministicAdam(graph.graph(), learningRate);
    Op trainStep = adam.applyGradients(DeterministicAdam.gradients(graph.graph(), loss, variables), "train_step");
    return new ClassifierGraph(
        features, labels, logits, probabilities, features, inputs, classes, loss, loss, trainStep,
        variables, Map.of(), Map.of());
  }
}
