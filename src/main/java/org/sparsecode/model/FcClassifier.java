package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.L1ActivityPenalty;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Dense;
import org.sparsecode.optim.DeterministicAdam;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Builds the fully connected sparse classifier of {@link FcConfig} into a {@link ModelGraph}. */
public final class FcClassifier {
  private FcClassifier() {}

  public static ClassifierGraph build(ModelGraph model, FcConfig config) {
    Ops tf = model.tf();
    Placeholder<TFloat32> images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.inputs())));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

    Dense hiddenLayer =
        new Dense(tf, "hidden", config.inputs(), config.hidden(), config.initStddev(),
            config.biasInit(), config.seed(), 1);
    Dense outputLayer =
        new Dense(tf, "output", config.hidden(), config.classes(), config.initStddev(),
            config.biasInit(), config.seed(), 2);

    Operand<TFloat32> hidden = tf.withName("hidden_activations").nn.relu(hiddenLayer.apply(tf, images));
    Operand<TFloat32> logits = tf.withName("logits").identity(outputLayer.apply(tf, hidden));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);

    Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(config.classes()).call(tf, logits, labels);
    Operand<TFloat32> penalty = new L1ActivityPenalty(config.lambda()).call(tf, hidden);
    Operand<TFloat32> loss = tf.withName("loss").math.add(taskLoss, penalty);

    List<Variable<TFloat32>> variables =
        List.of(hiddenLayer.weights(), hiddenLayer.bias(), outputLayer.weights(), outputLayer.bias());
    DeterministicAdam adam = new DeterministicAdam(model.graph(), config.learningRate());
    Op trainStep =
        adam.applyGradients(DeterministicAdam.gradients(model.graph(), loss, variables), "train_step");

    return new ClassifierGraph(
        images, labels, logits, probabilities, hidden, config.hidden(), config.classes(), loss,
        taskLoss, trainStep, variables, Map.of(), Map.of());
  }
}
