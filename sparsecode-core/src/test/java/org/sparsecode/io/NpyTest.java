package org.sparsecode.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.lca.Dictionary;

/** The .npy files: exact bytes of a small file, and round trips of dictionaries and labels. */
class NpyTest {

  @Test
  void smallFileHasNumpysLayout(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("m.npy");
    Npy.write(file, new float[][] {{1, 2, 3}, {4, 5, -0.5f}});
    byte[] bytes = Files.readAllBytes(file);
    // As numpy.save writes it: 10 bytes of preamble, a 118-byte header padded with spaces and
    // ending in a newline, so that the data starts at byte 128 (a multiple of 64).
    assertEquals(128 + 6 * 4, bytes.length);
    assertArrayEquals(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0},
        java.util.Arrays.copyOf(bytes, 10));
    String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
    assertEquals(
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(58) + "\n",
        header);
    ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1f, data.getFloat(128));
    assertEquals(2f, data.getFloat(132));
    assertEquals(-0.5f, data.getFloat(128 + 20));
  }

  @Test
  void dictionaryRoundTripIsExact(@TempDir Path tmp) throws IOException {
    float[][] phi = Dictionary.random(784, 256, 7).toArray();
    Path file = tmp.resolve("dictionary.npy");
    Npy.write(file, phi);
    Npy.Array back = Npy.read(file);
    assertArrayEquals(new long[] {784, 256}, back.shape());
    float[][] m = back.matrix();
    for (int i = 0; i < 784; i++) {
      assertArrayEquals(phi[i], m[i], "row " + i);
    }
    assertEquals(phi[3][200], new Dictionary(m).get(3, 200));
  }

  @Test
  void labelsRoundTripWithNumpysOneTuple(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("labels.npy");
    Npy.writeInts(file, new int[] {5, 0, 4, -1}, 4);
    String header = new String(Files.readAllBytes(file), 10, 118, StandardCharsets.US_ASCII);
    assertTrue(header.contains("'shape': (4,)"), header);
    Npy.Array back = Npy.read(file);
    assertArrayEquals(new int[] {5, 0, 4, -1}, back.ints());
    assertArrayEquals(new long[] {4}, back.shape());
  }

  @Test
  void badFilesAreRejectedWithTheReason(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("x.npy");
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    var e = assertThrows(IOException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    Npy.writeFloats(file, new float[] {1, 2, 3, 4}, 2, 2);
    byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(file), 128 + 12);
    Files.write(file, cut);
    e = assertThrows(IOException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().contains("needs 16"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Npy.writeFloats(file, new float[3], 2, 2));
  }
}
