package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.OvrLoss;
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

/**
 * Builds the classifier of {@link OvrMlpConfig} into a {@link ModelGraph}. Besides the common
 * metrics it reports {@link #BELOW_THRESHOLD_FRACTION}, Doc 001's sparsity measure.
 *
 * <p>Initialisation: He-normal hidden weights (stddev sqrt(2 / inputs)) and LeCun-normal output
 * weights (stddev sqrt(1 / hidden)), zero biases. With 3 inputs on the unit sphere, the blog's
 * N(0, 0.1^2) would start every hidden unit nearly linear and slow the early steps down; the
 * scaled draws keep the starting logits of order 1 at every width.
 */
public final class OvrMlpClassifier {
  /** Doc 001's sparsity: the fraction of hidden activations below {@link #SPARSITY_THRESHOLD}. */
  public static final String BELOW_THRESHOLD_FRACTION = "below_0.1_fraction";

  public static final float SPARSITY_THRESHOLD = 0.1f;

  private OvrMlpClassifier() {}

  public static ClassifierGraph build(ModelGraph model, OvrMlpConfig config) {
    Ops tf = model.tf();
    Placeholder<TFloat32> images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.inputs())));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

    Dense hiddenLayer =
        new Dense(tf, "hidden", config.inputs(), config.hidden(),
            (float) Math.sqrt(2.0 / config.inputs()), 0f, config.seed(), 1);
    Dense outputLayer =
        new Dense(tf, "output", config.hidden(), config.classes(),
            (float) Math.sqrt(1.0 / config.hidden()), 0f, config.seed(), 2);

    Operand<TFloat32> hidden = tf.withName("hidden_activations").nn.relu(hiddenLayer.apply(tf, images));
    Operand<TFloat32> logits = tf.withName("logits").identity(outputLayer.apply(tf, hidden));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);

    Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(config.classes()).call(tf, logits, labels);
    Operand<TFloat32> loss =
        config.ovrLambda() == 0
            ? tf.withName("loss").identity(taskLoss)
            : tf.withName("loss").math.add(taskLoss, new OvrLoss(config.ovrLambda()).call(tf, hidden));

    List<Variable<TFloat32>> variables =
        List.of(hiddenLayer.weights(), hiddenLayer.bias(), outputLayer.weights(), outputLayer.bias());
    DeterministicAdam adam = new DeterministicAdam(model.graph(), config.learningRate());
    Op trainStep =
        adam.applyGradients(DeterministicAdam.gradients(model.graph(), loss, variables), "train_step");

    return new ClassifierGraph(
        images, labels, logits, probabilities, hidden, config.hidden(), config.classes(), loss,
        taskLoss, trainStep, variables,
        Map.of(BELOW_THRESHOLD_FRACTION, belowThresholdPerExample(tf, hidden, config.hidden())),
        Map.of());
  }

  /** Sum over the batch of each example's fraction of units below the threshold. */
  private static Operand<TFloat32> belowThresholdPerExample(Ops tf, Operand<TFloat32> hidden, int units) {
    Operand<TFloat32> below =
        tf.dtypes.cast(tf.math.less(hidden, tf.constant(SPARSITY_THRESHOLD)), TFloat32.class);
    return tf.math.div(tf.reduceSum(below, tf.constant(new int[] {0, 1})), tf.constant((float) units));
  }
}
