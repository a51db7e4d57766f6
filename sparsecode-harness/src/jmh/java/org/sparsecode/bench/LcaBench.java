package org.sparsecode.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.bench.BenchMain.Measured;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.MarkdownReport;
import org.sparsecode.report.ResultTable;

/**
 * {@code harness/bench --table lca}: JMH times one LCA inference of {@link LcaBenchProblem} with
 * the default (sparse-aware) and the dense lateral product, and TensorFlow's matmul peak; in the
 * same invocation the PyTorch peer runs the dense LCA on the same data. Writes {@code
 * bench-lca.{csv,md}}.
 */
final class LcaBench {
  static final String PEER = "harness/peers/torch_lca.py";
  private static final String MATMUL_PEER = "harness/peers/torch_fc_step.py";

  /** The time per inference the benchmark is held to, on 2 cores. */
  static final double TARGET_SECONDS = 0.30;

  private LcaBench() {}

  static void run(int threads, boolean quick, Path out) throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadBefore = BenchMain.loadAverage();
    CpuPeak cpu = CpuPeak.read();
    double warmup = quick ? 1 : 3;
    double seconds = quick ? 3 : 10;
    Measured peak = BenchMain.jmh(MatmulPeakBenchmark.class, Map.of(), threads, quick);
    double peakGflops = peak.perSecond() * MatmulPeakBenchmark.flopsPerProduct() / 1e9;
    Measured auto =
        BenchMain.jmh(LcaInferenceBenchmark.class, Map.of("lateral", "AUTO"), threads, quick);
    Measured dense =
        BenchMain.jmh(LcaInferenceBenchmark.class, Map.of("lateral", "DENSE"), threads, quick);

    float[][] inputs = LcaBenchProblem.inputs();
    float[][] dictionary = LcaBenchProblem.dictionary();
    Path inputsFile = Path.of("target", "bench-lca", "inputs.f32");
    Path dictionaryFile = Path.of("target", "bench-lca", "dictionary.f32");
    LcaBenchProblem.writeFloat32(inputs, inputsFile);
    LcaBenchProblem.writeFloat32(dictionary, dictionaryFile);
    Optional<Map<String, String>> torchPeak =
        Peer.run(
            MATMUL_PEER, List.of("--model", "matmul"), threads, warmup, seconds, Peer.Setup.TUNED);
    List<String> peerArgs = peerArgs(inputsFile, dictionaryFile);
    Optional<Map<String, String>> torch =
        torchPeak.isEmpty()
            ? Optional.empty()
            : Peer.run(PEER, peerArgs, threads, warmup, seconds, Peer.Setup.TUNED);
    Optional<Map<String, String>> torchInstalled =
        torchPeak.isEmpty()
            ? Optional.empty()
            : Peer.run(PEER, peerArgs, threads, warmup, seconds, Peer.Setup.AS_INSTALLED);

    // The share of non-zero codes, after the last step and averaged over the steps (what the
    // sparse product's time follows), from one traced inference.
    Lca.Traced traced = Lca.inferWithTraces(inputs, dictionary, LcaBenchProblem.CONFIG);
    float[] meanL0 = traced.meanL0();
    double finalActive = meanL0[meanL0.length - 1] / LcaBenchProblem.ATOMS;
    double meanActive = 0;
    for (float l0 : meanL0) {
      meanActive += l0 / LcaBenchProblem.ATOMS / meanL0.length;
    }
    double loadAfter = BenchMain.loadAverage();

    double flops = LcaBenchProblem.denseFlops();
    double torchRate =
        torch.map(m -> Double.parseDouble(m.get("steps_per_second"))).orElse(Double.NaN);
    List<List<Object>> rows = new ArrayList<>();
    rows.add(
        lcaRow(
            "tensorflow-java",
            "lca_inference_auto",
            threads,
            auto,
            flops,
            peakGflops,
            finalActive,
            torchRate));
    rows.add(
        lcaRow(
            "tensorflow-java",
            "lca_inference_dense",
            threads,
            dense,
            flops,
            peakGflops,
            finalActive,
            torchRate));
    double torchPeakGflops =
        torchPeak.map(m -> Double.parseDouble(m.get("gflops"))).orElse(Double.NaN);
    if (torch.isPresent()) {
      Measured t = new Measured(torchRate, Double.NaN);
      rows.add(
          lcaRow(
              "pytorch tuned",
              "lca_inference_dense",
              threads,
              t,
              flops,
              torchPeakGflops,
              Double.parseDouble(torch.get().get("final_active_fraction")),
              torchRate));
    }
    torchInstalled.ifPresent(
        m ->
            rows.add(
                lcaRow(
                    "pytorch as installed",
                    "lca_inference_dense",
                    threads,
                    new Measured(Double.parseDouble(m.get("steps_per_second")), Double.NaN),
                    flops,
                    torchPeakGflops,
                    Double.parseDouble(m.get("final_active_fraction")),
                    torchRate)));
    rows.add(
        Arrays.asList(
            "tensorflow-java",
            "matmul_2048",
            (double) threads,
            peak.perSecond(),
            peak.error(),
            null,
            peakGflops,
            1.0,
            null,
            null));
    torchPeak.ifPresent(
        m ->
            rows.add(
                Arrays.asList(
                    "pytorch tuned",
                    "matmul_2048",
                    (double) threads,
                    Double.parseDouble(m.get("steps_per_second")),
                    null,
                    null,
                    torchPeakGflops,
                    1.0,
                    null,
                    null)));

    List<String> notes = BenchMain.provenance("lca", quick, threads, started);
    notes.add(cpu.describe());
    notes.add(BenchMain.loadNote(loadBefore, loadAfter));
    notes.add("allocator (TensorFlow Java side): " + BenchMain.allocatorSettings());
    torch.ifPresent(m -> notes.add(Peer.describe(m, Peer.Setup.TUNED, PEER)));
    torchInstalled.ifPresent(m -> notes.add(Peer.describe(m, Peer.Setup.AS_INSTALLED, PEER)));
    notes.add(
        "peer timing: "
            + (quick ? "1 s warm-up, 3 s" : "3 s warm-up, 10 s")
            + " timed, in the same invocation; tuned = "
            + Peer.tunedSettings(threads)
            + "; ratio_to_pytorch_dense is against the tuned peer");
    notes.add(
        String.format(
            Locale.ROOT,
            "problem: the first %d MNIST test images scaled to unit L2 norm, a random unit-norm dictionary of %d atoms "
                + "(seed %d), %d inputs, soft non-negative threshold, lambda %s, tau %s, %d steps; the same files feed the peer",
            LcaBenchProblem.BATCH,
            LcaBenchProblem.ATOMS,
            LcaBenchProblem.DICTIONARY_SEED,
            LcaBenchProblem.INPUTS,
            LcaBenchProblem.CONFIG.lambda(),
            LcaBenchProblem.CONFIG.tau(),
            LcaBenchProblem.CONFIG.iterations()));
    notes.add(
        String.format(
            Locale.ROOT,
            "gflops: for the LCA rows the dense-equivalent rate, %.1f GFLOP per inference (X Phi, Phi^T Phi and %d products "
                + "[%d x %d] x [%d x %d]) over the measured time, whatever the path skipped; fraction_of_matmul_peak compares "
                + "it with the same side's matmul peak",
            flops / 1e9,
            LcaBenchProblem.CONFIG.iterations() - 1,
            LcaBenchProblem.BATCH,
            LcaBenchProblem.ATOMS,
            LcaBenchProblem.ATOMS,
            LcaBenchProblem.ATOMS));
    notes.add(
        "lateral: auto = Lca.Lateral.AUTO, the default (a CSR sparse product over the non-zero codes while at most "
            + "10% are non-zero, else dense); dense = Lca.Lateral.DENSE");

    String text =
        String.format(
            Locale.ROOT,
            "One LCA inference (%d inputs, %d atoms, batch %d, %d steps; %.0f GFLOP done densely) takes %.3f s in TensorFlow Java "
                + "with the default sparse-aware lateral product, %s. It skips the zero codes: %.1f%% of them are non-zero "
                + "after the last step and %.1f%% on average over the steps, so its dense-equivalent rate is %.0f GFLOP/s, "
                + "%.1f times the %.0f GFLOP/s matmul peak. With the dense product TensorFlow Java takes %.3f s (%.0f GFLOP/s). "
                + "%s",
            LcaBenchProblem.INPUTS,
            LcaBenchProblem.ATOMS,
            LcaBenchProblem.BATCH,
            LcaBenchProblem.CONFIG.iterations(),
            flops / 1e9,
            1 / auto.perSecond(),
            1 / auto.perSecond() <= TARGET_SECONDS
                ? String.format(Locale.ROOT, "within the %.1f s target", TARGET_SECONDS)
                : String.format(Locale.ROOT, "over the %.1f s target", TARGET_SECONDS),
            100 * finalActive,
            100 * meanActive,
            auto.perSecond() * flops / 1e9,
            auto.perSecond() * flops / 1e9 / peakGflops,
            peakGflops,
            1 / dense.perSecond(),
            dense.perSecond() * flops / 1e9,
            torch.isPresent()
                ? String.format(
                    Locale.ROOT,
                    "PyTorch's dense LCA on the same data takes %.3f s (%.0f GFLOP/s, %.0f%% of its %.0f GFLOP/s matmul peak), "
                        + "so TensorFlow Java is %.2f times as fast with the default product and %.2f times with the dense one. "
                        + "PyTorch's codes are non-zero at %.1f%% after the last step. (PyTorch as installed: %.3f s.)",
                    1 / torchRate,
                    torchRate * flops / 1e9,
                    100 * torchRate * flops / 1e9 / torchPeakGflops,
                    torchPeakGflops,
                    auto.perSecond() / torchRate,
                    dense.perSecond() / torchRate,
                    100 * Double.parseDouble(torch.get().get("final_active_fraction")),
                    torchInstalled
                        .map(m -> 1 / Double.parseDouble(m.get("steps_per_second")))
                        .orElse(Double.NaN))
                : "The PyTorch peer did not run: install it with `apt-get install python3-torch` and run harness/bench again.");

    ResultTable result =
        new ResultTable(
            "Benchmark: LCA inference, 784 x 1568, batch 256, 200 steps",
            List.of(
                "side",
                "benchmark",
                "threads",
                "per_second",
                "error",
                "seconds_per_inference",
                "gflops",
                "fraction_of_matmul_peak",
                "final_active_fraction",
                "ratio_to_pytorch_dense"),
            rows,
            notes);
    CsvReport.write(result, out.resolve("bench-lca.csv"));
    MarkdownReport.write(result, out.resolve("bench-lca.md"), List.of("## Result\n\n" + text));
    System.out.println(MarkdownReport.render(result));
    System.out.println(text);
  }

  /** The peer's options for the problem held in the two files. */
  static List<String> peerArgs(Path inputsFile, Path dictionaryFile) {
    return peerArgs(
        inputsFile,
        dictionaryFile,
        LcaBenchProblem.BATCH,
        LcaBenchProblem.INPUTS,
        LcaBenchProblem.ATOMS,
        LcaBenchProblem.CONFIG);
  }

  /** The peer's options for an LCA problem of these sizes and settings held in the two files. */
  static List<String> peerArgs(
      Path inputsFile, Path dictionaryFile, int batch, int inputs, int atoms, LcaConfig config) {
    return List.of(
        "--inputs",
        inputsFile.toString(),
        "--dictionary",
        dictionaryFile.toString(),
        "--batch",
        String.valueOf(batch),
        "--n-inputs",
        String.valueOf(inputs),
        "--atoms",
        String.valueOf(atoms),
        "--lam",
        String.valueOf(config.lambda()),
        "--tau",
        String.valueOf(config.tau()),
        "--iterations",
        String.valueOf(config.iterations()));
  }

  private static List<Object> lcaRow(
      String side,
      String name,
      int threads,
      Measured m,
      double flops,
      double peakGflops,
      double activeFraction,
      double torchRate) {
    double gflops = m.perSecond() * flops / 1e9;
    return Arrays.asList(
        side,
        name,
        (double) threads,
        m.perSecond(),
        Double.isNaN(m.error()) ? null : m.error(),
        1 / m.perSecond(),
        gflops,
        gflops / peakGflops,
        activeFraction,
        Double.isNaN(torchRate) ? null : m.perSecond() / torchRate);
  }
}
