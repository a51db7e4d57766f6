package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fast part of the fault campaign (harness/faults runs all of it): bad sweep files and a failed
 * merge are refused in one line, before anything trains, leaving nothing behind.
 */
class FaultCasesTest {
  @TempDir Path tmp;

  private static final String TINY =
      """
      table: tiny
      model: ovr_sphere
      params:
        points: 200
        lambda: 0
        learning_rate: 0.01
        batch: 16
      budgets:
        quick: {steps: 20, eval_every: 10}
      grid:
        hidden: [8]
        partitions: [4]
        seed: [1, 2, 3]
      """;

  private record Run(int code, String err, String out) {}

  private Run run(String yaml, String... args) throws IOException {
    Path harness = tmp.resolve("harness");
    Files.createDirectories(harness);
    Files.writeString(harness.resolve("tiny.yaml"), yaml);
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--harness-dir";
    all[args.length + 1] = harness.toString();
    all[args.length + 2] = "--results-dir";
    all[args.length + 3] = tmp.resolve("results").toString();
    int code = cli.execute(all);
    assertFalse(err.toString().contains("\tat "), "stack trace: " + err);
    return new Run(code, err.toString(), out.toString());
  }

  private void assertRefusedBeforeTraining(String yaml, String expected) throws IOException {
    Run r =
        run(
            yaml,
            "reproduce",
            "tiny",
            "--no-progress",
            "--reports-dir",
            tmp.resolve("out").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("sparsecode: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(Files.exists(tmp.resolve("results")), "a refused sweep left its results folder");
  }

  @Test
  void misspeltKey() throws IOException {
    assertRefusedBeforeTraining(
        TINY.replace("learning_rate: 0.01", "learning_rat: 0.5"),
        "params.learning_rat: unknown parameter 'learning_rat' for model ovr_sphere (did you mean learning_rate?");
  }

  @Test
  void duplicateKey() throws IOException {
    assertRefusedBeforeTraining(
        TINY.replace("batch: 16", "batch: 16\n  batch: 32"), "found duplicate key batch");
  }

  @Test
  void textInAGridOfNumbers() throws IOException {
    assertRefusedBeforeTraining(
        TINY.replace("seed: [1, 2, 3]", "seed: [1, 2, abc]"),
        "trial hidden_8__partitions_4__seed_abc (budget quick): seed: 'abc' is not a whole number");
  }

  @Test
  void hugeBatch() throws IOException {
    assertRefusedBeforeTraining(
        TINY.replace("batch: 16", "batch: 100000000"),
        "batch: '100000000' is outside 1 .. 1000000");
    assertRefusedBeforeTraining(
        TINY.replace("batch: 16", "batch: 500"),
        "batch 500 is larger than the 160 training points");
  }

  @Test
  void checkListsTheTrialsAndTrainsNothing() throws IOException {
    Run r = run(TINY, "check", "tiny", "--threads", "99999");
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(tmp.resolve("results")));
  }

  @Test
  void failedMergeLeavesNoLockOrFolder() throws IOException {
    Run r = run(TINY, "merge", "tiny", tmp.resolve("no-such-shard").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("holds no results of tiny/quick"), r.err());
    assertFalse(Files.exists(tmp.resolve("results")), "the failed merge left its destination");
  }

  @Test
  void documentedParameterTablesComeFromTheDeclarations() throws IOException {
    String readme = Files.readString(Path.of("docs", "sweep-files.md"));
    int begin = readme.indexOf(ParamsCommand.BEGIN);
    int end = readme.indexOf(ParamsCommand.END);
    assertTrue(begin >= 0 && end > begin, "docs/sweep-files.md has no parameter tables block");
    assertEquals(
        ParamsCommand.allTables(Path.of("harness")),
        readme.substring(begin + ParamsCommand.BEGIN.length() + 1, end),
        "docs/sweep-files.md's parameter tables differ from the declarations; run ./sparsecode params --readme docs/sweep-files.md");
  }
}
