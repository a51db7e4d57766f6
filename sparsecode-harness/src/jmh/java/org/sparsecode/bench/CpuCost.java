package org.sparsecode.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Process CPU time and wall time per call of a benchmark's step, alternating the variants given,
 * for comparisons on a machine that other work keeps busy: CPU time counts only this process's work
 * (spinning threads included), so it is far less disturbed by others than wall time.
 *
 * <p>{@code java -cp ... org.sparsecode.bench.CpuCost ROUNDS encoder:DIRECT encoder:PATCH_PRODUCT
 * train:CNN ...}
 */
public final class CpuCost {
  private CpuCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int n = args.length - 1;
    Runnable[] steps = new Runnable[n];
    for (int i = 0; i < n; i++) {
      String[] kind = args[i + 1].split(":");
      steps[i] =
          switch (kind[0]) {
            case "encoder" -> {
              EncoderConvBenchmark b = new EncoderConvBenchmark();
              b.algorithm = org.sparsecode.nn.Conv2d.Algorithm.valueOf(kind[1]);
              b.threads = 2;
              b.setUp();
              yield b::forwardAndBackward;
            }
            case "train" -> {
              TrainStepBenchmark b = new TrainStepBenchmark();
              b.model = BenchModel.valueOf(kind[1]);
              b.threads = 2;
              b.setUp();
              yield b::trainStep;
            }
            default -> throw new IllegalArgumentException("unknown variant " + args[i + 1]);
          };
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        for (int w = 0; w < 5; w++) {
          steps[i].run();
        }
        int calls = 30;
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          steps[i].run();
        }
        System.out.printf(
            Locale.ROOT,
            "round %d %-28s cpu %.2f ms/call, wall %.2f ms/call, load %.1f%n",
            r,
            args[i + 1],
            (os.getProcessCpuTime() - cpu) / 1e6 / calls,
            (System.nanoTime() - wall) / 1e6 / calls,
            os.getSystemLoadAverage());
      }
    }
  }
}
