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
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.MarkdownReport;
import org.sparsecode.report.ResultTable;

/**
 * {@code harness/bench --wait-policy}: the tuned PyTorch peer's FC and CNN steps with
 * OMP_WAIT_POLICY=PASSIVE and with ACTIVE, everything else tuned, the two policies alternating
 * within each round so that a change in the machine's load falls on both alike; the median over the
 * rounds says which one gives the peer its best speed ({@link Peer#WAIT_POLICY} should name it).
 * Writes {@code bench-peer-wait-policy.{csv,md}}.
 */
final class PeerWaitPolicy {
  static final String NAME = "peer-wait-policy";
  private static final String PEER = "harness/peers/torch_fc_step.py";
  private static final List<String> MODELS = List.of("fc", "cnn");
  private static final List<String> POLICIES = List.of("PASSIVE", "ACTIVE");

  private PeerWaitPolicy() {}

  static void run(int threads, int rounds, Path out) throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadBefore = BenchMain.loadAverage();
    double warmup = 2;
    double seconds = 5;
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      System.err.printf(Locale.ROOT, "bench --wait-policy: round %d of %d%n", round, rounds);
      for (String model : MODELS) {
        // Alternate which policy goes first, so neither always follows the other's threads.
        List<String> order = new ArrayList<>(POLICIES);
        if (round % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (String policy : order) {
          var r =
              Peer.run(
                  PEER,
                  List.of("--model", model),
                  threads,
                  warmup,
                  seconds,
                  Peer.Setup.TUNED,
                  Map.of("OMP_WAIT_POLICY", policy));
          if (r.isEmpty()) {
            System.err.println("bench: the PyTorch peer did not run; nothing to compare");
            System.exit(1);
          }
          rates
              .computeIfAbsent(model + " " + policy, k -> new ArrayList<>())
              .add(Double.parseDouble(r.get().get("steps_per_second")));
        }
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    for (String model : MODELS) {
      double passive = BenchSummary.median(rates.get(model + " PASSIVE"));
      double active = BenchSummary.median(rates.get(model + " ACTIVE"));
      for (String policy : POLICIES) {
        List<Double> r = rates.get(model + " " + policy);
        rows.add(
            Arrays.asList(
                model + "_train_step",
                policy,
                (double) threads,
                BenchSummary.median(r),
                r.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                r.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                policy.equals("ACTIVE") ? active / passive : 1.0));
      }
      verdicts.add(
          String.format(
              Locale.ROOT,
              "%s: PASSIVE %.1f steps/s, ACTIVE %.1f (median of %d): %s is faster by %.0f%%",
              model,
              passive,
              active,
              rounds,
              active > passive ? "ACTIVE" : "PASSIVE",
              100 * Math.abs(active / passive - 1)));
    }
    List<String> notes = new ArrayList<>();
    notes.add("command: harness/bench --wait-policy --runs " + rounds + " --threads " + threads);
    notes.add("date: " + started);
    notes.add("commit: " + org.sparsecode.harness.ProvenanceCapture.gitCommit(Path.of(".")));
    notes.add(
        "machine: "
            + org.sparsecode.harness.ProvenanceCapture.cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + org.sparsecode.harness.ProvenanceCapture.os());
    notes.add(BenchMain.loadNote(loadBefore, BenchMain.loadAverage()));
    notes.add(
        String.format(
            Locale.ROOT,
            "each run: %s --model M, %.0f s warm-up and %.0f s timed, tuned (%s) but for OMP_WAIT_POLICY; "
                + "the two policies alternate within each of %d rounds; per_second is the median over the rounds",
            PEER,
            warmup,
            seconds,
            Peer.tunedSettings(threads),
            rounds));
    notes.add(
        "the tuned peer of every harness/bench report runs with OMP_WAIT_POLICY="
            + Peer.WAIT_POLICY);
    notes.add("relative = the policy's median over PASSIVE's");
    ResultTable result =
        new ResultTable(
            "PyTorch peer: OpenMP wait policy",
            List.of("benchmark", "wait_policy", "threads", "per_second", "min", "max", "relative"),
            rows,
            notes);
    CsvReport.write(result, out.resolve("bench-" + NAME + ".csv"));
    MarkdownReport.write(
        result,
        out.resolve("bench-" + NAME + ".md"),
        List.of("## Result\n\n" + String.join("\n\n", verdicts)));
    System.out.println(MarkdownReport.render(result));
    verdicts.forEach(System.out::println);
  }
}
