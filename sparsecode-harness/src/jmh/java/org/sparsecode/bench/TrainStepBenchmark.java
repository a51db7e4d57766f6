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
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingStep;

/**
 * One training step of a {@link BenchModel} on a batch of 100 random images, exactly as the trainer
 * runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainStepBenchmark {
  @Param({"FC"})
  public BenchModel model;

  @Param({"0"})
  public int threads;

  private ModelGraph graph;
  private TrainingStep step;

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new ModelGraph(new ThreadSettings(intra, 1));
    var built = model.build(graph);
    step = new TrainingStep(graph.session(), built, BenchModel.BATCH, 784);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < step.images().length; i++) {
      step.images()[i] = (float) random.nextDouble();
    }
    for (int i = 0; i < BenchModel.BATCH; i++) {
      step.labels()[i] = random.nextInt(10);
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
