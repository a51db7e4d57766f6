package org.sparsecode.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one shard of a sweep: its trials in the fixed order, skipping those already stored, saving
 * each result as soon as it ends, all under the store's lock. Running the same command again after
 * a crash or a kill resumes where it stopped.
 */
public final class SweepRunner {

  /** Progress callbacks; {@code position} is 1-based within this shard, of {@code total}. */
  public interface Listener {
    default void starting(Trial trial, int position, int total) {}

    default void skipped(Trial trial, TrialResult stored, int position, int total) {}

    default void finished(Trial trial, TrialResult result, int position, int total) {}
  }

  /** What a run did; {@code results} holds this shard's results, stored and new, in order. */
  public record Summary(
      int total, int executed, int skipped, int diverged, List<TrialResult> results) {}

  private final SweepSpec spec;
  private final String budget;
  private final Shard shard;
  private final ResultStore store;
  private final TrialExecutor executor;
  private Listener listener = new Listener() {};
  private Function<Trial, Fingerprint> fingerprints;
  private boolean rerunStale;

  public SweepRunner(
      SweepSpec spec, String budget, Shard shard, ResultStore store, TrialExecutor executor) {
    this.spec = spec;
    this.budget = budget;
    this.shard = shard;
    this.store = store;
    this.executor = executor;
    if (!store.table().equals(spec.table()) || !store.budget().equals(budget)) {
      throw new IllegalArgumentException(
          "store "
              + store.dir()
              + " is for "
              + store.table()
              + "/"
              + store.budget()
              + ", not "
              + spec.table()
              + "/"
              + budget);
    }
  }

  public SweepRunner listener(Listener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Records with each new result the fingerprint that {@code fingerprints} gives its trial,
   * computed for every trial of the shard before anything trains.
   */
  public SweepRunner fingerprints(Function<Trial, Fingerprint> fingerprints) {
    this.fingerprints = fingerprints;
    return this;
  }

  /**
   * Reruns stored trials that are stale (their fingerprint differs from the current one) or
   * unverified (stored without one). Needs {@link #fingerprints}. The old result stays until the
   * new one is written.
   */
  public SweepRunner rerunStale(boolean rerunStale) {
    this.rerunStale = rerunStale;
    return this;
  }

  /** This shard's trials in run order. */
  public List<Trial> trials() {
    return shard.select(spec.expand(budget));
  }

  /**
   * Runs the shard.
   *
   * @throws ResultStore.LockedException when another sweep writes the same folder
   * @throws HarnessException when a trial fails with an exception (finished trials are kept) or a
   *     stored result is unusable
   */
  public Summary run() throws IOException {
    List<Trial> trials = trials();
    int total = trials.size();
    ResultStore.Lock lock = store.lock();
    try {
      // Read every stored result first, so a corrupt or outdated file stops the sweep now,
      // not after hours of training.
      List<Optional<TrialResult>> stored = new ArrayList<>();
      for (Trial t : trials) {
        stored.add(store.find(t));
      }
      List<Fingerprint> current = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        Fingerprint f = fingerprints == null ? null : fingerprints.apply(trials.get(i));
        current.add(f);
        if (rerunStale
            && f != null
            && stored.get(i).isPresent()
            && !f.equals(stored.get(i).get().fingerprint())) {
          stored.set(i, Optional.empty());
        }
      }
      List<TrialResult> results = new ArrayList<>();
      int executed = 0;
      int skipped = 0;
      int diverged = 0;
      for (int i = 0; i < total; i++) {
        Trial trial = trials.get(i);
        int position = i + 1;
        TrialResult result;
        if (stored.get(i).isPresent()) {
          result = stored.get(i).get();
          skipped++;
          listener.skipped(trial, result, position, total);
        } else {
          listener.starting(trial, position, total);
          result = execute(trial, position, total, executed + skipped);
          if (current.get(i) != null) {
            result = result.withFingerprint(current.get(i));
          }
          store.save(result);
          executed++;
          listener.finished(trial, result, position, total);
        }
        if (result.status() == TrialResult.Status.DIVERGED) {
          diverged++;
        }
        results.add(result);
      }
      return new Summary(total, executed, skipped, diverged, List.copyOf(results));
    } finally {
      lock.close();
    }
  }

  private TrialResult execute(Trial trial, int position, int total, int finished) {
    TrialResult result;
    try {
      result = executor.run(trial);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopped(trial, position, total, finished, "interrupted", e);
    } catch (Exception e) {
      throw stopped(trial, position, total, finished, e.toString(), e);
    }
    if (result == null || result.trial() == null || !result.trial().id().equals(trial.id())) {
      throw stopped(
          trial,
          position,
          total,
          finished,
          "the executor returned a result for "
              + (result == null || result.trial() == null ? "no trial" : result.trial().id())
              + " (a bug in the executor)",
          null);
    }
    return result;
  }

  private HarnessException stopped(
      Trial trial, int position, int total, int finished, String why, Throwable cause) {
    return new HarnessException(
        "sweep "
            + spec.table()
            + "/"
            + budget
            + " (shard "
            + shard
            + ") stopped: trial "
            + trial.id()
            + " ("
            + position
            + " of "
            + total
            + ") failed: "
            + why
            + (why != null && why.endsWith(".") ? " The " : ". The ")
            + finished
            + " finished trial(s) are kept in "
            + store.trialsDir()
            + "; fix the problem and run the same command again to resume",
        cause);
  }
}
