package org.sparsecode.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mean over the batch of the softmax cross-entropy between logits and integer class labels.
 *
 * <p>Built on the dense-label op because TensorFlow Java has no gradient for the sparse one; the
 * labels are one-hot encoded inside the graph.
 */
public final class SoftmaxCrossEntropy {
  private final int numClasses;

  public SoftmaxCrossEntropy(int numClasses) {
    this.numClasses = numClasses;
  }

  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }
}
