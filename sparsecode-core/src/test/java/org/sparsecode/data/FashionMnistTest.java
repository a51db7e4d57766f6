package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.data.IdxTestFiles.gzip;
import static org.sparsecode.data.IdxTestFiles.labels;
import static org.sparsecode.data.IdxTestFiles.numberedImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST from tiny hand-made gzipped idx files, and from the Debian package if installed.
 */
class FashionMnistTest {
  @TempDir Path dir;

  private final Map<MnistFile, byte[]> tiny =
      new EnumMap<>(
          Map.of(
              MnistFile.TRAIN_IMAGES, numberedImages(5),
              MnistFile.TRAIN_LABELS, labels(9, 0, 0, 3, 8),
              MnistFile.TEST_IMAGES, numberedImages(2),
              MnistFile.TEST_LABELS, labels(9, 2)));

  /** Writes the tiny set gzipped under the package's names; returns the sums of the content. */
  private Map<MnistFile, String> writeTiny() throws IOException {
    Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      Files.write(dir.resolve(f.fileName() + ".gz"), gzip(tiny.get(f)));
      sums.put(f, MnistFile.sha256Hex(tiny.get(f)));
    }
    return sums;
  }

  @Test
  void readsValuesAndLabelsAndSplitsLikeMnist() throws IOException {
    Splits s = FashionMnist.load(dir, writeTiny(), 2);
    assertEquals("fashion-mnist-train", s.train().name());
    assertArrayEquals(new int[] {9, 0}, s.validation().labels());
    assertArrayEquals(new int[] {0, 3, 8}, s.train().labels());
    assertArrayEquals(new int[] {9, 2}, s.test().labels());
    assertEquals(6, s.train().featureSize());
    // Pixel j of image i is (10i + j) / 255; training starts at image 2.
    assertEquals(20 / 255f, s.train().features()[0]);
    assertEquals(45 / 255f, s.train().features()[17]);
    assertEquals(15 / 255f, s.validation().features()[11]);
    assertEquals(13 / 255f, s.test().features()[9]);
  }

  @Test
  void wrongChecksumIsAnErrorWithTheFix() throws IOException {
    Map<MnistFile, String> sums = writeTiny();
    sums.put(MnistFile.TEST_LABELS, "00".repeat(32));
    DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, sums, 2));
    assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz: wrong SHA-256"), e.getMessage());
    assertTrue(
        e.getMessage().contains("apt-get install --reinstall dataset-fashion-mnist"),
        e.getMessage());
  }

  @Test
  void truncatedFileIsAnError() throws IOException {
    Map<MnistFile, String> sums = writeTiny();
    byte[] images = tiny.get(MnistFile.TRAIN_IMAGES);
    Files.write(
        dir.resolve("train-images-idx3-ubyte.gz"), gzip(Arrays.copyOf(images, images.length - 4)));
    DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, sums, 2));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
  }

  @Test
  void missingFolderOrFileSaysHowToInstall() throws IOException {
    DataException folder =
        assertThrows(DataException.class, () -> FashionMnist.load(dir.resolve("nowhere"), 2));
    assertTrue(
        folder.getMessage().contains("apt-get install dataset-fashion-mnist"), folder.getMessage());
    Map<MnistFile, String> sums = writeTiny();
    Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
    DataException file = assertThrows(DataException.class, () -> FashionMnist.load(dir, sums, 2));
    assertTrue(file.getMessage().contains("t10k-images-idx3-ubyte.gz: missing"), file.getMessage());
    assertTrue(file.getMessage().contains("--fashion-dir"), file.getMessage());
  }

  @Test
  void debianPackageFiles() {
    Assumptions.assumeTrue(
        Files.isDirectory(FashionMnist.DEBIAN_FOLDER),
        "the Debian package dataset-fashion-mnist is not installed");
    Splits s = FashionMnist.load(FashionMnist.DEBIAN_FOLDER, 5_000);
    assertEquals(55_000, s.train().size());
    assertEquals(5_000, s.validation().size());
    assertEquals(10_000, s.test().size());
    assertEquals(784, s.train().featureSize());
    // First labels as `od` prints them from the package's files.
    assertArrayEquals(
        new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(s.validation().labels(), 10));
    assertArrayEquals(
        new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(s.test().labels(), 10));
  }
}
