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
 * One benchmark invocation: JMH measures a training step of the blog's network and TensorFlow's
 * matmul peak, then the PyTorch peer runs the same step and matmul with the same thread count, and
 * the ratios go into {@code bench-blog-fc.{csv,md}}.
 */
public final class BenchMain {
  private static final String PEER = "harness/peers/torch_fc_step.py";
  private static final String PYTHON = "/usr/bin/python3";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("reports");
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--help", "-h" -> {
          System.out.println("usage: harness/bench [--quick] [--threads N] [--out DIR]\n"
              + "  --quick      short JMH and peer runs, for a first look (write them under target/)\n"
              + "  --threads N  threads for TensorFlow and PyTorch (default: all cores)\n"
              + "  --out DIR    where bench-blog-fc.csv/.md go (default: reports)");
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
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Measured step = jmh(FcTrainStepBenchmark.class, threads, quick);
    Measured peak = jmh(MatmulPeakBenchmark.class, threads, quick);
    double stepGflops = step.perSecond * FcTrainStepBenchmark.flopsPerStep() / 1e9;
    double peakGflops = peak.perSecond * MatmulPeakBenchmark.flopsPerProduct() / 1e9;

    List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList("tensorflow-java", "fc_train_step_batch100", (double) threads, step.perSecond, step.error, stepGflops, stepGflops / peakGflops));
    rows.add(Arrays.asList("tensorflow-java", "matmul_2048", (double) threads, peak.perSecond, peak.error, peakGflops, 1.0));
    List<String> notes = new ArrayList<>();
    notes.add("command: harness/bench" + (quick ? " --quick" : "") + " --threads " + threads);
    notes.add("date: " + started);
    notes.add("commit: " + ProvenanceCapture.gitCommit(Path.of(".")));
    notes.add("machine: " + ProvenanceCapture.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + ProvenanceCapture.os());
    notes.add("software: TensorFlow " + org.tensorflow.TensorFlow.version() + ", " + ProvenanceCapture.jvm());
    notes.add("JMH: " + (quick ? "1 fork, 2 x 1 s warm-up, 3 x 1 s measurement (quick)" : "1 fork, 3 x 2 s warm-up, 5 x 2 s measurement") + "; error = 99.9% confidence half-width");

    String sentence;
    Optional<Map<String, String>> peerStep = peer("fc", threads, quick);
    Optional<Map<String, String>> peerPeak = peerStep.isPresent() ? peer("matmul", threads, quick) : Optional.empty();
    if (peerStep.isPresent() && peerPeak.isPresent()) {
      double torchStep = Double.parseDouble(peerStep.get().get("steps_per_second"));
      double torchPeak = Double.parseDouble(peerPeak.get().get("gflops"));
      double torchStepGflops = Double.parseDouble(peerStep.get().get("gflops"));
      notes.add("peer: PyTorch " + peerStep.get().get("torch_version") + " (" + PEER + "), OMP_WAIT_POLICY=PASSIVE, "
          + threads + " threads, " + (quick ? "1 s warm-up, 3 s" : "3 s warm-up, 10 s") + " timed");
      rows.add(Arrays.asList("pytorch", "fc_train_step_batch100", (double) threads, torchStep, null, torchStepGflops, torchStepGflops / torchPeak));
      rows.add(Arrays.asList("pytorch", "matmul_2048", (double) threads, Double.parseDouble(peerPeak.get().get("steps_per_second")), null, torchPeak, 1.0));
      sentence = String.format(Locale.ROOT,
          "One training step (784-784-10, batch 100, Adam): %.0f steps/s in TensorFlow Java against %.0f in PyTorch, a ratio of %.2f. "
              + "The step runs at %.1f GFLOP/s, %.0f%% of the %.1f GFLOP/s matmul peak measured through TensorFlow (PyTorch: %.1f GFLOP/s, %.0f%% of its %.1f).",
          step.perSecond, torchStep, step.perSecond / torchStep, stepGflops, 100 * stepGflops / peakGflops, peakGflops,
          torchStepGflops, 100 * torchStepGflops / torchPeak, torchPeak);
    } else {
      sentence = String.format(Locale.ROOT,
          "One training step: %.0f steps/s, %.1f GFLOP/s (%.0f%% of the %.1f GFLOP/s matmul peak). "
              + "The PyTorch peer did not run: install it with `apt-get install python3-torch` and run harness/bench again.",
          step.perSecond, stepGflops, 100 * stepGflops / peakGflops, peakGflops);
    }
    ResultTable table = new ResultTable(
        "Benchmark: one training step of the blog's fully connected network",
        List.of("side", "benchmark", "threads", "per_second", "error", "gflops", "fraction_of_matmul_peak"),
        rows, notes);
    String flops = String.format(Locale.ROOT,
        "A step is %.1f MFLOP: 3 x 2 x batch x (784 x 784 + 784 x 10), the forward products plus the weight and hidden gradients.",
        FcTrainStepBenchmark.flopsPerStep() / 1e6);
    CsvReport.write(table, out.resolve("bench-blog-fc.csv"));
    MarkdownReport.write(table, out.resolve("bench-blog-fc.md"), List.of("## Result\n\n" + sentence + "\n\n" + flops));
    System.out.println(MarkdownReport.render(table));
    System.out.println(sentence);
  }

  private record Measured(double perSecond, double error) {}

  private static Measured jmh(Class<?> benchmark, int threads, boolean quick) throws RunnerException {
    Options options =
        new OptionsBuilder()
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

  /** Runs the PyTorch peer; empty (with a note on stderr) when Python or torch is missing. */
  private static Optional<Map<String, String>> peer(String model, int threads, boolean quick)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      System.err.println("bench: " + PYTHON + " not found; the PyTorch peer needs Debian's python3-torch");
      return Optional.empty();
    }
    ProcessBuilder pb = new ProcessBuilder(PYTHON, PEER, "--model", model, "--threads", String.valueOf(threads),
        "--warmup-seconds", quick ? "1" : "3", "--seconds", quick ? "3" : "10");
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
