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
import org.sparsecode.model.EncoderGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.model.OvrEncoderConfig;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.EncoderTrainConfig;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * One training step of Doc 001's OVR-Encoder as the experiment runs it: 781 PCA features in (the
 * PCA itself, a fixed 784 x 781 product, is left out), 8192 ReLU units, batch 128, Adam on J. About
 * {@link #flopsPerStep()} floating-point operations in matrix products per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OvrEncoderStepBenchmark {
  public static final int INPUTS = 781;
  public static final int UNITS = 8192;

  @Param({"128"})
  public int batch;

  @Param({"AUTODIFF"})
  public OvrEncoderConfig.UpdateRule rule;

  @Param({"0"})
  public int threads;

  private ModelGraph graph;
  private EncoderGraph model;
  private TFloat32 input;

  /** Forward product and the weight gradient's product, 2 * 2 * batch * inputs * units. */
  public static double flopsPerStep(int batch) {
    return 4.0 * batch * INPUTS * UNITS;
  }

  public static double flopsPerStep() {
    return flopsPerStep(128);
  }

  @Setup(Level.Trial)
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    graph = new ModelGraph(new ThreadSettings(intra, 1));
    OvrEncoderConfig config =
        OvrEncoderConfig.builder().units(UNITS).lambda(5e-5f).updateRule(rule).seed(1).build();
    model =
        OvrEncoder.build(
            graph,
            INPUTS,
            (tf, x) -> x,
            INPUTS,
            config,
            AdamConfig.withLearningRate(EncoderTrainConfig.DOCUMENT_LEARNING_RATE));
    float[] x = new float[batch * INPUTS];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    input = TFloat32.tensorOf(Shape.of(batch, INPUTS), DataBuffers.of(x, true, false));
    graph.session();
  }

  @Benchmark
  public float trainStep() {
    try (Result r =
        graph
            .session()
            .runner()
            .feed(model.input(), input)
            .addTarget(model.trainStep())
            .fetch(model.loss())
            .run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    input.close();
    graph.close();
  }
}
