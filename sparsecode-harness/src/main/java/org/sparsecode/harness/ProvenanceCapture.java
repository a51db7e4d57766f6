package org.sparsecode.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a trial's {@link RunProvenance}: call {@link #start} when the trial starts and {@link
 * #finish} when it ends. The TensorFlow version and thread settings are passed in so the harness
 * does not depend on TensorFlow classes.
 */
public final class ProvenanceCapture {
  private final String gitCommit;
  private final String tensorflowVersion;
  private final long seed;
  private final int intraOpThreads;
  private final int interOpThreads;
  private final Instant start;
  private final long startNanos;

  private ProvenanceCapture(
      String gitCommit, String tensorflowVersion, long seed, int intra, int inter) {
    this.gitCommit = gitCommit;
    this.tensorflowVersion = tensorflowVersion;
    this.seed = seed;
    this.intraOpThreads = intra;
    this.interOpThreads = inter;
    this.start = Instant.now();
    this.startNanos = System.nanoTime();
  }

  /** Starts the clock; {@code workDir} is where git is asked for the commit. */
  public static ProvenanceCapture start(
      Path workDir, String tensorflowVersion, long seed, int intraOpThreads, int interOpThreads) {
    return new ProvenanceCapture(
        gitCommit(workDir), tensorflowVersion, seed, intraOpThreads, interOpThreads);
  }

  /** The provenance with the wall time since {@link #start}. */
  public RunProvenance finish() {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    return new RunProvenance(
        gitCommit,
        tensorflowVersion,
        seed,
        jvm(),
        os(),
        cpuModel(),
        intraOpThreads,
        interOpThreads,
        DateTimeFormatter.ISO_INSTANT.format(start.truncatedTo(ChronoUnit.MILLIS)),
        wall);
  }

  /**
   * {@code git rev-parse HEAD}, plus "-dirty" when tracked files have uncommitted changes (so a
   * table is never attributed to a commit it was not built from); "unknown" without git or a
   * repository. The run's own outputs ({@code results/}, {@code reports/}, {@code graphs/}) do not
   * count: a sweep's earlier trials, not yet committed, say nothing about the code.
   */
  public static String gitCommit(Path workDir) {
    String head = git(workDir, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return "unknown";
    }
    String status =
        git(
            workDir,
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
            ":(exclude)results",
            ":(exclude)reports",
            ":(exclude)graphs");
    return status == null || status.isBlank() ? head.trim() : head.trim() + "-dirty";
  }

  /** The command's stdout, or null when git is missing, fails or hangs. */
  private static String git(Path workDir, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(workDir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null; // git not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public static String jvm() {
    return System.getProperty("java.vm.vendor", "?")
        + " "
        + System.getProperty("java.vm.name", "")
        + " "
        + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
  }

  public static String os() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  /**
   * The vector extensions that decide which kernels oneDNN and TensorFlow pick at run time, hence
   * the rounding of every matrix product: a long trial rerun on a CPU with other extensions gives
   * other numbers (seen: an ovr-regularizer trial rerun by the same commit on another machine moved
   * 0.26 points).
   */
  static final List<String> VECTOR_FLAGS =
      List.of(
          "avx",
          "avx2",
          "fma",
          "avx512f",
          "avx512dq",
          "avx512bw",
          "avx512vl",
          "avx512_vnni",
          "avx512_bf16",
          "amx_tile");

  /**
   * "model name" from /proc/cpuinfo (Linux) followed by the {@link #VECTOR_FLAGS} the CPU has, e.g.
   * "AMD EPYC; avx avx2 fma avx512f ...", else the architecture.
   */
  public static String cpuModel() {
    String model = null;
    List<String> flags = List.of();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        if (model == null && line.startsWith("model name")) {
          model = line.substring(colon + 1).trim();
        } else if (flags.isEmpty() && line.startsWith("flags")) {
          flags = List.of(line.substring(colon + 1).trim().split("\\s+"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc unreadable
    }
    if (model == null) {
      return System.getProperty("os.arch", "unknown");
    }
    List<String> present = new java.util.ArrayList<>();
    for (String flag : VECTOR_FLAGS) {
      if (flags.contains(flag)) {
        present.add(flag);
      }
    }
    return present.isEmpty() ? model : model + "; " + String.join(" ", present);
  }
}
