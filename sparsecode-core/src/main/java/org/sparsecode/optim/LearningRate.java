package org.sparsecode.optim;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A learning rate held in the graph, so that a schedule can lower it between steps without
 * rebuilding the optimiser: pass {@link #value()} to {@link DeterministicAdam} and call {@link
 * #set} from the training loop.
 */
public final class LearningRate {
  private final Variable<TFloat32> variable;
  private final Placeholder<TFloat32> newValue;
  private final Op assign;
  private float current;

  /**
   * Adds the rate's variable and its assign op to the graph of {@code tf}.
   *
   * @param tf ops of the graph
   * @param name flat name of the variable
   * @param initial the first rate, finite and &gt; 0
   */
  public LearningRate(Ops tf, String name, float initial) {
    check(initial);
    variable = tf.withName(name).variable(tf.withInitScope().constant(initial));
    newValue = tf.withName(name + "_new").placeholder(TFloat32.class);
    assign = tf.withName(name + "_assign").assign(variable, newValue);
    current = initial;
  }

  /**
   * @return the rate's variable, a float32 scalar the optimiser reads at every step
   */
  public Operand<TFloat32> value() {
    return variable;
  }

  /**
   * @return the rate last set (or the initial one), which the following steps use
   */
  public float current() {
    return current;
  }

  /**
   * Sets the rate used by the following steps.
   *
   * @param session a session of the rate's graph
   * @param rate the new rate, finite and &gt; 0
   * @throws IllegalArgumentException for a rate that is not finite and &gt; 0
   */
  public void set(Session session, float rate) {
    check(rate);
    try (TFloat32 t = TFloat32.scalarOf(rate)) {
      session.runner().feed(newValue, t).addTarget(assign).run().close();
      current = rate;
    }
  }

  private static void check(float rate) {
    if (!(rate > 0) || Float.isInfinite(rate)) {
      throw new IllegalArgumentException("a learning rate must be finite and > 0, got " + rate);
    }
  }
}
