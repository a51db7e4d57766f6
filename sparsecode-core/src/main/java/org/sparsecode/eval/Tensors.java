package org.sparsecode.eval;

import org.sparsecode.data.Dataset;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies contiguous examples of a {@link Dataset} into new tensors; the caller closes them. */
public final class Tensors {
  private Tensors() {}

  /**
   * A new tensor of {@code count} examples' features from {@code from}; close it.
   *
   * @param data the data set
   * @param from first example
   * @param count number of examples
   * @return float32 [count, featureSize]
   */
  public static TFloat32 features(Dataset data, int from, int count) {
    int width = data.featureSize();
    return TFloat32.tensorOf(
        Shape.of(count, width),
        DataBuffers.of(data.features(), true, false)
            .slice((long) from * width, (long) count * width));
  }

  /**
   * A new tensor of {@code count} labels from {@code from}; close it.
   *
   * @param data the data set
   * @param from first example
   * @param count number of examples
   * @return int32 [count]
   */
  public static TInt32 labels(Dataset data, int from, int count) {
    return TInt32.tensorOf(
        Shape.of(count), DataBuffers.of(data.labels(), true, false).slice(from, count));
  }
}
