package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.L1ActivityPenalty;
import org.sparsecode.loss.OvrLoss;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Dropout;
import org.sparsecode.optim.AdamConfig;
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
 * Builds the one-hidden-layer network of {@link MlpConfig}: inputs -> hidden ReLU -> classes,
 * trained by Adam with the chosen regularizer. It is the blog's fully connected classifier ({@link
 * MlpConfig#l1}), Doc 001's regularised MLP and, with {@link MlpConfig.Init#SCALED}, its sphere
 * network.
 *
 * <p>With {@link Regularizer#DROPOUT} the graph has two paths that share the weights: the training
 * loss reads the hidden layer through {@link Dropout}, while {@code logits}, {@code probabilities}
 * and {@code taskLoss}, which evaluation and export read, use every hidden unit. Evaluating
 * therefore never draws a mask, with no training flag to feed. The penalties act on the hidden
 * activations.
 */
public final class MlpClassifier {
  /** Activations below this count as silent in {@link #BELOW_THRESHOLD} (Doc 001's sparsity). */
  public static final float SILENT_BELOW = 0.1f;

  /** Per-example fraction of hidden activations below {@link #SILENT_BELOW}, as an example sum. */
  public static final String BELOW_THRESHOLD = "below_0.1_fraction";

  /** Name of the input placeholder and of the SavedModel signature's input. */
  public static final String INPUT = "features";

  private MlpClassifier() {}

  /**
   * Builds the network trained by Adam at the default learning rate ({@link AdamConfig#DEFAULT}).
   *
   * @param model the graph to build into
   * @param mlp the network and its regularizer
   * @return the classifier's endpoints; its input is named {@code features}, [batch, inputs]
   */
  public static ClassifierGraph build(ModelGraph model, MlpConfig mlp) {
    return build(model, mlp, AdamConfig.DEFAULT);
  }

  /**
   * Builds the network with its train step.
   *
   * @param model the graph to build into
   * @param mlp the network and its regularizer
   * @param optimizer the training's optimiser settings ({@link
   *     org.sparsecode.train.TrainConfig#optimizer()})
   * @return the classifier's endpoints; its input is named {@code features}, [batch, inputs]
   */
  public static ClassifierGraph build(ModelGraph model, MlpConfig mlp, AdamConfig optimizer) {
    FcConfig config = mlp.network();
    Ops tf = model.tf();
    Placeholder<TFloat32> images =
        tf.withName(INPUT)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.inputs())));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

    Dense hiddenLayer =
        Dense.builder("hidden", config.inputs(), config.hidden())
            .stddev(mlp.hiddenStddev())
            .biasInit(mlp.biasInit())
            .seed(config.seed(), 1)
            .build(tf);
    Dense outputLayer =
        Dense.builder("output", config.hidden(), config.classes())
            .stddev(mlp.outputStddev())
            .biasInit(mlp.biasInit())
            .seed(config.seed(), 2)
            .build(tf);

    Operand<TFloat32> hidden =
        tf.withName("hidden_activations").nn.relu(hiddenLayer.apply(tf, images));
    Operand<TFloat32> logits = tf.withName("logits").identity(outputLayer.apply(tf, hidden));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
    SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy(config.classes());
    Operand<TFloat32> taskLoss = crossEntropy.call(tf, logits, labels);

    Operand<TFloat32> loss =
        switch (mlp.regularizer()) {
          case NONE -> tf.identity(taskLoss);
          case L1 ->
              tf.math.add(
                  taskLoss, new L1ActivityPenalty(mlp.lambda()).callOnNonNegative(tf, hidden));
          case OVR -> tf.math.add(taskLoss, new OvrLoss(mlp.lambda()).call(tf, hidden));
          case DROPOUT -> {
            Dropout dropout = new Dropout(mlp.dropoutRate(), config.seed(), 3);
            Operand<TFloat32> trainingLogits = outputLayer.apply(tf, dropout.apply(tf, hidden));
            yield crossEntropy.call(tf, trainingLogits, labels);
          }
        };
    loss = tf.withName("loss").identity(loss);

    List<Variable<TFloat32>> variables =
        List.of(
            hiddenLayer.weights(), hiddenLayer.bias(), outputLayer.weights(), outputLayer.bias());
    DeterministicAdam adam = new DeterministicAdam(model.graph(), optimizer);
    Op trainStep =
        adam.applyGradients(
            DeterministicAdam.gradients(model.graph(), loss, variables), "train_step");

    Operand<TFloat32> silent =
        tf.dtypes.cast(tf.math.less(hidden, tf.constant(SILENT_BELOW)), TFloat32.class);
    Operand<TFloat32> silentFractionSum =
        tf.math.div(
            tf.reduceSum(silent, tf.constant(new int[] {0, 1})),
            tf.constant((float) config.hidden()));

    return ClassifierGraph.builder(model)
        .inputs(images, labels)
        .outputs(logits, probabilities, config.classes())
        .hidden(hidden, config.hidden())
        .loss(loss, taskLoss)
        .training(trainStep, optimizer, variables)
        .exampleSums(Map.of(BELOW_THRESHOLD, silentFractionSum))
        .build();
  }
}
