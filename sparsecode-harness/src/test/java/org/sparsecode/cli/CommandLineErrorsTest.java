package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Nonsensical options are refused before any work, with exit code 2 and a message saying the fix.
 */
class CommandLineErrorsTest {

  private static String[] run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {String.valueOf(code), err.toString(), out.toString()};
  }

  private static void assertRefused(String expected, String... args) {
    String[] r = run(args);
    assertEquals("2", r[0], "exit code of " + String.join(" ", args) + "; stderr: " + r[1]);
    assertTrue(r[1].contains(expected), "stderr of " + String.join(" ", args) + " was: " + r[1]);
  }

  @Test
  void badShard() {
    assertRefused("--shard K/N needs 0 <= K < N", "reproduce", "blog-fc", "--shard", "3/2");
    assertRefused("--shard K/N needs 0 <= K < N", "reproduce", "blog-fc", "--shard", "a/b");
  }

  @Test
  void unknownTableListsTheKnownOnes() {
    assertRefused("known tables: blog-ae, blog-cnn, blog-fc", "reproduce", "no-such-table");
  }

  @Test
  void unknownBudget() {
    assertRefused("unknown budget 'huge'", "reproduce", "blog-fc", "--budget", "huge");
  }

  @Test
  void negativeLambdaAndZeroSteps() {
    assertRefused(
        "--lambda must be a finite number >= 0",
        "export",
        "blog-fc",
        "--lambda",
        "-1e-5",
        "--out",
        "target/never");
    assertRefused(
        "--steps must be > 0",
        "export",
        "blog-fc",
        "--lambda",
        "1e-5",
        "--steps",
        "0",
        "--out",
        "target/never");
  }

  @Test
  void unknownParameterOverride() {
    assertRefused(
        "blog-fc has no parameter 'nope'",
        "export",
        "blog-fc",
        "--lambda",
        "0",
        "--set",
        "nope=1",
        "--out",
        "target/never");
  }

  @Test
  void aQuickRunMayNotOverwriteTheReferenceReports() {
    assertRefused(
        "may not overwrite them",
        "reproduce",
        "blog-fc",
        "--budget",
        "quick",
        "--reports-dir",
        "reports");
  }

  @Test
  void badThreadCount() {
    String[] r =
        run("reproduce", "blog-fc", "--threads", "0", "--results-dir", "target/never-results");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--threads must be >= 1"), r[1]);
  }

  @Test
  void unknownOptionShowsUsage() {
    String[] r = run("reproduce", "blog-fc", "--lamda", "1");
    assertEquals("2", r[0]);
    assertTrue(r[1].contains("Unknown options: '--lamda'"), r[1]);
    assertTrue(r[1].contains("Usage: sparsecode reproduce"), r[1]);
  }
}
