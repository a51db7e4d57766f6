package org.sparsecode.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.MarkdownReport;
import org.sparsecode.report.ResultTable;

/**
 * {@code harness/bench --summary}: every workload beside its PyTorch peer (tuned and as installed),
 * in rounds: each round times every workload in this JVM, then the tuned peer, then the peer as
 * installed, so that a change in the machine's load falls on all three alike. Each figure is the
 * median over the rounds. Writes {@code bench-summary.{csv,md}}.
 *
 * <p>The JVM side is timed in process (the JMH benchmark classes' own set-up and step, a warm-up,
 * then whole calls until the time is up): one process holds all seven workloads, so the summary
 * takes minutes, not the half hour that seven JMH forks and their warm-ups would.
 */
final class BenchSummary {
  private static final String STEP_PEER = "harness/peers/torch_fc_step.py";
  private static final String LCA_PEER = "harness/peers/torch_lca.py";

  /** One workload: its JVM step, its peer's command line and its arithmetic per unit. */
  private record Workload(
      String name,
      Runnable step,
      AutoCloseable close,
      String script,
      List<String> peerArgs,
      double flops,
      String formula,
      double seconds) {}

  private BenchSummary() {}

  static void run(int threads, int rounds, Path out) throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadBefore = BenchMain.loadAverage();
    CpuPeak cpu = CpuPeak.read();
    List<Workload> workloads = workloads(threads);
    MatmulPeakBenchmark matmul = new MatmulPeakBenchmark();
    matmul.threads = threads;
    matmul.setUp();

    List<Double> peak = new ArrayList<>();
    List<Double> peerPeak = new ArrayList<>();
    Map<String, List<Double>> own = new LinkedHashMap<>();
    Map<String, List<Double>> tuned = new LinkedHashMap<>();
    Map<String, List<Double>> installed = new LinkedHashMap<>();
    Map<Peer.Setup, Map<String, String>> peerInfo = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      System.err.printf(Locale.ROOT, "bench --summary: round %d of %d%n", round, rounds);
      peak.add(
          timed(matmul::product, round == 1 ? 2 : 1, 2)
              * MatmulPeakBenchmark.flopsPerProduct()
              / 1e9);
      Peer.run(STEP_PEER, List.of("--model", "matmul"), threads, 1, 2, Peer.Setup.TUNED)
          .ifPresent(m -> peerPeak.add(Double.parseDouble(m.get("gflops"))));
      for (Workload w : workloads) {
        own.computeIfAbsent(w.name, k -> new ArrayList<>())
            .add(timed(w.step, round == 1 ? 2 : 1, w.seconds));
        for (Peer.Setup setup : Peer.Setup.values()) {
          Optional<Map<String, String>> r =
              Peer.run(w.script, w.peerArgs, threads, 1, w.seconds, setup);
          if (r.isPresent()) {
            (setup == Peer.Setup.TUNED ? tuned : installed)
                .computeIfAbsent(w.name, k -> new ArrayList<>())
                .add(Double.parseDouble(r.get().get("steps_per_second")));
            peerInfo.putIfAbsent(setup, r.get());
          }
        }
        System.err.printf(
            Locale.ROOT,
            "  %-18s %.3f/s, peer tuned %s, as installed %s%n",
            w.name,
            last(own.get(w.name)),
            lastOrDash(tuned.get(w.name)),
            lastOrDash(installed.get(w.name)));
      }
    }
    for (Workload w : workloads) {
      w.close.close();
    }
    matmul.tearDown();

    double peakGflops = median(peak);
    String date = started.toString();
    String commit = ProvenanceCapture.gitCommit(Path.of("."));
    List<List<Object>> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add("command: harness/bench --summary --threads " + threads + " --runs " + rounds);
    notes.add("date: " + date);
    notes.add("commit: " + commit);
    notes.add(
        "machine: "
            + ProvenanceCapture.cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + ProvenanceCapture.os());
    notes.add(
        "software: TensorFlow "
            + org.tensorflow.TensorFlow.version()
            + ", "
            + ProvenanceCapture.jvm());
    notes.add(BenchMain.loadNote(loadBefore, BenchMain.loadAverage()));
    notes.add(cpu.describe());
    notes.add(
        String.format(
            Locale.ROOT,
            "measured peak: TensorFlow's 2048 x 2048 float32 matmul, median %.1f GFLOP/s (runs %s); "
                + "tuned PyTorch's: median %s GFLOP/s",
            peakGflops,
            list(peak),
            peerPeak.isEmpty() ? "-" : fmt(median(peerPeak))));
    notes.add("allocator (TensorFlow Java side): " + BenchMain.allocatorSettings());
    peerInfo.forEach((setup, m) -> notes.add(Peer.describe(m, setup, "harness/peers/")));
    notes.add("tuned = " + Peer.tunedSettings(threads) + "; as installed = none of these set");
    notes.add(
        "timing: "
            + rounds
            + " rounds; per round and workload, TensorFlow Java in this JVM (2 s warm-up in round 1, "
            + "1 s after), then the tuned peer, then the peer as installed (1 s warm-up each); each figure is the median over "
            + "the rounds, and each ratio is the ratio of the medians");
    for (Workload w : workloads) {
      double ours = median(own.get(w.name));
      Double peerTuned = tuned.containsKey(w.name) ? median(tuned.get(w.name)) : null;
      Double peerInstalled = installed.containsKey(w.name) ? median(installed.get(w.name)) : null;
      double gflops = ours * w.flops / 1e9;
      rows.add(
          Arrays.asList(
              w.name,
              ours,
              peerTuned,
              peerTuned == null ? null : ours / peerTuned,
              peerInstalled,
              peerInstalled == null ? null : ours / peerInstalled,
              w.flops,
              gflops,
              gflops / peakGflops,
              gflops / cpu.gflops(),
              (double) threads,
              date,
              commit));
      notes.add(
          w.name
              + ": FLOP per unit = "
              + w.formula
              + String.format(Locale.ROOT, " = %.4g", w.flops));
      notes.add(
          w.name
              + " runs per second: TensorFlow Java "
              + list(own.get(w.name))
              + "; tuned peer "
              + list(tuned.getOrDefault(w.name, List.of()))
              + "; peer as installed "
              + list(installed.getOrDefault(w.name, List.of())));
    }
    notes.add(
        "lca: per_second counts whole inferences; its FLOP are the dense-equivalent count, so its GFLOP/s may exceed a "
            + "matmul peak where the sparse lateral product skips zero codes");
    ResultTable table =
        new ResultTable(
            "Benchmark summary: TensorFlow Java against PyTorch",
            List.of(
                "workload",
                "sparsecode_per_second",
                "peer_tuned_per_second",
                "ratio_tuned",
                "peer_as_installed_per_second",
                "ratio_as_installed",
                "flop_per_unit",
                "sparsecode_gflops",
                "fraction_of_measured_peak",
                "fraction_of_theoretical_peak",
                "threads",
                "date",
                "commit"),
            rows,
            notes);
    CsvReport.write(table, out.resolve("bench-summary.csv"));
    MarkdownReport.write(table, out.resolve("bench-summary.md"), List.of());
    System.out.println(MarkdownReport.render(table));
  }

  private static List<Workload> workloads(int threads) throws Exception {
    List<Workload> list = new ArrayList<>();
    String[][] names = {
      {"fc", "FC"},
      {"cnn", "CNN"},
      {"ae_conv_transpose", "CNN_AE_CONV_TRANSPOSE"},
      {"ae_subpixel", "CNN_AE_SUBPIXEL"}
    };
    for (String[] n : names) {
      TrainStepBenchmark b = new TrainStepBenchmark();
      b.model = BenchModel.valueOf(n[1]);
      b.threads = threads;
      b.setUp();
      list.add(
          new Workload(
              n[0],
              b::trainStep,
              b::tearDown,
              STEP_PEER,
              List.of("--model", b.model.peerName),
              b.model.flopsPerStep(),
              b.model.flopFormula(),
              2));
    }

    LcaInferenceBenchmark lca = new LcaInferenceBenchmark();
    lca.threads = threads;
    lca.lateral = org.sparsecode.lca.Lca.Lateral.AUTO;
    lca.setUp();
    Path inputs = Path.of("target", "bench-lca", "inputs.f32");
    Path dictionary = Path.of("target", "bench-lca", "dictionary.f32");
    LcaBenchProblem.writeFloat32(LcaBenchProblem.inputs(), inputs);
    LcaBenchProblem.writeFloat32(LcaBenchProblem.dictionary(), dictionary);
    list.add(
        new Workload(
            "lca",
            lca::infer,
            lca::tearDown,
            LCA_PEER,
            LcaBench.peerArgs(inputs, dictionary),
            LcaBenchProblem.denseFlops(),
            "2 B n K (B = X Phi) + 2 K n K (Phi^T Phi) + 199 * 2 B K K (the lateral products after the first step), "
                + "B = 256, n = 784, K = 1568, counted densely (the default product skips zero codes)",
            4));

    OvrEncoderStepBenchmark ovr = new OvrEncoderStepBenchmark();
    ovr.threads = threads;
    ovr.batch = 128;
    ovr.rule = org.sparsecode.model.OvrEncoderConfig.UpdateRule.AUTODIFF;
    ovr.setUp();
    list.add(
        new Workload(
            "ovr_encoder",
            ovr::trainStep,
            ovr::tearDown,
            STEP_PEER,
            List.of("--model", "ovr_encoder"),
            OvrEncoderStepBenchmark.flopsPerStep(),
            "2 * 2 B * 781 * 8192, B = 128: forward and weight gradient (the PCA features are data)",
            2));

    HebbianStepBenchmark hebbian = new HebbianStepBenchmark();
    hebbian.threads = threads;
    hebbian.setUp();
    Path hInputs = Path.of("target", "bench-hebbian", "inputs.f32");
    Path hDictionary = Path.of("target", "bench-hebbian", "dictionary.f32");
    LcaBenchProblem.writeFloat32(hebbian.inputs(), hInputs);
    LcaBenchProblem.writeFloat32(hebbian.dictionary(), hDictionary);
    list.add(
        new Workload(
            "hebbian",
            hebbian::step,
            hebbian::tearDown,
            LCA_PEER,
            hebbianPeerArgs(hInputs, hDictionary),
            HebbianStepBenchmark.flopsPerStep(),
            "the inference's 2 B n K + 2 K n K + 199 * 2 B K K, then 2 B K n (A Phi^T, the residual) + 2 B n K (R^T A, the update), "
                + "B = 100, n = 784, K = 256, counted densely",
            3));
    return list;
  }

  /** The LCA peer's options for the Hebbian step's problem, then its learning rate. */
  private static List<String> hebbianPeerArgs(Path inputs, Path dictionary) {
    List<String> args =
        new ArrayList<>(
            LcaBench.peerArgs(
                inputs,
                dictionary,
                HebbianStepBenchmark.BATCH,
                HebbianStepBenchmark.INPUTS,
                HebbianStepBenchmark.ATOMS,
                HebbianStepBenchmark.CONFIG));
    args.addAll(List.of("--hebbian", String.valueOf(HebbianStepBenchmark.ETA)));
    return args;
  }

  /**
   * Calls per second: a warm-up, then whole calls until {@code seconds} have passed (at least 2
   * calls).
   */
  static double timed(Runnable step, double warmupSeconds, double seconds) {
    long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      step.run();
    } while (System.nanoTime() < end);
    long start = System.nanoTime();
    int calls = 0;
    long now;
    do {
      step.run();
      calls++;
      now = System.nanoTime();
    } while (now - start < seconds * 1e9 || calls < 2);
    return calls / ((now - start) / 1e9);
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double last(List<Double> values) {
    return values.get(values.size() - 1);
  }

  private static String lastOrDash(List<Double> values) {
    return values == null ? "-" : fmt(last(values));
  }

  private static String list(List<Double> values) {
    return values.stream().map(BenchSummary::fmt).toList().toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
