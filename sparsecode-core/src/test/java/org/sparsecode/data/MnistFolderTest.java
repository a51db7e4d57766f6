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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --data-dir: a user's folder of tiny hand-made idx files (not standard MNIST, so it warns). */
class MnistFolderTest {
  @TempDir Path dir;

  /** 6 training images labelled 0..5 and 2 test images labelled 7, 2, under mixed names. */
  private void writeTinySet() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(numberedImages(6)));
    Files.write(dir.resolve("train-labels.idx1-ubyte"), labels(0, 1, 2, 3, 4, 5));
    Files.write(dir.resolve("t10k-images.idx3-ubyte.gz"), gzip(numberedImages(2)));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(7, 2));
  }

  @Test
  void splitsValidationFromTheFirstTrainingImages() throws IOException {
    writeTinySet();
    Splits s = Mnist.load(Optional.of(dir), 2);

    assertEquals("mnist-train", s.train().name());
    assertEquals("mnist-validation", s.validation().name());
    assertEquals("mnist-test", s.test().name());
    assertEquals(4, s.train().size());
    assertEquals(2, s.validation().size());
    assertEquals(2, s.test().size());
    assertEquals(6, s.train().featureSize());
    assertEquals(10, s.train().numClasses());

    assertArrayEquals(new int[] {0, 1}, s.validation().labels());
    assertArrayEquals(new int[] {2, 3, 4, 5}, s.train().labels());
    assertArrayEquals(new int[] {7, 2}, s.test().labels());
    // Pixel j of image i is (10i + j)/255: validation starts at image 0, train at image 2.
    assertEquals(0f, s.validation().features()[0]);
    assertEquals(15 / 255f, s.validation().features()[11]);
    assertEquals(20 / 255f, s.train().features()[0]);
    assertEquals(55 / 255f, s.train().features()[23]);
    assertEquals(11 / 255f, s.test().features()[7]);
  }

  @Test
  void validationSizeZeroKeepsAllTrainingImages() throws IOException {
    writeTinySet();
    Splits s = Mnist.load(Optional.of(dir), 0);
    assertEquals(6, s.train().size());
    assertEquals(0, s.validation().size());
  }

  @Test
  void rejectsBadValidationSize() throws IOException {
    writeTinySet();
    IllegalArgumentException neg =
        assertThrows(IllegalArgumentException.class, () -> Mnist.load(Optional.of(dir), -1));
    assertTrue(neg.getMessage().contains("0..59999"), neg.getMessage());
    assertTrue(neg.getMessage().contains("5000"), neg.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mnist.load(Optional.of(dir), 60_000));
    IllegalArgumentException all =
        assertThrows(IllegalArgumentException.class, () -> Mnist.load(Optional.of(dir), 6));
    assertTrue(all.getMessage().contains("there are 6"), all.getMessage());
  }

  @Test
  void missingFileNamesFileAndFolder() throws IOException {
    writeTinySet();
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    DataException e = assertThrows(DataException.class, () -> Mnist.load(Optional.of(dir), 2));
    String m = e.getMessage();
    assertTrue(m.contains(dir.resolve("t10k-labels-idx1-ubyte") + ": missing"), m);
    assertTrue(m.contains("folder " + dir), m);
    assertTrue(m.contains("t10k-labels.idx1-ubyte.gz"), m);
    assertTrue(m.contains("leave out --data-dir"), m);
  }

  @Test
  void notAFolder() {
    Path none = dir.resolve("absent");
    DataException e = assertThrows(DataException.class, () -> Mnist.load(Optional.of(none), 2));
    assertTrue(e.getMessage().contains(none + ": --data-dir is not a folder"), e.getMessage());
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    writeTinySet();
    Files.write(dir.resolve("train-labels.idx1-ubyte"), labels(0, 1, 2, 3, 4));
    DataException e = assertThrows(DataException.class, () -> Mnist.load(Optional.of(dir), 2));
    String m = e.getMessage();
    assertTrue(m.contains("train-labels.idx1-ubyte: has 5 labels but"), m);
    assertTrue(m.contains("train-images-idx3-ubyte.gz has 6 images"), m);
  }

  @Test
  void labelsMustBeDigits() throws IOException {
    writeTinySet();
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(7, 10));
    DataException e = assertThrows(DataException.class, () -> Mnist.load(Optional.of(dir), 2));
    assertTrue(e.getMessage().contains("label 1 is 10"), e.getMessage());
  }

  @Test
  void structuralErrorInUserFolderAdvisesReplacingTheFile() throws IOException {
    writeTinySet();
    Path train = dir.resolve("train-labels.idx1-ubyte");
    Files.write(train, new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2});
    DataException e = assertThrows(DataException.class, () -> Mnist.load(Optional.of(dir), 2));
    assertTrue(e.getMessage().contains(train + ": truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("Replace " + train), e.getMessage());
  }

  @Test
  void checksumHelperNamesFileSumsAndFix() throws IOException {
    Path file = Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2));
    byte[] content = Files.readAllBytes(file);
    String actual = MnistFile.sha256Hex(content);
    MnistFile.verify(file, content, actual, "no fix needed");
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                MnistFile.verify(
                    file, content, MnistFile.TRAIN_LABELS.sha256(), "Delete the cache folder X."));
    String m = e.getMessage();
    assertTrue(m.contains(file + ": wrong SHA-256"), m);
    assertTrue(m.contains("expected " + MnistFile.TRAIN_LABELS.sha256()), m);
    assertTrue(m.contains("got " + actual), m);
    assertTrue(m.endsWith("Delete the cache folder X."), m);
  }

  @Test
  void sha256OfKnownContent() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        MnistFile.sha256Hex(new byte[0]));
  }

  @Test
  void acceptedNames() {
    assertEquals(
        java.util.List.of(
            "train-images-idx3-ubyte",
            "train-images-idx3-ubyte.gz",
            "train-images.idx3-ubyte",
            "train-images.idx3-ubyte.gz"),
        MnistFile.TRAIN_IMAGES.acceptedNames());
  }
}
