package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCaptureTest {
  @TempDir Path tmp;

  private static boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private void git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.org",
                "-c",
                "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void recordsRunSettings() throws Exception {
    ProvenanceCapture c = ProvenanceCapture.start(tmp, "1.1.0", 7, 4, 2);
    Thread.sleep(20);
    RunProvenance p = c.finish();
    assertEquals("unknown", p.gitCommit()); // a temp dir is no repository
    assertEquals("1.1.0", p.tensorflowVersion());
    assertEquals(7, p.seed());
    assertEquals(4, p.intraOpThreads());
    assertEquals(2, p.interOpThreads());
    assertTrue(p.wallSeconds() >= 0.02 && p.wallSeconds() < 60, "" + p.wallSeconds());
    assertTrue(p.startTime().endsWith("Z"), p.startTime());
    Instant.parse(p.startTime());
    assertTrue(p.jvm().contains(System.getProperty("java.vm.vendor")), p.jvm());
    assertFalse(p.cpuModel().isBlank());
    assertTrue(p.os().contains(System.getProperty("os.name")));
  }

  @Test
  void cpuModelNamesTheVectorExtensions() throws Exception {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return; // not Linux
    }
    String flagsLine =
        Files.readAllLines(cpuinfo).stream()
            .filter(l -> l.startsWith("flags"))
            .findFirst()
            .orElse("");
    List<String> flags = List.of(flagsLine.substring(flagsLine.indexOf(':') + 1).trim().split(" "));
    String model = ProvenanceCapture.cpuModel();
    for (String flag : ProvenanceCapture.VECTOR_FLAGS) {
      // each listed flag appears as a whole word exactly when the CPU has it
      assertEquals(
          flags.contains(flag),
          List.of(model.split("[; ]+")).contains(flag),
          flag + " in " + model);
    }
  }

  @Test
  void gitCommitAndDirtyFlag() throws Exception {
    if (!gitAvailable()) {
      return;
    }
    git(tmp, "init", "-q");
    Files.writeString(tmp.resolve("a.txt"), "one");
    Files.createDirectories(tmp.resolve("results"));
    Files.writeString(tmp.resolve("results").resolve("trial.yaml"), "first run");
    Files.createDirectories(tmp.resolve("reports"));
    Files.writeString(tmp.resolve("reports").resolve("t.md"), "first report");
    git(tmp, "add", "a.txt", "results", "reports");
    git(tmp, "commit", "-q", "-m", "first");
    String clean = ProvenanceCapture.gitCommit(tmp);
    assertTrue(clean.matches("[0-9a-f]{40}"), clean);
    Files.writeString(tmp.resolve("untracked.txt"), "not tracked");
    assertEquals(clean, ProvenanceCapture.gitCommit(tmp)); // untracked files do not count
    // a sweep's own outputs, rewritten and not yet committed, say nothing about the code
    Files.writeString(tmp.resolve("results").resolve("trial.yaml"), "rerun");
    Files.writeString(tmp.resolve("reports").resolve("t.md"), "rewritten");
    assertEquals(clean, ProvenanceCapture.gitCommit(tmp));
    Files.writeString(tmp.resolve("a.txt"), "two");
    assertEquals(clean + "-dirty", ProvenanceCapture.gitCommit(tmp));
  }
}
