package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.report.CsvReport;
import org.sparsecode.report.ResultTable;

/**
 * The whole command line on real MNIST, in child processes: a sweep killed with SIGKILL and started
 * again ends with the same table as an uninterrupted one, and a second sweep on the same results
 * folder is refused while the first runs.
 */
class ResumeAfterKillTest {
  private static final String SPEC =
      String.join(
          "\n",
          "table: toy-fc",
          "title: Small fully connected sweep for tests",
          "document: tests",
          "model: fc",
          "params: {hidden: 64, batch: 50, learning_rate: 0.001, init_stddev: 0.1, bias_init: 0.1, seed: 4}",
          "budgets: {quick: {steps: 400, eval_every: 200}}",
          "grid: {lambda: [0, 1.0e-4, 1.0e-3, 1.0e-2]}",
          "paper:",
          "  - {lambda: 0, test_accuracy: 0.9, avr: 30}",
          "");

  /** Columns that must not depend on interruptions (times and provenance may). */
  private static final List<String> STABLE =
      List.of(
          "lambda",
          "status",
          "test_accuracy",
          "avr_train",
          "avr_test",
          "dead_fraction",
          "validation_accuracy",
          "paper_test_accuracy",
          "steps",
          "seed");

  @Test
  void killedSweepResumesToTheSameTable(@TempDir Path tmp) throws Exception {
    Path harness = tmp.resolve("harness");
    Files.createDirectories(harness);
    Files.writeString(harness.resolve("toy-fc.yaml"), SPEC);

    Process whole = start(tmp, "whole");
    assertEquals(0, waitFor(whole), output(whole));
    ResultTable expected = CsvReport.read(tmp.resolve("whole/reports/toy-fc.csv"));

    // Kill the second sweep as soon as its first trial is stored.
    Process killed = start(tmp, "resumed");
    Path trials = tmp.resolve("resumed/results/toy-fc/quick/trials");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (count(trials) < 1 && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    killed.destroyForcibly().waitFor();
    int stored = count(trials);
    assertTrue(stored >= 1 && stored < 4, "killed after " + stored + " of 4 trials");
    assertTrue(
        Files.notExists(tmp.resolve("resumed/reports/toy-fc.csv")), "no table from a killed sweep");

    // Starting again skips the stored trials; the store refuses any half-written file.
    Process again = start(tmp, "resumed");
    assertEquals(0, waitFor(again), output(again));
    String log = output(again);
    assertTrue(log.contains("already done, skipped"), log);
    ResultTable resumed = CsvReport.read(tmp.resolve("resumed/reports/toy-fc.csv"));
    for (String column : STABLE) {
      assertEquals(
          expected.rows().stream().map(r -> r.get(expected.column(column))).toList(),
          resumed.rows().stream().map(r -> r.get(resumed.column(column))).toList(),
          column);
    }
  }

  @Test
  void aSecondSweepOnTheSameResultsIsRefused(@TempDir Path tmp) throws Exception {
    Path harness = tmp.resolve("harness");
    Files.createDirectories(harness);
    Files.writeString(harness.resolve("toy-fc.yaml"), SPEC.replace("steps: 400", "steps: 20000"));
    Process first = start(tmp, "shared");
    try {
      Path lock = tmp.resolve("shared/results/toy-fc/quick/.lock");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(lock) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Process second = start(tmp, "shared");
      assertEquals(2, waitFor(second), output(second));
      assertTrue(output(second).contains("another sweep"), output(second));
    } finally {
      first.destroyForcibly().waitFor();
    }
  }

  private static Process start(Path tmp, String name) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "reproduce",
                "toy-fc",
                "--budget",
                "quick",
                "--no-progress",
                "--harness-dir",
                tmp.resolve("harness").toString(),
                "--results-dir",
                dir.resolve("results").toString(),
                "--reports-dir",
                dir.resolve("reports").toString(),
                "--graphs-dir",
                dir.resolve("graphs").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log-" + System.nanoTime() + ".txt").toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    LOGS.put(p, pb.redirectOutput().file().toPath());
    return p;
  }

  private static final java.util.Map<Process, Path> LOGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String output(Process p) throws IOException {
    return Files.readString(LOGS.get(p), StandardCharsets.UTF_8);
  }

  private static int waitFor(Process p) throws InterruptedException {
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(p -> p.toString().endsWith(".yaml")).count();
    }
  }
}
