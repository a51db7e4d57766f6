package org.sparsecode.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sparsecode.io.AtomicFiles;

/**
 * The results of one table under one budget, one YAML file per finished trial:
 *
 * <pre>
 * &lt;resultsRoot&gt;/&lt;table&gt;/&lt;budget&gt;/.lock                  held while a sweep writes here
 * &lt;resultsRoot&gt;/&lt;table&gt;/&lt;budget&gt;/trials/&lt;trial-id&gt;.yaml
 * </pre>
 *
 * A file exists only for a finished trial (written atomically when it ends), so "resume" is just
 * "skip the trials that have a file".
 *
 * <p>A stored result whose params differ from the trial's current params (the spec was edited after
 * it ran) is an error, not a silent rerun: rerunning would quietly overwrite the old number and a
 * table could mix results from two specs. The message says which params differ and to delete the
 * file (or use a fresh --results-dir) to rerun.
 *
 * <p>Writers take an exclusive OS lock ({@link #lock()}); the OS drops it when the holder dies, so
 * a killed sweep never blocks the next one. OS locks on network file systems (NFS) are only as good
 * as the server's lock daemon.
 */
public final class ResultStore {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String LOCK_FILE = ".lock";

  /**
   * Lock files held by this JVM, keyed by real path. Checked before opening the file because on
   * POSIX, closing any channel to a locked file drops the whole process's lock on it.
   */
  private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

  private final String table;
  private final String budget;
  private final Path dir;
  private final Path trialsDir;
  private Lock held;

  public ResultStore(Path resultsRoot, String table, String budget) {
    for (String name : List.of(table, budget)) {
      if (!SAFE.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a safe folder name; use letters, digits, '.', '_' or '-'");
      }
    }
    this.table = table;
    this.budget = budget;
    this.dir = resultsRoot.resolve(table).resolve(budget);
    this.trialsDir = dir.resolve("trials");
  }

  /** The store for a spec's table under one of its budgets (checked to exist). */
  public static ResultStore of(Path resultsRoot, SweepSpec spec, String budget) {
    spec.steps(budget); // fails with the list of budgets when unknown
    return new ResultStore(resultsRoot, spec.table(), budget);
  }

  public String table() {
    return table;
  }

  public String budget() {
    return budget;
  }

  /** {@code <resultsRoot>/<table>/<budget>}. */
  public Path dir() {
    return dir;
  }

  public Path trialsDir() {
    return trialsDir;
  }

  public Path fileFor(String trialId) {
    return trialsDir.resolve(trialId + ".yaml");
  }

  /** Writes the result atomically; takes the lock for the write unless this store holds it. */
  public void save(TrialResult result) throws IOException {
    Trial t = result.trial();
    if (!table.equals(t.table())) {
      throw new IllegalArgumentException(
          "trial " + t.id() + " is of table " + t.table() + ", not " + table + " (" + dir + ")");
    }
    Lock temporary = held == null ? lock() : null;
    try {
      AtomicFiles.writeString(fileFor(t.id()), TrialResultYaml.write(result, budget));
    } catch (IOException e) {
      throw IoFailure.of(fileFor(t.id()), e);
    } finally {
      if (temporary != null) {
        temporary.close();
      }
    }
  }

  /**
   * The stored result of a trial, or empty when it has not finished. The returned result carries
   * the given trial (same id and params; its index is the current one).
   *
   * @throws HarnessException when the file is corrupt, belongs elsewhere, or was made with other
   *     params
   */
  public Optional<TrialResult> find(Trial trial) throws IOException {
    Path file = fileFor(trial.id());
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    TrialResult stored = read(file);
    String diff = paramDiff(stored.trial().params(), trial.params());
    if (!diff.isEmpty()) {
      throw new HarnessException(
          "stored result "
              + file
              + " was made with other params than harness/"
              + table
              + ".yaml now gives ("
              + diff
              + "): the spec changed after it ran. To rerun with the"
              + " new spec delete that file (or all of "
              + trialsDir
              + "), or give this run its"
              + " own --results-dir; to keep the old result, restore the spec");
    }
    return Optional.of(
        new TrialResult(
            trial,
            stored.status(),
            stored.message(),
            stored.metrics(),
            stored.provenance(),
            stored.fingerprint()));
  }

  /** The stored results of the given trials, in their order; unfinished ones are left out. */
  public List<TrialResult> loadAll(List<Trial> trials) throws IOException {
    List<TrialResult> out = new ArrayList<>();
    for (Trial t : trials) {
      find(t).ifPresent(out::add);
    }
    return out;
  }

  /** Every stored result as written (trials as stored), sorted by file name. */
  public List<TrialResult> readAll() throws IOException {
    List<TrialResult> out = new ArrayList<>();
    for (Path f : resultFiles(trialsDir)) {
      out.add(read(f));
    }
    return out;
  }

  /** Parses one file of this store, checking it belongs here. */
  private TrialResult read(Path file) throws IOException {
    TrialResultYaml.Parsed p = parse(file);
    checkBelongs(file, p);
    return p.result();
  }

  private void checkBelongs(Path file, TrialResultYaml.Parsed p) {
    Trial t = p.result().trial();
    if (!table.equals(t.table()) || !budget.equals(p.budget())) {
      throw new HarnessException(
          "result file "
              + file
              + " is of table "
              + t.table()
              + " budget "
              + p.budget()
              + ", not "
              + table
              + " budget "
              + budget
              + "; move it to its own folder or delete it");
    }
    String expected = t.id() + ".yaml";
    if (!file.getFileName().toString().equals(expected)) {
      throw TrialResultYaml.corrupt(
          file, "it holds trial " + t.id() + " but is named " + file.getFileName());
    }
  }

  private static TrialResultYaml.Parsed parse(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw TrialResultYaml.corrupt(file, "not UTF-8 text");
    }
    return TrialResultYaml.read(file, text);
  }

  private static List<Path> resultFiles(Path trialsDir) throws IOException {
    if (!Files.isDirectory(trialsDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(trialsDir)) {
      // AtomicFiles' temporary files start with '.'
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** "lambda: stored 1e-05, now 2e-05; batch: stored (none), now 100", or "" when equal. */
  private static String paramDiff(Map<String, Object> stored, Map<String, Object> now) {
    List<String> diffs = new ArrayList<>();
    Map<String, Object> keys = new LinkedHashMap<>(now);
    stored.forEach(keys::putIfAbsent);
    for (String k : keys.keySet()) {
      Object a = stored.get(k);
      Object b = now.get(k);
      if (!Values.same(a, b)) {
        diffs.add(k + ": stored " + show(a) + ", now " + show(b));
      }
    }
    return String.join("; ", diffs);
  }

  private static String show(Object v) {
    return v == null ? "(none)" : Values.canonical(v);
  }

  // ---------------------------------------------------------------- lock

  /**
   * Takes the exclusive lock on {@code <dir>/.lock}, writing this process's pid, host and start
   * time into it for the message another sweep would get. Hold it (try-with-resources) for the
   * whole sweep.
   *
   * @throws LockedException when another sweep holds it
   */
  public Lock lock() throws IOException {
    if (held != null) {
      throw new IllegalStateException("this store already holds the lock on " + dir);
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    List<Path> created = new ArrayList<>();
    try {
      createDirectories(dir, created);
      return takeLock(lockFile, created);
    } catch (IOException e) {
      removeIfEmpty(created);
      throw IoFailure.of(created.isEmpty() ? lockFile : created.get(0), e);
    } catch (RuntimeException e) {
      removeIfEmpty(created);
      throw e;
    }
  }

  private Lock takeLock(Path lockFile, List<Path> created) throws IOException {
    Path key = dir.toRealPath().resolve(LOCK_FILE);
    String owner = ownerLine();
    String previous = HELD_IN_THIS_JVM.putIfAbsent(key, owner);
    if (previous != null) {
      throw new LockedException(dir, previous);
    }
    FileChannel ch = null;
    try {
      for (int attempt = 0; ; attempt++) {
        ch =
            FileChannel.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock fl;
        try {
          fl = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          fl = null; // locked through a channel we do not know of; treat as taken
        }
        if (fl == null) {
          ch.close();
          ch = null;
          HELD_IN_THIS_JVM.remove(key);
          throw new LockedException(dir, describeOwner(lockFile));
        }
        if (!Files.exists(lockFile) && attempt < 3) {
          // The previous holder removed the file (see Lock.close) after we opened it: lock the new
          // one.
          fl.release();
          ch.close();
          ch = null;
          continue;
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        held = new Lock(this, key, ch, fl, created);
        return held;
      }
    } catch (IOException | RuntimeException e) {
      if (held == null) {
        if (ch != null) {
          ch.close();
        }
        HELD_IN_THIS_JVM.remove(key, owner);
      }
      throw e;
    }
  }

  /** Files.createDirectories, noting each folder it made (outermost first). */
  private static void createDirectories(Path dir, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      created.add(p);
    }
  }

  /** Removes the given folders (innermost first) while they are empty. */
  private static void removeIfEmpty(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException notEmptyOrGone) {
        return;
      }
    }
  }

  /** Whether this store object currently holds its lock. */
  public boolean isLocked() {
    return held != null;
  }

  private static String ownerLine() {
    return "pid="
        + ProcessHandle.current().pid()
        + "\nhost="
        + hostName()
        + "\nstarted="
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + "\n";
  }

  /** "pid 1234, host h, started at 2024-...Z" from the lock file the owner wrote. */
  private static String describeOwner(Path lockFile) {
    String text;
    try {
      text = Files.readString(lockFile);
    } catch (IOException e) {
      text = "";
    }
    return text;
  }

  static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h.trim();
    }
    try {
      String etc = Files.readString(Path.of("/etc/hostname")).trim();
      if (!etc.isEmpty()) {
        return etc;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux; fall through
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The held lock; closing it releases the OS lock. The file stays where results were written
   * (later sweeps reuse it); a lock whose sweep wrote nothing into folders it made removes the file
   * and those folders, so a failed command leaves nothing behind.
   */
  public static final class Lock implements AutoCloseable {
    private final ResultStore store;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> created;
    private boolean closed;

    private Lock(
        ResultStore store, Path key, FileChannel channel, FileLock lock, List<Path> created) {
      this.store = store;
      this.key = key;
      this.channel = channel;
      this.lock = lock;
      this.created = List.copyOf(created);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (!created.isEmpty() && onlyTheLock(store.dir)) {
          // Deleted while still held, so no other sweep can have locked this file meanwhile.
          Files.deleteIfExists(store.dir.resolve(LOCK_FILE));
          removeIfEmpty(created);
        }
        lock.release();
      } finally {
        channel.close();
        HELD_IN_THIS_JVM.remove(key);
        store.held = null;
      }
    }

    private static boolean onlyTheLock(Path dir) {
      try (Stream<Path> s = Files.list(dir)) {
        return s.allMatch(p -> p.getFileName().toString().equals(LOCK_FILE));
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** Another sweep is writing the same results folder. */
  public static final class LockedException extends HarnessException {
    private static final long serialVersionUID = 1L;

    LockedException(Path dir, String ownerFileText) {
      super(
          "another sweep ("
              + owner(ownerFileText)
              + ") is writing "
              + dir
              + "; wait for it to finish, or give this run its own --results-dir");
    }

    private static String owner(String text) {
      Map<String, String> kv = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      return "pid "
          + kv.getOrDefault("pid", "unknown")
          + ", host "
          + kv.getOrDefault("host", "unknown")
          + ", started at "
          + kv.getOrDefault("started", "unknown");
    }
  }

  // ---------------------------------------------------------------- merge

  /**
   * What {@link #merge} did. {@code reruns}: trials found twice that agree on everything but timing
   * and memory metrics (a shard run again); the copy first seen is kept.
   */
  public record MergeReport(
      List<Path> sources, List<String> copied, List<String> duplicates, List<String> reruns) {
    @Override
    public String toString() {
      String text =
          "merged "
              + sources.size()
              + " result folder(s): "
              + copied.size()
              + " trial(s) copied, "
              + duplicates.size()
              + " identical duplicate(s) skipped";
      if (!reruns.isEmpty()) {
        text +=
            "; "
                + reruns.size()
                + " trial(s) ran twice with the same results, differing only in"
                + " timing and memory metrics, kept once (the copy first seen): "
                + String.join(", ", reruns);
      }
      return text;
    }
  }

  /**
   * Copies finished trials from other stores of the same table and budget (for example one per
   * shard, run on different machines) into this one. Each source is either a store folder ({@code
   * .../<table>/<budget>}) or a results root holding one. Duplicates with the same params, status
   * and metrics are skipped; timing and memory metrics ({@link Metrics#isTimingOrMemory}) and
   * provenance may differ, as they do when a shard is run again. A conflicting duplicate fails the
   * whole merge before anything is copied.
   */
  public MergeReport merge(List<Path> sources) throws IOException {
    Lock temporary = held == null ? lock() : null;
    try {
      Map<String, Path> fileById = new LinkedHashMap<>();
      Map<String, TrialResult> resultById = new LinkedHashMap<>();
      for (Path f : resultFiles(trialsDir)) {
        TrialResult r = read(f);
        fileById.put(r.trial().id(), f);
        resultById.put(r.trial().id(), r);
      }
      Map<String, Path> toCopy = new LinkedHashMap<>();
      List<String> duplicates = new ArrayList<>();
      List<String> reruns = new ArrayList<>();
      Path self = Files.isDirectory(trialsDir) ? trialsDir.toRealPath() : null;
      for (Path source : sources) {
        Path srcTrials = sourceTrials(source);
        if (srcTrials.toRealPath().equals(self)) {
          continue; // merging a store into itself changes nothing
        }
        for (Path f : resultFiles(srcTrials)) {
          TrialResultYaml.Parsed p = parse(f);
          checkBelongs(f, p);
          String id = p.result().trial().id();
          TrialResult existing = resultById.get(id);
          if (existing == null) {
            fileById.put(id, f);
            resultById.put(id, p.result());
            toCopy.put(id, f);
          } else if (sameOutcome(existing, p.result())) {
            if (existing.fingerprint() == null && p.result().fingerprint() != null) {
              // the same numbers, now with the fingerprint that verifies them: keep that copy
              fileById.put(id, f);
              resultById.put(id, p.result());
              toCopy.put(id, f);
            } else if (outcomeDiff(existing, p.result(), true).isEmpty()) {
              duplicates.add(id);
            } else {
              reruns.add(id);
            }
          } else {
            throw new HarnessException(
                "conflicting results for trial "
                    + id
                    + ": "
                    + fileById.get(id)
                    + " and "
                    + f
                    + " differ ("
                    + outcomeDiff(existing, p.result(), false)
                    + "); they come from"
                    + " different runs or specs. Delete the one you do not trust and merge again");
          }
        }
      }
      for (Map.Entry<String, Path> e : toCopy.entrySet()) {
        byte[] bytes = Files.readAllBytes(e.getValue());
        AtomicFiles.write(fileFor(e.getKey()), out -> out.write(bytes));
      }
      return new MergeReport(
          List.copyOf(sources),
          List.copyOf(toCopy.keySet()),
          List.copyOf(duplicates),
          List.copyOf(reruns));
    } finally {
      if (temporary != null) {
        temporary.close();
      }
    }
  }

  private Path sourceTrials(Path source) {
    if (Files.isDirectory(source.resolve("trials"))) {
      return source.resolve("trials");
    }
    Path nested = source.resolve(table).resolve(budget).resolve("trials");
    if (Files.isDirectory(nested)) {
      return nested;
    }
    throw new HarnessException(
        source
            + " holds no results of "
            + table
            + "/"
            + budget
            + "; pass a folder laid out as"
            + " <results-dir>/"
            + table
            + "/"
            + budget
            + "/trials or that results dir itself");
  }

  /** Same params, status and metrics, timing and memory metrics aside. */
  private static boolean sameOutcome(TrialResult a, TrialResult b) {
    return outcomeDiff(a, b, false).isEmpty();
  }

  /** The differences, "" when none; timing and memory metrics count only when {@code timing}. */
  private static String outcomeDiff(TrialResult a, TrialResult b, boolean timing) {
    List<String> diffs = new ArrayList<>();
    String params = paramDiff(a.trial().params(), b.trial().params());
    if (!params.isEmpty()) {
      diffs.add("params " + params.replace("stored ", "").replace("now ", "vs "));
    }
    if (a.status() != b.status()) {
      diffs.add("status " + a.status() + " vs " + b.status());
    }
    Map<String, Double> names = new LinkedHashMap<>(a.metrics());
    b.metrics().forEach(names::putIfAbsent);
    for (String m : names.keySet()) {
      if (!timing && Metrics.isTimingOrMemory(m)) {
        continue;
      }
      Double x = a.metrics().get(m);
      Double y = b.metrics().get(m);
      boolean same = x != null && y != null ? Double.compare(x, y) == 0 : Objects.equals(x, y);
      if (!same) {
        diffs.add(m + " " + x + " vs " + y);
      }
    }
    return String.join("; ", diffs);
  }

  @Override
  public String toString() {
    return "ResultStore[" + dir + "]";
  }
}
