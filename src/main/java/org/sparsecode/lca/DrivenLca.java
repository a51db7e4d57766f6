package org.sparsecode.lca;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * LCA inference with an injected current C [batch x n_atoms] added to the drive, as a neural
 * simulator injects currents into chosen neurons:
 *
 * <pre>U <- U + (1/tau) (B + C - U - A (G - I)),  A = T(U),  B = X Phi,  G = Phi^T Phi</pre>
 *
 * It is the recurrence of {@link Lca#build} with B replaced by B + C, in the same op order, so a
 * zero current gives Lca's codes. It minimises E - C . a: the current lowers the cost of the
 * driven neurons' activity without being a signal to reconstruct.
 */
public final class DrivenLca {
  private DrivenLca() {}

  /** The final codes [batch x n_atoms] of inference with {@code current} added to the drive. */
  public static Operand<TFloat32> build(
      Ops tf,
      Operand<TFloat32> inputs,
      Operand<TFloat32> dictionary,
      Operand<TFloat32> current,
      LcaConfig config) {
    Operand<TFloat32> b = tf.math.add(tf.linalg.matMul(inputs, dictionary), current);
    Operand<TFloat32> gram = tf.linalg.matMul(dictionary, dictionary, MatMul.transposeA(true));
    Operand<TFloat32> rate = tf.constant(1f / config.tau());
    Operand<TFloat32> lambda = tf.constant(config.lambda());
    Operand<TFloat32> u = tf.math.mul(b, rate);
    Operand<TFloat32> a = Lca.threshold(tf, u, lambda, config.threshold());
    for (int k = 1; k < config.iterations(); k++) {
      Operand<TFloat32> drive =
          tf.math.add(tf.math.sub(tf.math.sub(b, u), tf.linalg.matMul(a, gram)), a);
      u = tf.math.add(u, tf.math.mul(drive, rate));
      a = Lca.threshold(tf, u, lambda, config.threshold());
    }
    return a;
  }
}
