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
   * What the tuned peer's idle OpenMP threads do between parallel regions: PASSIVE sleeps, which
   * leaves the cores to the threads that work; ACTIVE spins, which wakes faster. {@code
   * harness/bench --wait-policy} times both on the FC and CNN steps.
   */
  static final String WAIT_POLICY = "PASSIVE";

  /**
   * The tuned setup. glibc malloc returns every freed block above its mmap threshold (128 KiB at
   * first) to the kernel, so each step's gradient buffers are mapped, faulted in and unmapped
   * again; the two thresholds keep them in the heap. The OpenMP wait policy is {@link
   * #WAIT_POLICY}.
   */
  static final Map<String, String> TUNED =
      Map.of(
          "MALLOC_MMAP_THRESHOLD_", "16777216",
          "MALLOC_TRIM_THRESHOLD_", "268435456",
          "OMP_WAIT_POLICY", WAIT_POLICY);

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
    return "MALLOC_MMAP_THRESHOLD_=16777216 MALLOC_TRIM_THRESHOLD_=268435456 OMP_WAIT_POLICY="
        + WAIT_POLICY
        + " OMP_NUM_THREADS="
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
    return run(script, args, threads, warmupSeconds, seconds, setup, Map.of());
  }

  /** As above, with {@code overrides} set last in the environment (for comparing settings). */
  static Optional<Map<String, String>> run(
      String script,
      List<String> args,
      int threads,
      double warmupSeconds,
      double seconds,
      Setup setup,
      Map<String, String> overrides)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(args);
    command.addAll(
        List.of(
            "--threads",
            String.valueOf(threads),
            "--warmup-seconds",
            fmt(warmupSeconds),
            "--seconds",
            fmt(seconds)));
    // A peer whose threads spin on a busy machine can take minutes per step: give up on it then.
    long limit = (long) (warmupSeconds + seconds) + GRACE_SECONDS;
    return runScript(script, command, threads, limit, setup, "python3-torch", overrides);
  }

  /**
   * Runs {@code script} with {@code args} as they are in {@code setup}, stopped after {@code
   * limitSeconds}; empty (with a note on stderr naming the Debian package {@code needs}) when
   * Python is missing or the script fails.
   */
  static Optional<Map<String, String>> runScript(
      String script, List<String> args, int threads, long limitSeconds, Setup setup, String needs)
      throws IOException, InterruptedException {
    return runScript(script, args, threads, limitSeconds, setup, needs, Map.of());
  }

  private static Optional<Map<String, String>> runScript(
      String script,
      List<String> args,
      int threads,
      long limitSeconds,
      Setup setup,
      String needs,
      Map<String, String> overrides)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      System.err.println("bench: " + PYTHON + " not found; the peer needs Debian's " + needs);
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script));
    command.addAll(args);
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
    env.putAll(overrides);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    if (!p.waitFor(limitSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
      // Worker processes (joblib's) would outlive the script.
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      System.err.println(
          "bench: the peer "
              + script
              + " ("
              + setup.words
              + ") did not finish within "
              + limitSeconds
              + " s; left out");
      return Optional.empty();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0 || !out.startsWith("{")) {
      System.err.println(
          "bench: the peer "
              + script
              + " failed (is "
              + needs
              + " installed? apt-get install "
              + needs
              + ")");
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
