package org.sparsecode.bench;

import java.util.SplittableRandom;
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
import org.sparsecode.model.FcClassifier;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.ThreadSettings;
import org.sparsecode.train.TrainingStep;

/** One Adam step of the blog's 784-784-10 network on a batch of 100, exactly as the trainer runs it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FcTrainStepBenchmark {
  public static final int BATCH = 100;
  public static final int INPUTS = 784;
  public static final int HIDDEN = 784;
  public static final int CLASSES = 10;

  /** Floating-point operations of one step: forward products, weight and hidden gradients. */
  public static double flopsPerStep() {
    return 3.0 * 2 * BATCH * ((double) INPUTS * HIDDEN + (double) HIDDEN * CLASSES);
  }

  @Param({"0"})
  public int threads;

  private ModelGraph graph;
  private TrainingStep step;

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new ModelGraph(new ThreadSettings(intra, 1));
    var model = FcClassifier.build(graph, FcConfig.blog(1e-5f, 1));
    step = new TrainingStep(graph.session(), model, BATCH, INPUTS);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < step.images().length; i++) {
      step.images()[i] = (float) random.nextDouble();
    }
    for (int i = 0; i < BATCH; i++) {
      step.labels()[i] = random.nextInt(CLASSES);
    }
  }

  @Benchmark
  public float trainStep() {
    return step.run();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    step.close();
    graph.close();
  }
}
