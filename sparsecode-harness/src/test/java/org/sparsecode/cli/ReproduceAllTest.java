package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce all} ends with the summary that {@code summary} writes. */
class ReproduceAllTest {
  @TempDir Path tmp;

  /** A tiny ovr-sphere: the only table with the budget "tiny", so the only one that runs. */
  private static final String TINY_SPHERE =
      """
      table: ovr-sphere
      model: ovr_sphere
      params:
        points: 200
        lambda: 0
        learning_rate: 0.01
        batch: 16
      budgets:
        tiny: {steps: 20, eval_every: 10}
      grid:
        hidden: [8]
        partitions: [4, 256]
        seed: [1, 2]
      """;

  @Test
  void theSummaryIsWrittenAfterTheTimeTable() throws Exception {
    Path harness = tmp.resolve("harness");
    Files.createDirectories(harness);
    try (Stream<Path> files = Files.list(Path.of("harness"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, harness.resolve(f.getFileName()));
      }
    }
    Files.writeString(harness.resolve("ovr-sphere.yaml"), TINY_SPHERE);
    Path results = tmp.resolve("results");
    Path reports = tmp.resolve("reports");

    String out =
        captured(
            "reproduce",
            "all",
            "--budget",
            "tiny",
            "--no-progress",
            "--harness-dir",
            harness.toString(),
            "--results-dir",
            results.toString(),
            "--reports-dir",
            reports.toString(),
            "--graphs-dir",
            tmp.resolve("graphs").toString());

    int timeTable = out.indexOf("table (tiny)     ");
    int wrote = out.indexOf("Wrote " + reports.resolve("summary.csv"));
    assertTrue(out.contains("skipping blog-fc: it has no budget 'tiny'"), out);
    assertTrue(timeTable >= 0 && wrote > timeTable, out);
    assertTrue(out.contains("19 claims without a number"), out);
    // The sphere's claim rests on the 4 trials just run, 2 seeds a grid point.
    String csv = Files.readString(reports.resolve("summary.csv"));
    String sphere = csv.lines().filter(l -> l.contains(",ovr-sphere,")).findFirst().orElseThrow();
    assertTrue(sphere.contains(",2,"), sphere);
    assertTrue(!sphere.contains("not measured"), sphere);

    // The same files as the summary command's, but for the command line they name.
    Path again = tmp.resolve("again");
    captured(
        "summary",
        "--budget",
        "tiny",
        "--harness-dir",
        harness.toString(),
        "--results-dir",
        results.toString(),
        "--reports-dir",
        again.toString());
    for (String name : List.of("summary.csv", "summary.md")) {
      assertEquals(
          withoutCommand(Files.readString(again.resolve(name))),
          withoutCommand(Files.readString(reports.resolve(name))),
          name);
    }
    assertTrue(
        Files.readString(reports.resolve("summary.md"))
            .contains("./sparsecode summary --budget tiny --harness-dir " + harness),
        "the summary names the command that rewrites it");
  }

  private static List<String> withoutCommand(String text) {
    return text.lines().filter(l -> !l.contains("command: ./sparsecode summary")).toList();
  }

  /** Runs the command line and returns what it printed on standard output. */
  static String captured(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      int code = Main.commandLine().execute(args);
      capture.flush();
      assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
