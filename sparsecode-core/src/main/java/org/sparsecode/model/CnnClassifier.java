package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.loss.L1ActivityPenalty;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.nn.Dense;
import org.sparsecode.nn.Conv2d;
import org.sparsecode.nn.Padding;
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

  public static ClassifierGraph build(ModelGraph model, CnnConfig config) {
    Ops tf = model.tf();
    Encoder e = encoder(tf, config);
    Operand<TFloat32> loss = tf.withName("loss").math.add(e.taskLoss(), e.penalty());
    Op trainStep =
        new DeterministicAdam(model.graph(), config.learningRate())
            .applyGradients(DeterministicAdam.gradients(model.graph(), loss, e.variables()), "train_step");
    return new ClassifierGraph(
        e.images(), e.labels(), e.logits(), tf.withName("probabilities").nn.softmax(e.logits()),
        e.hidden(), config.hiddenUnits(), config.classes(), loss, e.taskLoss(), trainStep,
        e.variables(), Map.of(), Map.of());
  }

  /** Images [batch, side*side] -> conv + ReLU (the sparse code) -> dense logits; CE and L1 terms. */
  static Encoder encoder(Ops tf, CnnConfig c) {
    Placeholder<TFloat32> images =
        tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, (long) c.side() * c.side())));
    Placeholder<TInt32> labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> image4d = tf.reshape(images, tf.constant(new int[] {-1, c.side(), c.side(), 1}));
    Conv2d conv =
        new Conv2d(tf, "conv", c.kernel(), c.kernel(), 1, c.filters(), c.stride(), Padding.SAME, true,
            c.initStddev(), c.biasInit(), c.seed(), 1);
    Operand<TFloat32> hidden = tf.withName("hidden_activations").nn.relu(conv.apply(tf, image4d));
    Dense output =
        new Dense(tf, "output", c.hiddenUnits(), c.classes(), c.initStddev(), c.biasInit(), c.seed(), 2);
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, c.hiddenUnits()}));
    Operand<TFloat32> logits = tf.withName("logits").identity(output.apply(tf, flat));
    Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(c.classes()).call(tf, logits, labels);
    Operand<TFloat32> penalty = new L1ActivityPenalty(c.lambda()).callOnNonNegative(tf, hidden);
    return new Encoder(
        images, labels, image4d, hidden, conv.bias(), logits, taskLoss, penalty,
        List.of(conv.kernel(), conv.bias(), output.weights(), output.bias()));
  }
}
