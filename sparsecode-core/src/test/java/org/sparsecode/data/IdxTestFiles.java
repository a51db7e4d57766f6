package org.sparsecode.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds idx file content byte by byte for tests. */
final class IdxTestFiles {
  private IdxTestFiles() {}

  /** Big-endian magic, then the dimensions, then the payload, as the idx format lays them out. */
  static byte[] idx(int magic, int[] dims, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(payload);
    return b.array();
  }

  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return idx(0x00000803, new int[] {count, rows, cols}, pixels);
  }

  static byte[] labels(int... labels) {
    byte[] payload = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      payload[i] = (byte) labels[i];
    }
    return idx(0x00000801, new int[] {labels.length}, payload);
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code count} images of 2x3 whose pixel j of image i is byte {@code 10 * i + j}. */
  static byte[] numberedImages(int count) {
    byte[] pixels = new byte[count * 6];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (10 * (i / 6) + i % 6);
    }
    return images(count, 2, 3, pixels);
  }
}
