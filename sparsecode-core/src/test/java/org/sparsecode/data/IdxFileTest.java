package org.sparsecode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsecode.data.IdxTestFiles.gzip;
import static org.sparsecode.data.IdxTestFiles.idx;
import static org.sparsecode.data.IdxTestFiles.images;
import static org.sparsecode.data.IdxTestFiles.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir Path dir;

  // Two 2x3 images; byte 255 must become exactly 1, byte 51 exactly 51/255f = 0.2f.
  private static final byte[] PIXELS = {
    0, (byte) 255, 51, 102, (byte) 153, (byte) 204, 1, 2, 3, 4, 5, (byte) 254
  };
  private static final float[] EXPECTED = {
    0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 5 / 255f, 254 / 255f
  };

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readsPlainImagesToExactFloats() throws IOException {
    IdxFile.Images img = IdxFile.readImages(write("img", images(2, 2, 3, PIXELS)));
    assertEquals(2, img.count());
    assertEquals(2, img.rows());
    assertEquals(3, img.columns());
    assertEquals(6, img.pixelsPerImage());
    assertArrayEquals(EXPECTED, img.pixels(), 0f);
    assertEquals(1f, img.pixels()[1]);
    assertEquals(0.2f, img.pixels()[2]);
  }

  @Test
  void detectsGzipByMagicBytesNotName() throws IOException {
    // Deliberately no .gz suffix.
    Path file = write("images-without-suffix", gzip(images(2, 2, 3, PIXELS)));
    assertArrayEquals(EXPECTED, IdxFile.readImages(file).pixels(), 0f);
    Path labels = write("labels.gz", gzip(labels(7, 2, 1, 0, 255)));
    assertArrayEquals(new int[] {7, 2, 1, 0, 255}, IdxFile.readLabels(labels));
  }

  @Test
  void readsPlainLabelsAsUnsigned() throws IOException {
    assertArrayEquals(
        new int[] {5, 0, 4, 200}, IdxFile.readLabels(write("lab", labels(5, 0, 4, 200))));
  }

  @Test
  void rejectsCorruptMagic() throws IOException {
    Path file = write("bad-magic", idx(0x00000903, new int[] {2, 2, 3}, PIXELS));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("0x00000903"), e.getMessage());
    assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    assertTrue(e.getMessage().contains("Replace " + file), e.getMessage());
  }

  @Test
  void rejectsLabelFileReadAsImages() throws IOException {
    Path file = write("labels", labels(1, 2, 3));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(
        e.getMessage().contains("0x00000801 (1 dimensions), expected 0x00000803"), e.getMessage());
  }

  @Test
  void rejectsWrongDimensionCount() throws IOException {
    Path file = write("two-dims", idx(0x00000802, new int[] {2, 6}, PIXELS));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("0x00000802 (2 dimensions), expected 0x00000803 (3"),
        e.getMessage());
  }

  @Test
  void rejectsTruncatedPayload() throws IOException {
    Path file = write("short", images(2, 2, 3, Arrays.copyOf(PIXELS, 11)));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    String m = e.getMessage();
    assertTrue(m.contains(file + ": truncated"), m);
    assertTrue(m.contains("says 12 payload bytes, but 11 follow the 16-byte header"), m);
    assertTrue(m.contains("Replace " + file + " with an intact copy"), m);
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    byte[] full = images(2, 2, 3, PIXELS);
    Path file = write("header-only", Arrays.copyOf(full, 10));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(e.getMessage().contains("only 10 bytes, the header alone needs 16"), e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    Path file = write("long", images(2, 2, 3, Arrays.copyOf(PIXELS, 13)));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(e.getMessage().contains(file + ": has trailing bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("12 payload bytes, but 13 follow"), e.getMessage());
    Path lab = write("long-labels", Arrays.copyOf(labels(1, 2), 11));
    DataException l = assertThrows(DataException.class, () -> IdxFile.readLabels(lab));
    assertTrue(
        l.getMessage().contains("2 payload bytes, but 3 follow the 8-byte header"), l.getMessage());
  }

  @Test
  void rejectsZeroDimension() throws IOException {
    Path file = write("zero", idx(0x00000803, new int[] {2, 0, 3}, new byte[0]));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(e.getMessage().contains("dimension 1 is 0"), e.getMessage());
  }

  @Test
  void rejectsTruncatedGzip() throws IOException {
    byte[] gz = gzip(images(2, 2, 3, PIXELS));
    Path file = write("cut.gz", Arrays.copyOf(gz, gz.length - 10));
    DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(file));
    assertTrue(
        e.getMessage().contains(file + ": starts like a gzip file but cannot be"), e.getMessage());
  }

  @Test
  void missingFileIsDataException() {
    Path file = dir.resolve("nope");
    DataException e = assertThrows(DataException.class, () -> IdxFile.readLabels(file));
    assertTrue(e.getMessage().contains(file + ": file not found"), e.getMessage());
  }
}
