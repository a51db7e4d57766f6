package org.sparsecode.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.MarkdownReport;
import org.sparsecode.report.ResultTable;

/**
 * One benchmark invocation: JMH measures a training step of the table's models (or, for {@code
 * --table lca}, an LCA inference: {@link LcaBench}) and TensorFlow's matmul peak, then the PyTorch
 * peer runs the same work and matmul with the same thread count, and the ratios go into {@code
 * bench-<table>.{csv,md}}.
 */
public final class BenchMain {
  private static final String PEER = "harness/peers/torch_fc_step.py";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean summary = false;
    boolean waitPolicy = false;
    int runs = 3;
    Path out = Path.of("reports");
    String table = "blog-fc";
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--summary" -> summary = true;
        case "--wait-policy" -> waitPolicy = true;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--table" -> table = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--help", "-h" -> {
          System.out.println(
              "usage: harness/bench [--table blog-fc|blog-cnn|blog-ae|lca|table1-selection] [--quick] [--threads N] [--out DIR]\n"
                  + "       harness/bench --summary [--runs R] [--threads N] [--out DIR]\n"
                  + "       harness/bench --wait-policy [--runs R] [--threads N] [--out DIR]\n"
                  + "  --table T    whose training steps to measure (default: blog-fc); lca: one LCA inference;\n"
                  + "               table1-selection: Table I's classifier selections beside scikit-learn\n"
                  + "  --summary    every workload beside tuned and as-installed PyTorch, R rounds (default 3), medians,\n"
                  + "               into bench-summary.csv/.md (about 6 minutes on 2 cores)\n"
                  + "  --wait-policy  the tuned PyTorch peer's FC and CNN steps with OMP_WAIT_POLICY PASSIVE and ACTIVE,\n"
                  + "               R rounds (default 3), medians, into bench-peer-wait-policy.csv/.md (about 3 minutes)\n"
                  + "  --quick      short JMH and peer runs, for a first look (write them under target/)\n"
                  + "  --threads N  threads for TensorFlow and PyTorch (default: all cores)\n"
                  + "  --out DIR    where bench-<table>.csv/.md go (default: reports)");
          return;
        }
        default -> {
          System.err.println("bench: unknown option " + args[i] + "; see --help");
          System.exit(2);
        }
      }
    }
    if (threads < 1 || runs < 1) {
      System.err.println("bench: --threads and --runs must be >= 1");
      System.exit(2);
    }
    if (summary) {
      BenchSummary.run(threads, runs, out);
      return;
    }
    if (waitPolicy) {
      PeerWaitPolicy.run(threads, runs, out);
      return;
    }
    if (table.equals("lca")) {
      LcaBench.run(threads, quick, out);
      return;
    }
    if (table.equals(Table1SelectionBench.TABLE)) {
      Table1SelectionBench.run(threads, quick, out);
      return;
    }
    List<BenchModel> models = BenchModel.forTable(table);
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadBefore = loadAverage();
    CpuPeak cpu = CpuPeak.read();
    Measured peak = jmh(MatmulPeakBenchmark.class, Map.of(), threads, quick);
    double peakGflops = peak.perSecond * MatmulPeakBenchmark.flopsPerProduct() / 1e9;
    Optional<Map<String, String>> peerPeak = peer("matmul", threads, quick, Peer.Setup.TUNED);
    double torchPeak = peerPeak.map(m -> Double.parseDouble(m.get("gflops"))).orElse(Double.NaN);

    List<List<Object>> rows = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    List<String> peerNotes = new ArrayList<>();
    for (BenchModel model : models) {
      Measured step = jmh(TrainStepBenchmark.class, model, threads, quick);
      double gflops = step.perSecond * model.flopsPerStep() / 1e9;
      rows.add(
          Arrays.asList(
              "tensorflow-java",
              model.peerName + "_train_step",
              (double) threads,
              step.perSecond,
              step.error,
              gflops,
              gflops / peakGflops,
              gflops / cpu.gflops(),
              null));
      Optional<Map<String, String>> tuned =
          peerPeak.isPresent()
              ? peer(model.peerName, threads, quick, Peer.Setup.TUNED)
              : Optional.empty();
      Optional<Map<String, String>> installed =
          peerPeak.isPresent()
              ? peer(model.peerName, threads, quick, Peer.Setup.AS_INSTALLED)
              : Optional.empty();
      if (tuned.isPresent() && installed.isPresent()) {
        double torchStep = Double.parseDouble(tuned.get().get("steps_per_second"));
        double torchInstalled = Double.parseDouble(installed.get().get("steps_per_second"));
        for (var peer :
            List.of(
                Map.entry("pytorch tuned", torchStep),
                Map.entry("pytorch as installed", torchInstalled))) {
          double torchGflops = peer.getValue() * model.flopsPerStep() / 1e9;
          rows.add(
              Arrays.asList(
                  peer.getKey(),
                  model.peerName + "_train_step",
                  (double) threads,
                  peer.getValue(),
                  null,
                  torchGflops,
                  torchGflops / torchPeak,
                  torchGflops / cpu.gflops(),
                  step.perSecond / peer.getValue()));
        }
        if (peerNotes.isEmpty()) {
          peerNotes.add(Peer.describe(tuned.get(), Peer.Setup.TUNED, PEER));
          peerNotes.add(Peer.describe(installed.get(), Peer.Setup.AS_INSTALLED, PEER));
        }
        sentences.add(
            String.format(
                Locale.ROOT,
                "%s, one training step of batch %d (%.1f MFLOP): %.1f steps/s in TensorFlow Java against %.1f in tuned PyTorch, "
                    + "a ratio of %.2f (PyTorch as installed: %.1f steps/s, ratio %.2f). "
                    + "It runs at %.1f GFLOP/s, %.0f%% of the %.1f GFLOP/s matmul peak measured through TensorFlow "
                    + "(tuned PyTorch's matmul: %.1f GFLOP/s) and %.0f%% of the CPU's theoretical %.1f GFLOP/s.",
                model.peerName,
                BenchModel.BATCH,
                model.flopsPerStep() / 1e6,
                step.perSecond,
                torchStep,
                step.perSecond / torchStep,
                torchInstalled,
                step.perSecond / torchInstalled,
                gflops,
                100 * gflops / peakGflops,
                peakGflops,
                torchPeak,
                100 * gflops / cpu.gflops(),
                cpu.gflops()));
      } else {
        sentences.add(
            String.format(
                Locale.ROOT,
                "%s, one training step: %.1f steps/s, %.1f GFLOP/s (%.0f%% of the %.1f GFLOP/s matmul peak). "
                    + "The PyTorch peer did not run: install it with `apt-get install python3-torch` and run harness/bench again.",
                model.peerName,
                step.perSecond,
                gflops,
                100 * gflops / peakGflops,
                peakGflops));
      }
    }
    rows.add(
        Arrays.asList(
            "tensorflow-java",
            "matmul_2048",
            (double) threads,
            peak.perSecond,
            peak.error,
            peakGflops,
            1.0,
            peakGflops / cpu.gflops(),
            null));
    if (peerPeak.isPresent()) {
      rows.add(
          Arrays.asList(
              "pytorch tuned",
              "matmul_2048",
              (double) threads,
              Double.parseDouble(peerPeak.get().get("steps_per_second")),
              null,
              torchPeak,
              1.0,
              torchPeak / cpu.gflops(),
              null));
    }
    List<String> notes = provenance(table, quick, threads, started);
    notes.add(cpu.describe());
    notes.add(loadNote(loadBefore, loadAverage()));
    notes.add("allocator (TensorFlow Java side): " + allocatorSettings());
    notes.addAll(peerNotes);
    notes.add(
        "peer timing: "
            + (quick ? "1 s warm-up, 3 s" : "3 s warm-up, 10 s")
            + " timed, in the same invocation; "
            + "tuned = "
            + Peer.tunedSettings(threads)
            + "; as installed = none of these set (the script still calls torch.set_num_threads)");
    for (BenchModel model : models) {
      notes.add("FLOP per step, " + model.peerName + ": " + model.flopFormula());
    }
    notes.add("ratio = TensorFlow Java's steps/s over the peer's on that row");
    ResultTable result =
        new ResultTable(
            "Benchmark: training steps of " + table,
            List.of(
                "side",
                "benchmark",
                "threads",
                "per_second",
                "error",
                "gflops",
                "fraction_of_matmul_peak",
                "fraction_of_theoretical_peak",
                "ratio"),
            rows,
            notes);
    writeReport(result, out, table, sentences);
  }

  /**
   * Writes {@code bench-<name>.csv} and {@code .md} under {@code out}, the sentences as the
   * Markdown's Result section, and prints the table and the sentences.
   */
  static void writeReport(ResultTable result, Path out, String name, List<String> sentences)
      throws IOException {
    String text = String.join("\n\n", sentences);
    CsvReport.write(result, out.resolve("bench-" + name + ".csv"));
    MarkdownReport.write(
        result, out.resolve("bench-" + name + ".md"), List.of("## Result\n\n" + text));
    System.out.println(MarkdownReport.render(result));
    System.out.println(text);
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static String loadNote(double before, double after) {
    return String.format(
        Locale.ROOT,
        "load average (1 min) before and after: %.2f, %.2f on %d cores",
        before,
        after,
        Runtime.getRuntime().availableProcessors());
  }

  /** The glibc allocator settings this JVM runs with (harness/bench and ./sparsecode set them). */
  static String allocatorSettings() {
    List<String> set = new ArrayList<>();
    for (String k :
        List.of(
            "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_",
            "MALLOC_ARENA_MAX",
            "GLIBC_TUNABLES",
            "LD_PRELOAD")) {
      String v = System.getenv(k);
      if (v != null) {
        set.add(k + "=" + v);
      }
    }
    return set.isEmpty() ? "glibc defaults" : String.join(" ", set);
  }

  record Measured(double perSecond, double error) {}

  /** How a report was produced: command, date, commit, machine, software, JMH settings. */
  static List<String> provenance(String table, boolean quick, int threads, Instant started) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "command: harness/bench --table "
            + table
            + (quick ? " --quick" : "")
            + " --threads "
            + threads);
    notes.add("date: " + started);
    notes.add("commit: " + ProvenanceCapture.gitCommit(Path.of(".")));
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
    notes.add(
        "JMH: "
            + (quick
                ? "1 fork, 2 x 1 s warm-up, 3 x 1 s measurement (quick)"
                : "1 fork, 3 x 2 s warm-up, 5 x 2 s measurement")
            + "; error = 99.9% confidence half-width");
    return notes;
  }

  private static Measured jmh(Class<?> benchmark, BenchModel model, int threads, boolean quick)
      throws RunnerException {
    return jmh(benchmark, model == null ? Map.of() : Map.of("model", model.name()), threads, quick);
  }

  /**
   * Runs one JMH benchmark with the given parameters (and {@code threads}) and returns its score.
   */
  static Measured jmh(Class<?> benchmark, Map<String, String> params, int threads, boolean quick)
      throws RunnerException {
    OptionsBuilder builder = new OptionsBuilder();
    params.forEach(builder::param);
    Options options =
        builder
            .include(benchmark.getName() + "\\.")
            .param("threads", String.valueOf(threads))
            .forks(1)
            .jvmArgsAppend("-Xmx2g")
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .timeUnit(TimeUnit.SECONDS)
            .build();
    RunResult result = new Runner(options).runSingle();
    var primary = result.getPrimaryResult();
    double error = primary.getScoreError();
    return new Measured(primary.getScore(), Double.isNaN(error) ? 0 : error);
  }

  private static Optional<Map<String, String>> peer(
      String model, int threads, boolean quick, Peer.Setup setup)
      throws IOException, InterruptedException {
    return Peer.run(PEER, List.of("--model", model), threads, quick ? 1 : 3, quick ? 3 : 10, setup);
  }
}
