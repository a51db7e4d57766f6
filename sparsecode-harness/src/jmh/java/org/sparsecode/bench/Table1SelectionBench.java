package org.sparsecode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ClassifierSettings;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.report.ResultTable;

/**
 * {@code harness/bench --table table1-selection}: JMH times one classifier selection of {@link
 * Table1SelectionProblem} per kind (lr, svm_linear, svm_rbf), then in the same invocation the
 * scikit-learn peer runs the same selections on the same data, tuned and as installed. Both sides
 * report what they chose and every candidate's validation accuracy, and the report says whether
 * they agree. Writes {@code bench-table1-selection.{csv,md}}.
 */
final class Table1SelectionBench {
  static final String TABLE = "table1-selection";
  static final String PEER = "harness/peers/sklearn_table1_selection.py";

  /**
   * The joblib backends the tuned peer runs with: worker processes (loky, scikit-learn's default)
   * and threads (LIBSVM and LIBLINEAR release the GIL), which spare each selection the start of the
   * workers and the copy of the data to them. Neither was faster on every kind, so the tuned peer
   * runs both and each kind keeps its fastest run (the one as installed included).
   */
  static final List<String> TUNED_BACKENDS = List.of("threading", "loky");

  /** Validation accuracies of the two sides closer than this count as agreeing. */
  static final double AGREEMENT = 0.005;

  private Table1SelectionBench() {}

  /** One side's selection of one kind: the median time, the choice and every candidate's score. */
  record Selection(
      double seconds, List<Double> runSeconds, double c, double gamma, double[] scores) {}

  static void run(int threads, boolean quick, Path out) throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double loadBefore = BenchMain.loadAverage();
    // A selection takes seconds to a minute: the first one's JIT compilation is a small part of
    // it, and the median of three leaves it out.
    int warmups = 0;
    int runs = quick ? 1 : 3;
    Table1SelectionProblem problem = Table1SelectionProblem.load();

    Map<ClassifierKind, Selection> own = new LinkedHashMap<>();
    for (ClassifierKind kind : ClassifierKind.values()) {
      Path resultFile = Table1SelectionProblem.resultFile(Path.of("target"), kind);
      Files.deleteIfExists(resultFile);
      List<Double> seconds = jmhRuns(kind, threads, warmups, runs);
      own.put(kind, readSelection(resultFile, seconds));
    }

    Path data = Path.of("target", "bench-" + TABLE);
    problem.writeFiles(data);
    List<String> args = new ArrayList<>(problem.peerArgs(data));
    args.addAll(
        List.of(
            "--threads",
            String.valueOf(threads),
            "--runs",
            String.valueOf(runs),
            "--warmup-runs",
            String.valueOf(warmups)));
    // Generous: the peer as installed on a busy machine.
    long limit = 1800;
    Map<String, Map<String, String>> tunedRuns = new LinkedHashMap<>();
    for (String backend : TUNED_BACKENDS) {
      List<String> tunedArgs = new ArrayList<>(args);
      tunedArgs.addAll(List.of("--backend", backend));
      Peer.runScript(PEER, tunedArgs, threads, limit, Peer.Setup.TUNED, "python3-sklearn")
          .ifPresent(m -> tunedRuns.put(backend, m));
    }
    Optional<Map<String, String>> installed =
        tunedRuns.isEmpty()
            ? Optional.empty()
            : Peer.runScript(
                PEER, args, threads, limit, Peer.Setup.AS_INSTALLED, "python3-sklearn");
    double loadAfter = BenchMain.loadAverage();

    List<List<Object>> rows = new ArrayList<>();
    List<String> agreement = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (ClassifierKind kind : ClassifierKind.values()) {
      Selection mine = own.get(kind);
      int candidates = problem.grid(kind).size();
      String name = kind.reportName() + "_selection";
      rows.add(row("sparsecode (LIBLINEAR/LIBSVM Java)", name, threads, candidates, mine, null));
      // The tuned peer: its fastest setup for this kind, as installed included should the
      // settings not help.
      Map<String, Map<String, String>> setups = new LinkedHashMap<>(tunedRuns);
      installed.ifPresent(m -> setups.put("as installed", m));
      Optional<Map.Entry<String, Selection>> fastest =
          setups.entrySet().stream()
              .map(
                  e ->
                      Map.entry(
                          e.getKey(),
                          peerSelection(e.getValue(), kind, candidates, problem.scaleGamma)))
              .min(java.util.Comparator.comparingDouble(e -> e.getValue().seconds));
      Optional<Selection> peerTuned = fastest.map(Map.Entry::getValue);
      Optional<Selection> peerInstalled =
          installed.map(m -> peerSelection(m, kind, candidates, problem.scaleGamma));
      peerTuned.ifPresent(
          s ->
              rows.add(
                  row(
                      "scikit-learn tuned (" + fastest.get().getKey() + ")",
                      name,
                      threads,
                      candidates,
                      s,
                      s.seconds / mine.seconds)));
      peerInstalled.ifPresent(
          s ->
              rows.add(
                  row(
                      "scikit-learn as installed",
                      name,
                      threads,
                      candidates,
                      s,
                      s.seconds / mine.seconds)));
      peerTuned.ifPresent(p -> agreement.add(agreement(kind, mine, p, Peer.Setup.TUNED)));
      peerInstalled.ifPresent(
          p -> agreement.add(agreement(kind, mine, p, Peer.Setup.AS_INSTALLED)));
      if (peerTuned.isPresent()) {
        Selection peer = peerTuned.get();
        sentences.add(
            String.format(
                Locale.ROOT,
                "%s, one selection over %d candidates: %.2f s in sparsecode against %.2f s in tuned scikit-learn, "
                    + "a ratio of %.2f (scikit-learn as installed: %s).",
                kind.reportName(),
                candidates,
                mine.seconds,
                peer.seconds,
                peer.seconds / mine.seconds,
                peerInstalled
                    .map(
                        s ->
                            String.format(
                                Locale.ROOT,
                                "%.2f s, ratio %.2f",
                                s.seconds,
                                s.seconds / mine.seconds))
                    .orElse("did not run")));
      } else {
        sentences.add(
            String.format(
                Locale.ROOT,
                "%s, one selection over %d candidates: %.2f s in sparsecode. The scikit-learn peer did not run: "
                    + "install it with `apt-get install python3-sklearn` and run harness/bench again.",
                kind.reportName(),
                candidates,
                mine.seconds));
      }
    }

    List<String> notes = BenchMain.provenance(TABLE, quick, threads, started);
    // TensorFlow plays no part here.
    notes.replaceAll(n -> n.startsWith("software: ") ? "software: " + ProvenanceCapture.jvm() : n);
    notes.set(
        notes.size() - 1,
        "JMH: 1 fork per kind, single-shot, "
            + counted(warmups, "warm-up selection")
            + " and "
            + counted(runs, "timed selection")
            + " per kind; seconds_per_selection is the median of the timed ones");
    notes.add(BenchMain.loadNote(loadBefore, loadAfter));
    notes.add("allocator (sparsecode side): " + BenchMain.allocatorSettings());
    notes.add(problem.describe());
    notes.add(
        String.format(
            Locale.ROOT,
            "sparsecode: ModelSelection.select as Table I calls it, %d fits at a time, each on one thread; "
                + "lr: LIBLINEAR 2.44 (Java) L2R_LR, a Newton method with line search, eps %s; svm_linear: "
                + "L2R_L2LOSS_SVC_DUAL, dual coordinate descent, eps %s, seed 0; both one-vs-rest with the intercept "
                + "as a constant feature %s; svm_rbf: LIBSVM 3.31 (Java) C_SVC, one-vs-one, shrinking, eps %s, "
                + "cache %.0f MB, on kernels precomputed once for the grid from the training images' squared "
                + "distances, predicting from dense distances; at most 1000 iterations on both sides",
            threads,
            ClassifierKind.LR.defaultEps(),
            ClassifierKind.SVM_LINEAR.defaultEps(),
            ClassifierSettings.LINEAR_BIAS,
            ClassifierKind.SVM_RBF.defaultEps(),
            ClassifierSettings.RBF_CACHE_MB));
    notes.add(
        "scikit-learn: GridSearchCV over the same grid with a PredefinedSplit (train on the training images, "
            + "score on the validation images), refit=False, n_jobs="
            + threads
            + "; LogisticRegression(solver=liblinear, tol, intercept_scaling=1, max_iter=1000), "
            + "LinearSVC(squared_hinge, dual, tol, intercept_scaling=1, max_iter=1000, random_state=0), "
            + "SVC(rbf, C, gamma, tol, cache_size, shrinking); scikit-learn's LIBLINEAR fits logistic regression "
            + "with the trust-region Newton method (TRON) where LIBLINEAR 2.44 uses Newton with line search, "
            + "and its dual coordinate descent visits the examples in another random order, so at these "
            + "tolerances the linear models differ slightly");
    tunedRuns.values().forEach(m -> notes.add(describePeer(m, Peer.Setup.TUNED)));
    installed.ifPresent(m -> notes.add(describePeer(m, Peer.Setup.AS_INSTALLED)));
    notes.add(
        "peer timing: "
            + counted(warmups, "untimed selection")
            + " and "
            + counted(runs, "timed selection")
            + " per kind in one process, the median; tuned = "
            + Peer.tunedSettings(threads).replaceAll(", torch.*", "")
            + ", run once with each joblib backend ("
            + String.join(", ", TUNED_BACKENDS)
            + "), each kind keeping its fastest of these and the run as installed (named on its row); "
            + "dense numpy input on every setup "
            + "(a CSR matrix made the RBF selection slower); as installed = none of these settings, "
            + "joblib's default backend (loky worker processes), the script still passes n_jobs");
    notes.add(
        "chosen: the C (and for svm_rbf the gamma factor, the chosen gamma over scaleGamma) with the best "
            + "validation accuracy, the earliest candidate among equals (C outer, gamma inner) on both sides");
    notes.add(
        "ratio = the peer's seconds per selection over sparsecode's (above 1: sparsecode is faster)");
    notes.addAll(agreement);

    ResultTable result =
        new ResultTable(
            "Benchmark: Table I's classifier selection (raw pixels, quick budget)",
            List.of(
                "side",
                "benchmark",
                "threads",
                "candidates",
                "seconds_per_selection",
                "per_second",
                "chosen_c",
                "chosen_gamma_factor",
                "validation_accuracy",
                "ratio"),
            rows,
            notes);
    BenchMain.writeReport(result, out, TABLE, sentences);
    agreement.forEach(System.out::println);
  }

  /**
   * Whether the two sides chose the same setting, and how far apart their validation accuracies
   * are, candidate by candidate.
   */
  static String agreement(
      ClassifierKind kind, Selection mine, Selection peer, Peer.Setup peerSetup) {
    double worst = 0;
    int worstAt = 0;
    for (int i = 0; i < mine.scores.length; i++) {
      double d = Math.abs(mine.scores[i] - peer.scores[i]);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    boolean sameChoice =
        mine.c == peer.c && (Double.isNaN(mine.gamma) || Math.abs(mine.gamma - peer.gamma) < 1e-9);
    return String.format(
        Locale.ROOT,
        "agreement, %s, scikit-learn %s: %s (sparsecode C=%s%s, scikit-learn C=%s%s); validation accuracies of all %d candidates "
            + "within %.4f of each other (largest difference at candidate %d)%s; sparsecode %s, scikit-learn %s",
        kind.reportName(),
        peerSetup.words,
        sameChoice ? "same choice" : "DIFFERENT choice",
        number(mine.c),
        Double.isNaN(mine.gamma) ? "" : " gamma=" + number(mine.gamma) + " x scaleGamma",
        number(peer.c),
        Double.isNaN(peer.gamma) ? "" : " gamma=" + number(peer.gamma) + " x scaleGamma",
        mine.scores.length,
        worst,
        worstAt + 1,
        worst <= AGREEMENT ? ", within " + AGREEMENT : ", MORE than " + AGREEMENT,
        scoresText(mine.scores),
        scoresText(peer.scores));
  }

  /** {@code "no warm-up selection"}, {@code "1 timed selection"}, {@code "3 timed selections"}. */
  private static String counted(int n, String what) {
    return (n == 0 ? "no" : String.valueOf(n)) + " " + what + (n == 1 ? "" : "s");
  }

  private static String scoresText(double[] scores) {
    return Arrays.stream(scores)
        .mapToObj(s -> String.format(Locale.ROOT, "%.4f", s))
        .reduce((a, b) -> a + " " + b)
        .orElse("");
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The JMH benchmark's last selection, as {@link Table1SelectionProblem#writeResult} wrote it. */
  static Selection readSelection(Path file, List<Double> seconds) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return new Selection(
        BenchSummary.median(seconds),
        seconds,
        Double.parseDouble(lines.get(0)),
        Double.parseDouble(lines.get(1)),
        Arrays.stream(lines.get(2).split(",")).mapToDouble(Double::parseDouble).toArray());
  }

  /**
   * The peer's selection of {@code kind} from its JSON line; {@code candidates} is the grid's size
   * and {@code scaleGamma} turns the chosen gamma into its factor.
   */
  static Selection peerSelection(
      Map<String, String> m, ClassifierKind kind, int candidates, double scaleGamma) {
    String k = kind.reportName();
    double[] scores =
        Arrays.stream(m.get(k + "_scores").split(",")).mapToDouble(Double::parseDouble).toArray();
    if (scores.length != candidates) {
      throw new IllegalStateException(
          "the peer scored " + scores.length + " candidates of " + k + ", expected " + candidates);
    }
    List<Double> runs =
        Arrays.stream(m.get(k + "_run_seconds").split(",")).map(Double::valueOf).toList();
    double gamma =
        kind.usesGamma() ? Double.parseDouble(m.get(k + "_chosen_gamma")) / scaleGamma : Double.NaN;
    return new Selection(
        Double.parseDouble(m.get(k + "_seconds")),
        runs,
        Double.parseDouble(m.get(k + "_chosen_c")),
        gamma,
        scores);
  }

  private static List<Object> row(
      String side, String name, int threads, int candidates, Selection s, Double ratio) {
    return Arrays.asList(
        side,
        name,
        (double) threads,
        (double) candidates,
        s.seconds,
        1 / s.seconds,
        s.c,
        Double.isNaN(s.gamma) ? null : s.gamma,
        // The chosen candidate's score: the best one.
        Arrays.stream(s.scores).max().orElse(Double.NaN),
        ratio);
  }

  static String describePeer(Map<String, String> m, Peer.Setup setup) {
    return "peer "
        + setup.words
        + ": scikit-learn "
        + m.get("sklearn_version")
        + " ("
        + PEER
        + "), n_jobs "
        + m.get("threads")
        + ", joblib backend "
        + m.get("backend")
        + ", "
        + m.get("input")
        + " input, numpy's OpenBLAS core "
        + m.get("openblas_core")
        + " ("
        + m.get("openblas_config")
        + "; LIBSVM and LIBLINEAR do not call it), settings: "
        + m.get("peer_settings");
  }

  /** The seconds of each timed single-shot iteration of one kind's selection. */
  static List<Double> jmhRuns(ClassifierKind kind, int threads, int warmups, int runs)
      throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(Table1SelectionBenchmark.class.getName() + "\\.")
            .param("kind", kind.name())
            .param("threads", String.valueOf(threads))
            .forks(1)
            .jvmArgsAppend("-Xmx3g")
            .warmupIterations(warmups)
            .measurementIterations(runs)
            .timeUnit(TimeUnit.SECONDS)
            .build();
    RunResult result = new Runner(options).runSingle();
    List<Double> seconds = new ArrayList<>();
    for (BenchmarkResult b : result.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        seconds.add(i.getPrimaryResult().getScore());
      }
    }
    return seconds;
  }
}
