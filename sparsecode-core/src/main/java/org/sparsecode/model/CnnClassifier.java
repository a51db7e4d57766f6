package org.sparsecode.model;

import java.util.List;
import org.sparsecode.loss.L1ActivityPenalty;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Conv2d;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Padding;
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

/** Builds the blog's sparse CNN of {@link CnnConfig} into a {@link ModelGraph}. */
public final class CnnClassifier {
  private CnnClassifier() {}

  /** The parts of the CNN that an autoencoder reuses. */
  record Encoder(
      Placeholder<TFloat32> images,
      Placeholder<TInt32> labels,
      Operand<TFloat32> image4d,
      Operand<TFloat32> hidden,
      Variable<TFloat32> convBias,
      Operand<TFloat32> logits,
      Operand<TFloat32> taskLoss,
      Operand<TFloat32> penalty,
      List<Variable<TFloat32>> variables) {}

  /** Name of the input placeholder and of the SavedModel signature's input. */
  public static final String INPUT = "images";

  /**
   * Builds the CNN trained by Adam at the default learning rate ({@link AdamConfig#DEFAULT}).
   *
   * @param model the graph to build into
   * @param config the network
   * @return the classifier's endpoints; its input is {@code images}, [batch, side*side] in [0, 1]
   */
  public static ClassifierGraph build(ModelGraph model, CnnConfig config) {
    return build(model, config, AdamConfig.DEFAULT);
  }

  /**
   * Builds the CNN with its train step.
   *
   * @param model the graph to build into
   * @param config the network
   * @param optimizer the training's optimiser settings
   * @return the classifier's endpoints; its input is {@code images}, [batch, side*side] in [0, 1]
   */
  public static ClassifierGraph build(ModelGraph model, CnnConfig config, AdamConfig optimizer) {
    Ops tf = model.tf();
    Encoder e = encoder(tf, config);
    Operand<TFloat32> loss = tf.withName("loss").math.add(e.taskLoss(), e.penalty());
    Op trainStep =
        new DeterministicAdam(model.graph(), optimizer)
            .applyGradients(
                DeterministicAdam.gradients(model.graph(), loss, e.variables()), "train_step");
    return ClassifierGraph.builder(model)
        .inputs(e.images(), e.labels())
        .outputs(e.logits(), tf.withName("probabilities").nn.softmax(e.logits()), config.classes())
        .hidden(e.hidden(), config.hiddenUnits())
        .loss(loss, e.taskLoss())
        .training(trainStep, optimizer, e.variables())
        .build();
  }

  /**
   * Images [batch, side*side] -> conv + ReLU (the sparse code) -> dense logits; CE and L1 terms.
   */
  static Encoder encoder(Ops tf, CnnConfig c) {
    Placeholder<TFloat32> images =
        tf.withName(INPUT)
            .placeholder(
                TFloat32.class, Placeholder.shape(Shape.of(-1, (long) c.side() * c.side())));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> image4d =
        tf.reshape(images, tf.constant(new int[] {-1, c.side(), c.side(), 1}));
    Conv2d conv =
        Conv2d.builder("conv", 1, c.filters())
            .kernel(c.kernel())
            .stride(c.stride())
            .padding(Padding.SAME)
            .stddev(c.initStddev())
            .biasInit(c.biasInit())
            .seed(c.seed(), 1)
            .build(tf);
    Operand<TFloat32> hidden =
        tf.withName("hidden_activations")
            .nn
            .relu(conv.apply(tf, image4d, Conv2d.Algorithm.PATCH_PRODUCT));
    Dense output =
        Dense.builder("output", c.hiddenUnits(), c.classes())
            .stddev(c.initStddev())
            .biasInit(c.biasInit())
            .seed(c.seed(), 2)
            .build(tf);
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, c.hiddenUnits()}));
    Operand<TFloat32> logits = tf.withName("logits").identity(output.apply(tf, flat));
    Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(c.classes()).call(tf, logits, labels);
    // Summed per example: one sum over the 3.9M activations would round by the thread count.
    Operand<TFloat32> penalty =
        new L1ActivityPenalty(c.lambda()).callOnNonNegativePerExample(tf, hidden);
    return new Encoder(
        images,
        labels,
        image4d,
        hidden,
        conv.bias(),
        logits,
        taskLoss,
        penalty,
        List.of(conv.kernel(), conv.bias(), output.weights(), output.bias()));
  }
}
