package org.sparsecode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a PyTorch peer script (harness/peers/) in one of two setups and reads the one JSON line it
 * prints: as installed (the caller's environment without the settings below) or tuned.
 */
final class Peer {
  static final String PYTHON = "/usr/bin/python3";

  /**
   * How long past its timed seconds a peer may run (start-up, and the last step) before it is
   * stopped.
   */
  static final long GRACE_SECONDS = 90;

  /**
   * The tuned setup. glibc malloc returns every freed block above its mmap threshold (128 KiB at
   * first) to the kernel, so each step's gradient buffers are mapped, faulted in and unmapped
   * again; the two thresholds keep them in the heap. PASSIVE stops idle OpenMP threads spinning on
   * cores that the other threads need.
   */
  static final Map<String, String> TUNED =
      Map.of(
          "MALLOC_MMAP_THRESHOLD_", "16777216",
          "MALLOC_TRIM_THRESHOLD_", "268435456",
          "OMP_WAIT_POLICY", "PASSIVE");

  enum Setup {
    AS_INSTALLED("as installed"),
    TUNED("tuned");

    final String words;

    Setup(String words) {
      this.words = words;
    }
  }

  private Peer() {}

  /** The tuned environment in words, for reports. */
  static String tunedSettings(int threads) {
    return "MALLOC_MMAP_THRESHOLD_=16777216 MALLOC_TRIM_THRESHOLD_=268435456 OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS="
        + threads
        + ", torch.set_num_threads("
        + threads
        + ")";
  }

  /**
   * Runs {@code script} with {@code args} and the thread and timing options; empty (with a note on
   * stderr) when Python or torch is missing or the script fails.
   */
  static Optional<Map<String, String>> run(
      String script,
      List<String> args,
      int threads,
      double warmupSeconds,
      double seconds,
      Setup setup)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      System.err.println(
          "bench: " + PYTHON + " not found; the PyTorch peer needs Debian's python3-torch");
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script));
    command.addAll(args);
    command.addAll(
        List.of(
            "--threads",
            String.valueOf(threads),
            "--warmup-seconds",
            fmt(warmupSeconds),
            "--seconds",
            fmt(seconds)));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    // The launcher sets the allocator for the JVM; the peer as installed must not inherit it.
    TUNED.keySet().forEach(env::remove);
    env.remove("OMP_NUM_THREADS");
    env.remove("GLIBC_TUNABLES");
    if (setup == Setup.TUNED) {
      env.putAll(TUNED);
      env.put("OMP_NUM_THREADS", String.valueOf(threads));
    }
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    // A peer whose threads spin on a busy machine can take minutes per step: give up on it then.
    long limit = (long) (warmupSeconds + seconds) + GRACE_SECONDS;
    if (!p.waitFor(limit, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      System.err.println(
          "bench: the PyTorch peer ("
              + setup.words
              + ") did not finish within "
              + limit
              + " s; left out");
      return Optional.empty();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0 || !out.startsWith("{")) {
      System.err.println(
          "bench: the PyTorch peer failed (is python3-torch installed? apt-get install python3-torch)");
      return Optional.empty();
    }
    return Optional.of(flatJson(out));
  }

  /** The peer's BLAS kernel and settings, for a report's notes. */
  static String describe(Map<String, String> result, Setup setup, String script) {
    return "peer "
        + setup.words
        + ": PyTorch "
        + result.get("torch_version")
        + " ("
        + script
        + "), "
        + result.get("threads")
        + " threads, OpenBLAS core "
        + result.get("openblas_core")
        + " ("
        + result.get("openblas_config")
        + "), settings: "
        + result.get("peer_settings");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  /** The peer prints one flat JSON object of strings and numbers. */
  static Map<String, String> flatJson(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"([^\"]*)\"|[-+0-9.eE]+)").matcher(json);
    while (m.find()) {
      map.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
    }
    return map;
  }
}
