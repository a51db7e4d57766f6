package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary reader on tiny hand-made batch files of 2 records each. */
class Cifar10Test {
  private static final int RECORDS = 2;

  @TempDir Path dir;

  /**
   * Record r of file f (f = 0..4 the training batches, 5 the test batch) has label (f + r) % 10,
   * red plane bytes 1, green bytes 2, blue bytes 3, except byte p of the red plane, which is 10 * f
   * + r, and the last blue byte, which is 255.
   */
  private static byte[] batch(int f) {
    byte[] b = new byte[RECORDS * Cifar10.RECORD_BYTES];
    for (int r = 0; r < RECORDS; r++) {
      int o = r * Cifar10.RECORD_BYTES;
      b[o] = (byte) ((f + r) % 10);
      Arrays.fill(b, o + 1, o + 1 + 1024, (byte) 1);
      Arrays.fill(b, o + 1 + 1024, o + 1 + 2048, (byte) 2);
      Arrays.fill(b, o + 1 + 2048, o + 1 + 3072, (byte) 3);
      b[o + 1 + 5] = (byte) (10 * f + r);
      b[o + 3072] = (byte) 255;
    }
    return b;
  }

  private void writeAll(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (int f = 0; f < 5; f++) {
      Files.write(folder.resolve(Cifar10.TRAIN_FILES.get(f)), batch(f));
    }
    Files.write(folder.resolve(Cifar10.TEST_FILE), batch(5));
  }

  @Test
  void readsLabelsAndPlanesAndSplitsTheFirstTrainingImagesOff() throws IOException {
    writeAll(dir);
    Splits s = Cifar10.load(dir, 3, RECORDS);
    assertEquals(3, s.validation().size());
    assertEquals(7, s.train().size());
    assertEquals(2, s.test().size());
    assertEquals(3072, s.train().featureSize());
    assertEquals("cifar10-train", s.train().name());
    // Labels (f + r) % 10 in file order: 0 1 | 1 2 | 2 3 | 3 4 | 4 5; test 5 6.
    assertArrayEquals(new int[] {0, 1, 1}, s.validation().labels());
    assertArrayEquals(new int[] {2, 2, 3, 3, 4, 4, 5}, s.train().labels());
    assertArrayEquals(new int[] {5, 6}, s.test().labels());
    // Train example 0 is record 1 of data_batch_2 (f = 1, r = 1).
    float[] x = s.train().features();
    assertEquals(11 / 255f, x[5]);
    assertEquals(1 / 255f, x[0]);
    assertEquals(1 / 255f, x[1023]);
    assertEquals(2 / 255f, x[1024]);
    assertEquals(3 / 255f, x[2048]);
    assertEquals(1f, x[3071]);
    // Test example 1 is record 1 of test_batch (f = 5): red byte 5 is 51.
    assertEquals(51 / 255f, s.test().features()[3072 + 5]);
    assertEquals(0 / 255f, s.validation().features()[5]);
  }

  @Test
  void findsTheArchiveSubfolder() throws IOException {
    writeAll(dir.resolve("cifar-10-batches-bin"));
    assertEquals(2, Cifar10.load(dir, 0, RECORDS).test().size());
  }

  @Test
  void truncatedFileNamesItsSizeAndTheRecordLayout() throws IOException {
    writeAll(dir);
    byte[] cut = Arrays.copyOf(batch(2), Cifar10.RECORD_BYTES + 100);
    Files.write(dir.resolve("data_batch_3.bin"), cut);
    DataException e = assertThrows(DataException.class, () -> Cifar10.load(dir, 3, RECORDS));
    assertTrue(
        e.getMessage()
            .contains(
                "data_batch_3.bin: truncated: 3173 bytes, 1 whole records and 100 bytes over"),
        e.getMessage());
    assertTrue(e.getMessage().contains("2 records of 3073 bytes"), e.getMessage());
    // A real file is 10,000 records: a tiny one is truncated by that measure.
    DataException real = assertThrows(DataException.class, () -> Cifar10.load(dir, 3));
    assertTrue(real.getMessage().contains("30730000 bytes"), real.getMessage());
  }

  @Test
  void missingFilesAndBadLabelsAreNamed() throws IOException {
    writeAll(dir);
    Files.delete(dir.resolve("test_batch.bin"));
    Files.delete(dir.resolve("data_batch_5.bin"));
    DataException missing = assertThrows(DataException.class, () -> Cifar10.load(dir, 3, RECORDS));
    assertTrue(
        missing.getMessage().contains("missing data_batch_5.bin, test_batch.bin"),
        missing.getMessage());
    writeAll(dir);
    byte[] bad = batch(5);
    bad[Cifar10.RECORD_BYTES] = 12;
    Files.write(dir.resolve("test_batch.bin"), bad);
    DataException label = assertThrows(DataException.class, () -> Cifar10.load(dir, 3, RECORDS));
    assertTrue(label.getMessage().contains("record 1 has label 12"), label.getMessage());
  }

  @Test
  void withoutAFolderTheErrorSaysToPassOne() {
    DataSets sets = DataSets.fromFolders(Optional.empty(), dir, Optional.empty(), 5000);
    DataException e = assertThrows(DataException.class, () -> sets.get("cifar10"));
    assertTrue(e.getMessage().contains("--cifar-dir DIR"), e.getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> sets.get("cifar"));
    assertTrue(
        unknown.getMessage().contains("known data sets: mnist, fashion-mnist, cifar10"),
        unknown.getMessage());
  }
}
