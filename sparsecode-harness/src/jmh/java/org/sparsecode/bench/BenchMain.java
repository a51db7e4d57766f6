package org.sparsecode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * One benchmark invocation: JMH measures a training step of the table's models (or, for
 * {@code --table lca}, an LCA inference: {@link LcaBench}) and TensorFlow's matmul peak, then the
 * PyTorch peer runs the same work and matmul with the same thread count, and the ratios go into
 * {@code bench-<table>.{csv,md}}.
 */
public final class BenchMain {
  private static final String PEER = "harness/peers/torch_fc_step.py";
  private static final String PYTHON = "/usr/bin/python3";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("reports");
    String table = "blog-fc";
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--table" -> table = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--help", "-h" -> {
          System.out.println("usage: harness/bench [--table blog-fc|blog-cnn|blog-ae|lca] [--quick] [--threads N] [--out DIR]\n"
              + "  --table T    whose training steps to measure (default: blog-fc); lca: one LCA inference\n"
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
    if (threads < 1) {
      System.err.println("bench: --threads must be >= 1");
      System.exit(2);
    }
    if (table.equals("lca")) {
      LcaBench.run(threads, quick, out);
      return;
    }
    List<BenchModel> models = BenchModel.forTable(table);
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Measured peak = jmh(MatmulPeakBenchmark.class, Map.of(), threads, quick);
    double peakGflops = peak.perSecond * MatmulPeakBenchmark.flopsPerProduct() / 1e9;
    Optional<Map<String, String>> peerPeak = peer("matmul", threads, quick);
    double torchPeak = peerPeak.map(m -> Double.parseDouble(m.get("gflops"))).orElse(Double.NaN);

    List<List<Object>> rows = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    String torchVersion = peerPeak.map(m -> m.get("torch_version")).orElse(null);
    for (BenchModel model : models) {
      Measured step = jmh(TrainStepBenchmark.class, model, threads, quick);
      double gflops = step.perSecond * model.flopsPerStep() / 1e9;
      rows.add(Arrays.asList("tensorflow-java", model.peerName + "_train_step", (double) threads, step.perSecond, step.error, gflops, gflops / peakGflops));
      Optional<Map<String, String>> peer = peerPeak.isPresent() ? peer(model.peerName, threads, quick) : Optional.empty();
      if (peer.isPresent()) {
        double torchStep = Double.parseDouble(peer.get().get("steps_per_second"));
        double torchGflops = Double.parseDouble(peer.get().get("gflops"));
        rows.add(Arrays.asList("pytorch", model.peerName + "_train_step", (double) threads, torchStep, null, torchGflops, torchGflops / torchPeak));
        sentences.add(String.format(Locale.ROOT,
            "%s, one training step of batch %d (%.1f MFLOP): %.1f steps/s in TensorFlow Java against %.1f in PyTorch, a ratio of %.2f. "
                + "It runs at %.1f GFLOP/s, %.0f%% of the %.1f GFLOP/s matmul peak measured through TensorFlow (PyTorch: %.1f GFLOP/s, %.0f%% of its %.1f).",
            model.peerName, BenchModel.BATCH, model.flopsPerStep() / 1e6, step.perSecond, torchStep, step.perSecond / torchStep,
            gflops, 100 * gflops / peakGflops, peakGflops, torchGflops, 100 * torchGflops / torchPeak, torchPeak));
      } else {
        sentences.add(String.format(Locale.ROOT,
            "%s, one training step: %.1f steps/s, %.1f GFLOP/s (%.0f%% of the %.1f GFLOP/s matmul peak). "
                + "The PyTorch peer did not run: install it with `apt-get install python3-torch` and run harness/bench again.",
            model.peerName, step.perSecond, gflops, 100 * gflops / peakGflops, peakGflops));
      }
    }
    rows.add(Arrays.asList("tensorflow-java", "matmul_2048", (double) threads, peak.perSecond, peak.error, peakGflops, 1.0));
    if (peerPeak.isPresent()) {
      rows.add(Arrays.asList("pytorch", "matmul_2048", (double) threads,
          Double.parseDouble(peerPeak.get().get("steps_per_second")), null, torchPeak, 1.0));
    }
    List<String> notes = provenance(table, quick, threads, started);
    if (torchVersion != null) {
      notes.add(peerNote(torchVersion, PEER, threads, quick));
    }
    ResultTable result = new ResultTable(
        "Benchmark: training steps of " + table,
        List.of("side", "benchmark", "threads", "per_second", "error", "gflops", "fraction_of_matmul_peak"),
        rows, notes);
    String text = String.join("\n\n", sentences);
    CsvReport.write(result, out.resolve("bench-" + table + ".csv"));
    MarkdownReport.write(result, out.resolve("bench-" + table + ".md"), List.of("## Result\n\n" + text));
    System.out.println(MarkdownReport.render(result));
    System.out.println(text);
  }

  record Measured(double perSecond, double error) {}

  /** How a report was produced: command, date, commit, machine, software, JMH settings. */
  static List<String> provenance(String table, boolean quick, int threads, Instant started) {
    List<String> notes = new ArrayList<>();
    notes.add("command: harness/bench --table " + table + (quick ? " --quick" : "") + " --threads " + threads);
    notes.add("date: " + started);
    notes.add("commit: " + ProvenanceCapture.gitCommit(Path.of(".")));
    notes.add("machine: " + ProvenanceCapture.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + ProvenanceCapture.os());
    notes.add("software: TensorFlow " + org.tensorflow.TensorFlow.version() + ", " + ProvenanceCapture.jvm());
    notes.add("JMH: " + (quick ? "1 fork, 2 x 1 s warm-up, 3 x 1 s measurement (quick)" : "1 fork, 3 x 2 s warm-up, 5 x 2 s measurement") + "; error = 99.9% confidence half-width");
    return notes;
  }

  static String peerNote(String torchVersion, String script, int threads, boolean quick) {
    return "peer: PyTorch " + torchVersion + " (" + script + "), OMP_WAIT_POLICY=PASSIVE, " + threads
        + " threads, " + (quick ? "1 s warm-up, 3 s" : "3 s warm-up, 10 s") + " timed, in the same invocation"
        + "; OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)");
  }

  private static Measured jmh(Class<?> benchmark, BenchModel model, int threads, boolean quick) throws RunnerException {
    return jmh(benchmark, model == null ? Map.of() : Map.of("model", model.name()), threads, quick);
  }

  /** Runs one JMH benchmark with the given parameters (and {@code threads}) and returns its score. */
  static Measured jmh(Class<?> benchmark, Map<String, String> params, int threads, boolean quick) throws RunnerException {
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

  private static Optional<Map<String, String>> peer(String model, int threads, boolean quick)
      throws IOException, InterruptedException {
    return peer(PEER, List.of("--model", model), threads, quick);
  }

  /**
   * Runs a PyTorch peer script with {@code args} and the thread and timing options; empty (with a
   * note on stderr) when Python or torch is missing.
   */
  static Optional<Map<String, String>> peer(String script, List<String> args, int threads, boolean quick)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      System.err.println("bench: " + PYTHON + " not found; the PyTorch peer needs Debian's python3-torch");
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script));
    command.addAll(args);
    command.addAll(List.of("--threads", String.valueOf(threads),
        "--warmup-seconds", quick ? "1" : "3", "--seconds", quick ? "3" : "10"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || !out.startsWith("{")) {
      System.err.println("bench: the PyTorch peer failed (is python3-torch installed? apt-get install python3-torch)");
      return Optional.empty();
    }
    return Optional.of(flatJson(out));
  }

  /** The peer prints one flat JSON object of strings and numbers. */
  static Map<String, String> flatJson(String json) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"([^\"]*)\"|[-+0-9.eE]+)").matcher(json);
    while (m.find()) {
      map.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
    }
    return map;
  }
}
