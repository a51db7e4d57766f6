package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chooses hyper-parameters on a validation split, never on the test set: every candidate is trained
 * on the training split and scored on the validation split; the best validation accuracy wins, the
 * earliest candidate among equals (list C in increasing order, so a tie goes to the stronger
 * regularisation). The winner is then trained once more as {@link Refit} says.
 */
public final class ModelSelection {

  /** What the chosen settings are finally trained on. */
  public enum Refit {
    /**
     * The training split only: the returned model is the very one that was scored on validation
     * (training is deterministic, so a refit would be identical and is skipped).
     */
    TRAIN,
    /** Training and validation splits together: more data, but no held-out score for it. */
    TRAIN_AND_VALIDATION
  }

  /** One candidate's validation accuracy and how long it took to train. */
  public record Score(ClassifierSettings settings, double validationAccuracy, double fitSeconds) {}

  /**
   * The outcome: the chosen settings, every candidate's score in the order tried, what the final
   * model was trained on, and that model.
   */
  public record Result(
      ClassifierSettings chosen, List<Score> scores, Refit refit, Classifier model) {
    public Result {
      scores = List.copyOf(scores);
    }

    /** The chosen candidate's validation accuracy. */
    public double bestValidationAccuracy() {
      return scores.stream()
          .filter(s -> s.settings().equals(chosen))
          .findFirst()
          .orElseThrow()
          .validationAccuracy();
    }

    /** Lines for a report: the choice, the refit, and each candidate's validation accuracy. */
    public String describe() {
      StringBuilder s =
          new StringBuilder("chosen on validation: ")
              .append(chosen.describe())
              .append("\nfinal model trained on: ")
              .append(refit == Refit.TRAIN ? "train" : "train+validation");
      if (chosen.kind() == ClassifierKind.SVM_RBF) {
        s.append(
            "\ncandidates trained by LIBSVM on kernel matrices precomputed from the training set's"
                + " squared distances (computed once for the grid)");
      }
      for (Score score : scores) {
        s.append(
            String.format(
                Locale.ROOT,
                "%ncandidate %s: validation accuracy %.4f (fit %.1f s)",
                score.settings().hyperParameters(),
                score.validationAccuracy(),
                score.fitSeconds()));
      }
      return s.toString();
    }
  }

  private ModelSelection() {}

  /**
   * The grid of every C in {@code cs} (outer loop) with every gamma in {@code gammas} (inner loop,
   * svm_rbf only; ignored for the linear kinds, which may pass an empty array).
   */
  public static List<ClassifierSettings> grid(ClassifierKind kind, double[] cs, double[] gammas) {
    if (cs.length == 0) {
      throw new IllegalArgumentException("the grid needs at least one C, e.g. {0.1, 1, 10}");
    }
    if (kind.usesGamma() && gammas.length == 0) {
      throw new IllegalArgumentException(
          "svm_rbf needs at least one gamma in the grid;"
              + " ClassifierSettings.scaleGamma(features) gives a centre for it");
    }
    List<ClassifierSettings> grid = new ArrayList<>();
    for (double c : cs) {
      if (kind.usesGamma()) {
        for (double gamma : gammas) {
          grid.add(ClassifierSettings.rbf(c, gamma));
        }
      } else {
        grid.add(ClassifierSettings.linear(kind, c));
      }
    }
    return grid;
  }

  /**
   * Trains each candidate on train, scores it on validation, returns the best one refitted. The
   * candidates are fitted side by side on all cores (each fit runs on one); the choice and the
   * models do not depend on that. RBF candidates are trained by {@link PrecomputedRbfSvm} on the
   * training set's squared distances, computed once for the whole grid.
   */
  public static Result select(
      List<ClassifierSettings> candidates,
      FeatureMatrix trainX,
      int[] trainY,
      FeatureMatrix validationX,
      int[] validationY,
      Refit refit) {
    return select(
        candidates,
        trainX,
        trainY,
        validationX,
        validationY,
        refit,
        Runtime.getRuntime().availableProcessors());
  }

  /** As above, with at most {@code threads} fits at a time. */
  public static Result select(
      List<ClassifierSettings> candidates,
      FeatureMatrix trainX,
      int[] trainY,
      FeatureMatrix validationX,
      int[] validationY,
      Refit refit,
      int threads) {
    Objects.requireNonNull(refit, "refit");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "no candidate settings to choose from; build some with" + " ModelSelection.grid");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Checks.checkTrainable(trainX, trainY);
    Checks.checkMatch(validationX, validationY, "validation set");
    Checks.checkFeatures(validationX, trainX.cols());

    Best best = new Best();
    // RBF candidates share one set of training distances instead of recomputing them per fit.
    float[] distances =
        candidates.stream().anyMatch(c -> c.kind() == ClassifierKind.SVM_RBF)
            ? SquaredDistances.within(trainX, threads)
            : null;
    List<Callable<Score>> fits = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      int index = i;
      ClassifierSettings candidate = candidates.get(i);
      fits.add(
          () -> {
            long start = System.nanoTime();
            Classifier model =
                candidate.kind() == ClassifierKind.SVM_RBF
                    ? PrecomputedRbfSvm.fit(candidate, trainX, trainY, distances)
                    : Classifier.fit(candidate, trainX, trainY);
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = model.accuracy(validationX, validationY);
            best.offer(index, accuracy, model);
            return new Score(candidate, accuracy, seconds);
          });
    }
    List<Score> scores = runAll(fits, Math.min(threads, fits.size()));
    Classifier finalModel =
        refit == Refit.TRAIN
            ? best.model
            : Classifier.fit(
                best.model.settings(), trainX.append(validationX), concat(trainY, validationY));
    return new Result(best.model.settings(), scores, refit, finalModel);
  }

  /**
   * The best model so far: the highest validation accuracy, the earliest candidate among equals
   * (the order of the list, whatever order the fits end in). Only it is kept: RBF models of large
   * sets are big.
   */
  private static final class Best {
    private int index = Integer.MAX_VALUE;
    private double accuracy = -1;
    private Classifier model;

    synchronized void offer(int i, double a, Classifier m) {
      if (a > accuracy || (a == accuracy && i < index)) {
        index = i;
        accuracy = a;
        model = m;
      }
    }
  }

  /** Runs the tasks on {@code threads} threads (on this one when 1), results in task order. */
  static <T> List<T> runAll(List<Callable<T>> tasks, int threads) {
    List<T> out = new ArrayList<>();
    if (threads == 1) {
      for (Callable<T> task : tasks) {
        out.add(call(task));
      }
      return out;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "classifier-fit");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<T> f : futures) {
        out.add(get(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting classifiers", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] joined = new int[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
