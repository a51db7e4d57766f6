package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Layer;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.optim.DeterministicAdam;
import org.sparsecode.optim.LearningRate;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the L1 sparse autoencoder of {@link L1AutoencoderConfig}: it reconstructs the preprocessed
 * input {@code z} from {@code H = relu(z W + b)} by a linear decoder. Its codes are H.
 */
public final class L1Autoencoder {
  /** Names of the loss terms in {@link EncoderGraph#lossTerms()}. */
  public static final String RECONSTRUCTION = "reconstruction_mse";

  /** Name of the L1 term in {@link EncoderGraph#lossTerms()}. */
  public static final String L1 = "l1";

  private L1Autoencoder() {}

  /**
   * Builds the autoencoder with its train step (Adam at the training's rate, held in a {@link
   * org.sparsecode.optim.LearningRate} that {@link org.sparsecode.train.EncoderTrainer}'s schedule
   * can lower).
   *
   * @param graph the graph to build into
   * @param inputs features per raw example (the input {@code features}, [batch, inputs])
   * @param preprocess fixed map applied first (for example a fitted PCA), not trained
   * @param preprocessedWidth its output width
   * @param config units, initialisation, L1 weight and seed
   * @param optimizer the training's Adam settings ({@link
   *     org.sparsecode.train.EncoderTrainConfig#optimizer()}); the rate variable starts at its
   *     learning rate
   * @return the encoder's endpoints; its codes are [batch, units]
   */
  public static EncoderGraph build(
      ModelGraph graph,
      int inputs,
      Layer preprocess,
      int preprocessedWidth,
      L1AutoencoderConfig config,
      AdamConfig optimizer) {
    Ops tf = graph.tf();
    Placeholder<TFloat32> input =
        tf.withName("features")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    Operand<TFloat32> z = tf.withName("preprocessed").identity(preprocess.apply(tf, input));
    Dense encoder =
        OvrEncoder.codeLayer(
            tf, preprocessedWidth, config.units(), config.initStddev(), config.seed());
    Dense decoder =
        Dense.builder("decoder", config.units(), preprocessedWidth)
            .stddev(config.decoderStddev())
            .biasInit(0f)
            .seed(config.seed(), 2)
            .build(tf);
    Operand<TFloat32> h = tf.withName("codes").nn.relu(encoder.apply(tf, z));
    Operand<TFloat32> reconstruction = decoder.apply(tf, h);

    Operand<TFloat32> mse =
        tf.math.mean(tf.math.squaredDifference(reconstruction, z), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> perExampleL1 = tf.reduceSum(tf.math.abs(h), tf.constant(1));
    Operand<TFloat32> l1 =
        tf.math.mul(tf.constant(config.l1()), tf.math.mean(perExampleL1, tf.constant(0)));
    Operand<TFloat32> loss = tf.withName("loss").math.add(mse, l1);

    List<org.tensorflow.op.core.Variable<TFloat32>> variables =
        List.of(encoder.weights(), encoder.bias(), decoder.weights(), decoder.bias());
    LearningRate rate = new LearningRate(tf, "learning_rate", optimizer.learningRate());
    DeterministicAdam adam = new DeterministicAdam(graph.graph(), rate.value(), optimizer);
    Op trainStep =
        adam.applyGradients(
            DeterministicAdam.gradients(graph.graph(), loss, variables), "train_step");
    return new EncoderGraph(
        input,
        h,
        config.units(),
        loss,
        Map.of(RECONSTRUCTION, mse, L1, l1),
        trainStep,
        rate,
        optimizer,
        variables);
  }
}
