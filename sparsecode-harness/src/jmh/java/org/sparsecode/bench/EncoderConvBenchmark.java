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
 * The blog CNN's encoder convolution as a training step needs it: 3x3, 1 -> 200 channels, stride 2,
 * SAME, on a batch of 100 images of 28 x 28, then bias and ReLU; forward, kernel and bias gradients
 * (no image gradient), by {@link Conv2d.Algorithm} DIRECT (conv2d) or PATCH_PRODUCT. Run: {@code
 * org.openjdk.jmh.Main EncoderConvBenchmark -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncoderConvBenchmark {
  @Param({"DIRECT", "PATCH_PRODUCT"})
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
    Variable<TFloat32> images =
        tf.variable(
            init.random.statelessRandomUniform(
                init.constant(new int[] {100, 28, 28, 1}),
                init.constant(new long[] {1, 1}),
                TFloat32.class));
    Conv2d conv =
        Conv2d.builder("encoder", 1, 200)
            .kernel(3)
            .stride(2)
            .padding(Padding.SAME)
            .stddev(0.1f)
            .biasInit(0.1f)
            .seed(1, 0)
            .build(tf);
    Operand<TFloat32> hidden = tf.nn.relu(conv.apply(tf, images, algorithm));
    loss = tf.sum(tf.math.square(hidden), tf.constant(new int[] {0, 1, 2, 3}));
    gradients =
        graph
            .graph()
            .addGradients(
                loss.asOutput(),
                new Output<?>[] {conv.kernel().asOutput(), conv.bias().asOutput()});
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
