package org.sparsecode.bench;

import java.util.List;
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
import org.sparsecode.nn.Conv2d;
import org.sparsecode.nn.Padding;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One forward and backward pass (input and kernel gradients) of the subpixel decoder's convolution,
 * 3x3, 200 -> 4 channels on 14 x 14 maps, batch 100, by each {@link Conv2d.Algorithm}. Run: {@code
 * org.openjdk.jmh.Main Conv2dAlgorithmBenchmark -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Conv2dAlgorithmBenchmark {
  @Param({"DIRECT", "TAP_PRODUCTS"})
  public Conv2d.Algorithm algorithm;

  @Param({"0"})
  public int threads;

  private ModelGraph graph;
  private Operand<TFloat32> loss;
  private Output<?>[] gradients;

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new ModelGraph(new ThreadSettings(intra, 1));
    Ops tf = graph.tf();
    Ops init = tf.withInitScope();
    Variable<TFloat32> maps =
        tf.variable(
            init.nn.relu(
                init.random.statelessRandomNormal(
                    init.constant(new int[] {100, 14, 14, 200}),
                    init.constant(new long[] {1, 1}))));
    Conv2d conv =
        Conv2d.builder("decoder", 200, 4)
            .kernel(3)
            .stride(1)
            .padding(Padding.SAME)
            .stddev(0.1f)
            .biasInit(0.1f)
            .seed(1, 0)
            .build(tf);
    Operand<TFloat32> out = conv.apply(tf, maps, algorithm);
    loss = tf.sum(tf.math.square(out), tf.constant(new int[] {0, 1, 2, 3}));
    gradients =
        graph
            .graph()
            .addGradients(
                loss.asOutput(),
                new Output<?>[] {
                  maps.asOutput(), conv.kernel().asOutput(), conv.bias().asOutput()
                });
    graph.session();
  }

  @Benchmark
  public float forwardAndBackward() {
    Session.Runner runner = graph.session().runner().fetch(loss);
    List.of(gradients).forEach(runner::fetch);
    try (Result r = runner.run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    graph.close();
  }
}
