package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.ActivityLevelLoss;
import org.sparsecode.loss.OvrLoss;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Layer;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.optim.DeterministicAdam;
import org.sparsecode.optim.LearningRate;
import org.tensorflow.Operand;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Builds Doc 001's OVR-Encoder into a {@link ModelGraph}: images, a fixed preprocessing (the
 * document's standardisation and PCA), then {@code H = relu(z W + b)}, trained by Adam on {@code J
 * = OVR(H) + |mean(H) - target|}.
 */
public final class OvrEncoder {
  /** Names of the loss terms in {@link EncoderGraph#lossTerms()}. */
  public static final String OVR = "ovr";

  /** Name of the activity term L in {@link EncoderGraph#lossTerms()}. */
  public static final String ACTIVITY = "activity";

  private OvrEncoder() {}

  /**
   * The code layer of the OVR-Encoder and of every baseline that must start from the same weights
   * (random ReLU features, the L1 autoencoder's encoder): weights N(0, stddev^2) from {@code seed},
   * biases 0.
   *
   * @param tf ops of the graph to build into
   * @param inputs the layer's input width
   * @param units the layer's output width
   * @param stddev the weights' standard deviation, &gt; 0
   * @param seed seed of the weight draw (stream 1)
   * @return the Dense layer named {@code encoder}, [batch, inputs] to [batch, units], without
   *     activation
   */
  public static Dense codeLayer(Ops tf, int inputs, int units, float stddev, long seed) {
    return Dense.builder("encoder", inputs, units)
        .stddev(stddev)
        .biasInit(0f)
        .seed(seed, 1)
        .build(tf);
  }

  /**
   * Builds the encoder with its train step (Adam at the training's rate, held in a {@link
   * org.sparsecode.optim.LearningRate} that {@link org.sparsecode.train.EncoderTrainer}'s schedule
   * can lower). Train it with {@link org.sparsecode.train.EncoderTrainer}.
   *
   * @param graph the graph to build into
   * @param inputs features per raw example (the placeholder's width)
   * @param preprocess fixed map applied first (for example a fitted PCA), not trained
   * @param preprocessedWidth its output width
   * @param config units, initialisation, lambda, activity target, update rule and seed
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
      OvrEncoderConfig config,
      AdamConfig optimizer) {
    Ops tf = graph.tf();
    Placeholder<TFloat32> input =
        tf.withName("features")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    Operand<TFloat32> z = tf.withName("preprocessed").identity(preprocess.apply(tf, input));
    Dense layer =
        codeLayer(tf, preprocessedWidth, config.units(), config.initStddev(), config.seed());
    Operand<TFloat32> pre = layer.apply(tf, z);
    Operand<TFloat32> h = tf.withName("codes").nn.relu(pre);

    OvrLoss ovrLoss = new OvrLoss(config.lambda());
    Operand<TFloat32> ovr = ovrLoss.call(tf, h);
    Operand<TFloat32> activity = new ActivityLevelLoss(config.activityTarget()).call(tf, h);
    Operand<TFloat32> loss = tf.withName("loss").math.add(ovr, activity);

    LearningRate rate = new LearningRate(tf, "learning_rate", optimizer.learningRate());
    DeterministicAdam adam = new DeterministicAdam(graph.graph(), rate.value(), optimizer);
    List<GradAndVar<? extends TType>> pairs =
        switch (config.updateRule()) {
          case AUTODIFF ->
              DeterministicAdam.gradients(
                  graph.graph(), loss, List.of(layer.weights(), layer.bias()));
          case EXPLICIT -> {
            List<Operand<TFloat32>> g =
                explicitGradients(tf, z, pre, h, ovrLoss, config.activityTarget());
            yield List.of(
                new GradAndVar<>(g.get(0).asOutput(), layer.weights().asOutput()),
                new GradAndVar<>(g.get(1).asOutput(), layer.bias().asOutput()));
          }
        };
    Op trainStep = adam.applyGradients(pairs, "train_step");
    return new EncoderGraph(
        input,
        h,
        config.units(),
        loss,
        Map.of(OVR, ovr, ACTIVITY, activity),
        trainStep,
        rate,
        optimizer,
        List.of(layer.weights(), layer.bias()));
  }

  /**
   * dJ/dW and dJ/db written out: the document's "push each weight vector away from the weighted
   * mean of the rest of the batch". With {@code G = dOVR/dH} from {@link OvrLoss#updateRule()} plus
   * L's gradient {@code sign(mean(H) - target) / (B K)}, masked by the ReLU ({@code pre > 0}):
   * {@code dW = z^T G}, {@code db = sum_i G_i}. For unit k that is {@code sum_i x_i g_ik}, a
   * Hebbian-like product of the input and the unit's own error signal.
   */
  static List<Operand<TFloat32>> explicitGradients(
      Ops tf,
      Operand<TFloat32> z,
      Operand<TFloat32> pre,
      Operand<TFloat32> h,
      OvrLoss ovr,
      float target) {
    Operand<TFloat32> dOvr = ovr.updateRule().gradient(tf, h);
    Operand<TFloat32> entries = tf.dtypes.cast(tf.size(h, TInt32.class), TFloat32.class);
    Operand<TFloat32> mean = tf.math.mean(h, tf.constant(new int[] {0, 1}));
    Operand<TFloat32> dActivity =
        tf.math.div(tf.math.sign(tf.math.sub(mean, tf.constant(target))), entries);
    Operand<TFloat32> active =
        tf.dtypes.cast(tf.math.greater(pre, tf.constant(0f)), TFloat32.class);
    Operand<TFloat32> dPre = tf.math.mul(tf.math.add(dOvr, dActivity), active);
    Operand<TFloat32> dWeights = tf.linalg.matMul(z, dPre, MatMul.transposeA(true));
    Operand<TFloat32> dBias = tf.reduceSum(dPre, tf.constant(0));
    return List.of(dWeights, dBias);
  }
}
