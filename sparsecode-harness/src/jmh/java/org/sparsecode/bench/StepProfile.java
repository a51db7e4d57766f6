package org.sparsecode.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Where a training step's time goes: TensorFlow's own per-op trace of traced steps, summed by op
 * type, beside the untraced wall time per step and the cost of a {@code Session.run} that feeds the
 * same batch and computes nothing (the most that running several steps per call could save).
 *
 * <p>{@code java -cp ... org.sparsecode.bench.StepProfile
 * [FC|CNN|CNN_AE_CONV_TRANSPOSE|CNN_AE_SUBPIXEL] [threads]}
 */
public final class StepProfile {
  private StepProfile() {}

  public static void main(String[] args) {
    BenchModel model = BenchModel.valueOf(args.length > 0 ? args[0] : "FC");
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    try (ModelGraph graph = new ModelGraph(new ThreadSettings(threads, 1))) {
      ClassifierGraph built = model.build(graph);
      Session session = graph.session();
      SplittableRandom random = new SplittableRandom(1);
      float[] x = new float[BenchModel.BATCH * 784];
      int[] y = new int[BenchModel.BATCH];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = random.nextInt(10);
      }
      try (TFloat32 images =
              TFloat32.tensorOf(Shape.of(BenchModel.BATCH, 784), DataBuffers.of(x, true, false));
          TInt32 labels =
              TInt32.tensorOf(Shape.of(BenchModel.BATCH), DataBuffers.of(y, true, false))) {
        Runnable step =
            () -> {
              try (Result r =
                  session
                      .runner()
                      .feed(built.input(), images)
                      .feed(built.labels(), labels)
                      .addTarget(built.trainStep())
                      .fetch(built.loss())
                      .run()) {
                r.get(0);
              }
            };
        double wall = perCall(step, 2, 4);
        long faultsBefore = minorFaults();
        int counted = 100;
        for (int i = 0; i < counted; i++) {
          step.run();
        }
        double faultsPerStep = (double) (minorFaults() - faultsBefore) / counted;

        RunOptions trace =
            RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build();
        Map<String, Double> microsByType = new HashMap<>();
        int traced = 30;
        double tracedOpMicros = 0;
        for (int s = 0; s < traced; s++) {
          try (Result r =
              session
                  .runner()
                  .feed(built.input(), images)
                  .feed(built.labels(), labels)
                  .addTarget(built.trainStep())
                  .fetch(built.loss())
                  .setOptions(trace)
                  .runAndFetchMetadata()) {
            RunMetadata meta = r.getMetadata().orElseThrow();
            StepStats stats = meta.getStepStats();
            for (var dev : stats.getDevStatsList()) {
              for (NodeExecStats node : dev.getNodeStatsList()) {
                String type = opType(graph.graph(), node.getNodeName());
                double micros = node.getOpEndRelMicros() - node.getOpStartRelMicros();
                microsByType.merge(type, micros, Double::sum);
                tracedOpMicros += micros;
              }
            }
          }
        }
        double overhead = emptyRunSeconds(threads);
        System.out.printf(
            Locale.ROOT,
            "%s, %d threads: %.3f ms per step untraced (%.1f steps/s); "
                + "kernels sum to %.3f ms per step (all threads together); an empty Session.run feeding the batch: %.3f ms; "
                + "%.0f minor page faults per step (allocator: %s)%n",
            model,
            threads,
            1e3 * wall,
            1 / wall,
            tracedOpMicros / traced / 1e3,
            1e3 * overhead,
            faultsPerStep,
            BenchMain.allocatorSettings());
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(microsByType.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (var e : sorted.subList(0, Math.min(15, sorted.size()))) {
          System.out.printf(
              Locale.ROOT,
              "  %-34s %8.3f ms per step  %5.1f%%%n",
              e.getKey(),
              e.getValue() / traced / 1e3,
              100 * e.getValue() / tracedOpMicros);
        }
      }
    }
  }

  /** This process's minor page faults so far (field 10 of /proc/self/stat). */
  private static long minorFaults() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static String opType(Graph graph, String node) {
    var op = graph.operation(node);
    return op == null ? node : op.type();
  }

  /**
   * Seconds per call of a run that feeds a batch-sized image and label tensor and computes nothing.
   */
  private static double emptyRunSeconds(int threads) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BenchModel.BATCH, 784)));
      Placeholder<TInt32> labels =
          tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(BenchModel.BATCH)));
      Operand<TFloat32> out = tf.identity(tf.constant(0f));
      try (Session s = new Session(g, new ThreadSettings(threads, 1).toConfigProto());
          TFloat32 x = TFloat32.tensorOf(Shape.of(BenchModel.BATCH, 784));
          TInt32 y = TInt32.tensorOf(Shape.of(BenchModel.BATCH))) {
        return perCall(
            () -> {
              try (Result r = s.runner().feed(images, x).feed(labels, y).fetch(out).run()) {
                r.get(0);
              }
            },
            1,
            2);
      }
    }
  }

  private static double perCall(Runnable call, double warmup, double seconds) {
    return 1 / BenchSummary.timed(call, warmup, seconds);
  }
}
