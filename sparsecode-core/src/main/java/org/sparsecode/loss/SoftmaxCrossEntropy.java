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

  /**
   * @param numClasses number of classes, &gt;= 2
   */
  public SoftmaxCrossEntropy(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
    }
    this.numClasses = numClasses;
  }

  /**
   * The mean over the batch of each example's cross-entropy.
   *
   * @param tf ops of the graph
   * @param logits float32 [batch, numClasses]
   * @param labels int32 [batch], each in [0, numClasses)
   * @return a float32 scalar
   * @throws IllegalArgumentException if the shapes are known to be wrong
   */
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    org.tensorflow.ndarray.Shape l = logits.shape();
    if (!l.isUnknown() && (l.numDimensions() != 2 || (l.get(1) >= 0 && l.get(1) != numClasses))) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy takes logits of shape [batch, "
              + numClasses
              + "], got "
              + l
              + "; give one row of "
              + numClasses
              + " class scores per example");
    }
    org.tensorflow.ndarray.Shape y = labels.shape();
    if (!y.isUnknown() && y.numDimensions() != 1) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy takes labels of shape [batch] (class indices, not one-hot), got "
              + y);
    }
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }
}
