package org.sparsecode.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The machine's float32 matrix-product rate through TensorFlow: an N x N by N x N product. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatmulPeakBenchmark {
  public static final int N = 2048;

  public static double flopsPerProduct() {
    return 2.0 * N * N * N;
  }

  @Param({"0"})
  public int threads;

  private ModelGraph graph;
  private Operand<TFloat32> checksum;

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new ModelGraph(new ThreadSettings(intra, 1));
    Ops tf = graph.tf();
    Ops init = tf.withInitScope();
    Operand<org.tensorflow.types.TInt32> shape = init.constant(new int[] {N, N});
    Variable<TFloat32> a =
        tf.variable(init.random.statelessRandomNormal(shape, init.constant(new long[] {1, 1})));
    Variable<TFloat32> b =
        tf.variable(init.random.statelessRandomNormal(shape, init.constant(new long[] {1, 2})));
    // Fetch one element so the product is computed every call but little data leaves TensorFlow.
    checksum =
        tf.slice(
            tf.linalg.matMul(a, b), tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1}));
    graph.session();
  }

  @Benchmark
  public float product() {
    try (Result r = graph.session().runner().fetch(checksum).run()) {
      return ((TFloat32) r.get(0)).getFloat(0, 0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    graph.close();
  }
}
