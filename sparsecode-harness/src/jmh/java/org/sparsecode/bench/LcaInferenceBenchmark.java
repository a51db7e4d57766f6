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
import org.sparsecode.lca.Lca;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One LCA inference of {@link LcaBenchProblem} (784 inputs, 1568 atoms, batch 256, 200 steps), as a
 * dictionary-learning loop runs it: inputs and dictionary fed, codes fetched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LcaInferenceBenchmark {
  @Param({"AUTO"})
  public Lca.Lateral lateral;

  @Param({"0"})
  public int threads;

  private Graph graph;
  private Session session;
  private Placeholder<TFloat32> x;
  private Placeholder<TFloat32> phi;
  private Operand<TFloat32> codes;
  private TFloat32 inputs;
  private TFloat32 dictionary;

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new Graph();
    Ops tf = Ops.create(graph);
    x = Lca.inputsPlaceholder(tf, LcaBenchProblem.INPUTS);
    phi =
        tf.placeholder(
            TFloat32.class,
            Placeholder.shape(Shape.of(LcaBenchProblem.INPUTS, LcaBenchProblem.ATOMS)));
    codes = Lca.build(tf, x, phi, LcaBenchProblem.CONFIG, false, lateral).codes();
    session = new Session(graph, Lca.sessionConfig(new ThreadSettings(intra, 1)));
    inputs = TFloat32.tensorOf(StdArrays.ndCopyOf(LcaBenchProblem.inputs()));
    dictionary = TFloat32.tensorOf(StdArrays.ndCopyOf(LcaBenchProblem.dictionary()));
  }

  @Benchmark
  public float infer() {
    try (Result r = session.runner().feed(x, inputs).feed(phi, dictionary).fetch(codes).run()) {
      return ((TFloat32) r.get(0)).getFloat(0, 0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    inputs.close();
    dictionary.close();
    session.close();
    graph.close();
  }
}
