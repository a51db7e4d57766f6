package org.sparsecode.runtime;

import org.tensorflow.proto.ConfigProto;

/**
 * TensorFlow's two thread pools. They are process-wide and sized by the first session a process
 * opens, so every session of one run should use the same settings.
 *
 * @param intraOp threads inside one op (matrix products); 0 lets TensorFlow pick
 * @param interOp ops run at once; 0 lets TensorFlow pick
 */
public record ThreadSettings(int intraOp, int interOp) {

  /**
   * Checks that both counts are &gt;= 0.
   *
   * @param intraOp threads one op may use, &gt;= 0; 0 lets TensorFlow choose
   * @param interOp ops run at once, &gt;= 0; 0 lets TensorFlow choose
   */
  public ThreadSettings {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0 (0 = TensorFlow's choice), got intra-op "
              + intraOp
              + " and inter-op "
              + interOp);
    }
  }

  /**
   * One op at a time, each using every core: the fastest setting measured for small models.
   *
   * @return intra-op one thread per available processor, inter-op 1
   */
  public static ThreadSettings defaults() {
    return new ThreadSettings(Runtime.getRuntime().availableProcessors(), 1);
  }

  /**
   * @return the session settings with these thread counts
   */
  public ConfigProto toConfigProto() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOp)
        .setInterOpParallelismThreads(interOp)
        .build();
  }
}
