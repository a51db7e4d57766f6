package org.sparsecode.optim;

import java.util.ArrayList;
import java.util.List;
import org.sparsecode.nn.Initializers;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam (Kingma and Ba) whose bias-correction powers {@code beta1^t, beta2^t} are updated only after
 * every variable's update has run.
 *
 * <p>The framework's own {@code Adam} (1.0.0) groups those two assignments with the apply ops
 * without ordering them, so an apply op may read {@code beta^t} before or after it is multiplied:
 * results then change from run to run. Ordering them makes reruns with a seed bit-identical.
 */
public final class DeterministicAdam extends Optimizer {
  /** Name of the first-moment slot of each variable. */
  public static final String FIRST_MOMENT = "m";

  /** Name of the second-moment slot of each variable. */
  public static final String SECOND_MOMENT = "v";

  private final float learningRate;

  /**
   * A learning rate read from the graph at every step (a schedule's variable); null: the constant.
   */
  private final Operand<TFloat32> learningRateOperand;

  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private Variable<TFloat32> beta1Power;
  private Variable<TFloat32> beta2Power;

  /**
   * Adam with the given settings.
   *
   * @param graph the graph the slots and update ops are added to
   * @param learningRate step size, finite and &gt; 0
   * @param beta1 decay of the first moment, in [0, 1)
   * @param beta2 decay of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, &gt; 0
   */
  public DeterministicAdam(
      Graph graph, float learningRate, float beta1, float beta2, float epsilon) {
    this(graph, checkedRate(learningRate), null, beta1, beta2, epsilon);
  }

  private static float checkedRate(float learningRate) {
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be finite and > 0, got " + learningRate);
    }
    return learningRate;
  }

  /**
   * Adam whose learning rate is the value of {@code learningRate} when a step runs, for example a
   * {@link LearningRate} variable that a schedule lowers; usual beta1 0.9, beta2 0.999, epsilon
   * 1e-8.
   *
   * @param graph the graph the slots and update ops are added to
   * @param learningRate a float32 scalar in {@code graph}
   */
  public DeterministicAdam(Graph graph, Operand<TFloat32> learningRate) {
    this(
        graph,
        Float.NaN,
        java.util.Objects.requireNonNull(learningRate, "learningRate"),
        0.9f,
        0.999f,
        1e-8f);
  }

  private DeterministicAdam(
      Graph graph,
      float learningRate,
      Operand<TFloat32> learningRateOperand,
      float beta1,
      float beta2,
      float epsilon) {
    super(graph, "Adam");
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam's beta1 and beta2 must lie in [0, 1), got " + beta1 + " and " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam's epsilon must be > 0, got " + epsilon);
    }
    this.learningRate = learningRate;
    this.learningRateOperand = learningRateOperand;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /**
   * Adam whose learning rate is the value of {@code learningRate} when a step runs (for example a
   * {@link LearningRate} variable that a schedule lowers), with the betas and epsilon of {@code
   * config}; {@code config}'s learning rate is not read here (it is the variable's initial value).
   *
   * @param graph the graph the slots and update ops are added to
   * @param learningRate a float32 scalar in {@code graph}
   * @param config beta1, beta2 and epsilon
   */
  public DeterministicAdam(Graph graph, Operand<TFloat32> learningRate, AdamConfig config) {
    this(
        graph,
        Float.NaN,
        java.util.Objects.requireNonNull(learningRate, "learningRate"),
        config.beta1(),
        config.beta2(),
        config.epsilon());
  }

  /**
   * Adam with the usual beta1 0.9, beta2 0.999, epsilon 1e-8.
   *
   * @param graph the graph the slots and update ops are added to
   * @param learningRate step size, finite and &gt; 0
   */
  public DeterministicAdam(Graph graph, float learningRate) {
    this(graph, learningRate, 0.9f, 0.999f, 1e-8f);
  }

  /**
   * Adam with the given settings.
   *
   * @param graph the graph the optimiser's slots and update ops are added to
   * @param config learning rate, betas and epsilon
   */
  public DeterministicAdam(Graph graph, AdamConfig config) {
    this(graph, config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    for (Output<? extends TType> v : variables) {
      Output<TFloat32> variable = asFloat(v);
      createSlot(variable, FIRST_MOMENT, Initializers.constant(tf, variable.shape(), 0f));
      createSlot(variable, SECOND_MOMENT, Initializers.constant(tf, variable.shape(), 0f));
    }
    Ops init = tf.withInitScope();
    beta1Power = init.withName("beta1_power").variable(init.constant(beta1));
    beta2Power = init.withName("beta2_power").variable(init.constant(beta2));
  }

  @Override
  protected <T extends TType> Op applyDense(Ops ops, Output<T> gradient, Output<T> variable) {
    Output<TFloat32> var = asFloat(variable);
    Output<TFloat32> grad = asFloat(gradient);
    Variable<TFloat32> m = getSlot(var, FIRST_MOMENT).orElseThrow();
    Variable<TFloat32> v = getSlot(var, SECOND_MOMENT).orElseThrow();
    return ops.train.applyAdam(
        var,
        m,
        v,
        beta1Power,
        beta2Power,
        learningRateOperand != null ? learningRateOperand : ops.constant(learningRate),
        ops.constant(beta1),
        ops.constant(beta2),
        ops.constant(epsilon),
        grad);
  }

  @Override
  protected Op finish(List<Op> updateOperations, String name) {
    // The powers advance only once every apply op has read them.
    Ops afterUpdates = tf.withControlDependencies(updateOperations);
    List<Op> all = new ArrayList<>(updateOperations);
    all.add(afterUpdates.assign(beta1Power, afterUpdates.math.mul(beta1Power, tf.constant(beta1))));
    all.add(afterUpdates.assign(beta2Power, afterUpdates.math.mul(beta2Power, tf.constant(beta2))));
    return super.finish(all, name);
  }

  @Override
  public String getOptimizerName() {
    return "Adam";
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> asFloat(Output<? extends TType> v) {
    if (v.type() != TFloat32.class) {
      throw new IllegalArgumentException(
          "DeterministicAdam trains float32 variables only; "
              + v.op().name()
              + " is "
              + v.type().getSimpleName());
    }
    return (Output<TFloat32>) v;
  }

  /**
   * The variables paired with their gradients of {@code loss}, for {@link #applyGradients}.
   *
   * @param graph the graph of {@code loss}
   * @param loss a float32 scalar
   * @param variables the variables to train, float32
   * @return one (gradient, variable) pair per variable, in order
   */
  public static List<GradAndVar<? extends TType>> gradients(
      Graph graph, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
    Output<?>[] vars = new Output<?>[variables.size()];
    for (int i = 0; i < vars.length; i++) {
      vars[i] = variables.get(i).asOutput();
    }
    Output<?>[] grads = graph.addGradients(loss.asOutput(), vars);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < vars.length; i++) {
      pairs.add(new GradAndVar<>(asFloat(grads[i]), asFloat(vars[i])));
    }
    return pairs;
  }
}
