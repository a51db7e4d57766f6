package org.sparsecode.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads idx files (the MNIST format): unsigned-byte labels (magic 0x00000801) and unsigned-byte
 * images (magic 0x00000803), plain or gzip-compressed.
 *
 * <p>Every structural problem (bad magic, bad dimensions, payload shorter or longer than the
 * dimensions say) is a {@link DataException} naming the file, the problem and the fix.
 */
public final class IdxFile {
  static final int LABELS_MAGIC = 0x00000801;
  static final int IMAGES_MAGIC = 0x00000803;

  // byte/255f for every byte value, so conversion is one table look-up per pixel.
  private static final float[] PIXEL = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      PIXEL[i] = i / 255f;
    }
  }

  private IdxFile() {}

  /** Images of an idx3 file: {@code count} images of {@code rows x columns}, row-major in [0,1]. */
  public record Images(int count, int rows, int columns, float[] pixels) {
    /**
     * @return values per image (rows x columns)
     */
    public int pixelsPerImage() {
      return rows * columns;
    }
  }

  /**
   * Reads an image file; a problem's message advises replacing the file.
   *
   * @param file an idx3 image file, plain or gzip
   * @return its images, pixels scaled to [0, 1]
   * @throws DataException when the file is missing, unreadable or malformed
   */
  public static Images readImages(Path file) {
    return parseImages(file, readBytes(file), defaultFix(file));
  }

  /**
   * Reads a label file; a problem's message advises replacing the file.
   *
   * @param file an idx1 label file, plain or gzip
   * @return one label per example
   * @throws DataException when the file is missing, unreadable or malformed
   */
  public static int[] readLabels(Path file) {
    return parseLabels(file, readBytes(file), defaultFix(file));
  }

  /**
   * The whole (uncompressed) content of {@code file}. Gzip is recognised by its magic bytes 0x1f
   * 0x8b, not by the name, because downloads are often renamed.
   *
   * @param file the file to read
   * @return its bytes, gunzipped when the file starts with the gzip magic bytes
   * @throws DataException when the file cannot be read
   */
  public static byte[] readBytes(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found. Check the path.", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot be read (" + e + "). Check its permissions.", e);
    }
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DataException(
          file
              + ": starts like a gzip file but cannot be decompressed ("
              + e
              + "); it is probably truncated or damaged. "
              + defaultFix(file),
          e);
    }
  }

  /**
   * Parses image content read from {@code file}; {@code fix} ends every error message.
   *
   * @param file where the content came from, for messages
   * @param content the uncompressed idx3 bytes
   * @param fix the advice that ends every error message
   * @return the images, pixels scaled to [0, 1]
   * @throws DataException when the header or size is wrong
   */
  public static Images parseImages(Path file, byte[] content, String fix) {
    RawImages raw = checkImages(file, content, fix);
    return new Images(raw.count(), raw.rows(), raw.columns(), raw.pixels(0, raw.count()));
  }

  /**
   * Checked image bytes not yet converted, so a caller can convert just the ranges it needs
   * (MNIST's train/validation split) without a full-size intermediate float array.
   */
  record RawImages(int count, int rows, int columns, byte[] content, int offset) {
    int pixelsPerImage() {
      return rows * columns;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as floats in [0,1]. */
    float[] pixels(int from, int to) {
      int n = pixelsPerImage();
      float[] out = new float[(to - from) * n];
      int start = offset + from * n;
      for (int i = 0; i < out.length; i++) {
        out[i] = PIXEL[content[start + i] & 0xff];
      }
      return out;
    }
  }

  static RawImages checkImages(Path file, byte[] content, String fix) {
    int[] dims = header(file, content, IMAGES_MAGIC, fix);
    return new RawImages(dims[0], dims[1], dims[2], content, 4 + 4 * dims.length);
  }

  /**
   * Parses label content read from {@code file}; {@code fix} ends every error message.
   *
   * @param file where the content came from, for messages
   * @param content the uncompressed idx1 bytes
   * @param fix the advice that ends every error message
   * @return one label per example
   * @throws DataException when the header or size is wrong
   */
  public static int[] parseLabels(Path file, byte[] content, String fix) {
    int[] dims = header(file, content, LABELS_MAGIC, fix);
    int offset = 4 + 4 * dims.length;
    int[] labels = new int[dims[0]];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = content[offset + i] & 0xff;
    }
    return labels;
  }

  /** Checks magic, dimensions and payload length; returns the dimensions. */
  private static int[] header(Path file, byte[] content, int expectedMagic, String fix) {
    String kind = expectedMagic == IMAGES_MAGIC ? "an idx3 image file" : "an idx1 label file";
    if (content.length < 4) {
      throw new DataException(
          file + ": only " + content.length + " bytes, too short for " + kind + " header. " + fix);
    }
    int magic = readInt(content, 0);
    int expectedDims = expectedMagic & 0xff;
    if (magic != expectedMagic) {
      // The low byte is the dimension count; name it, since a label file read as images differs
      // only there.
      throw new DataException(
          String.format(
              "%s: magic number 0x%08x (%d dimensions), expected 0x%08x (%d dimensions of unsigned"
                  + " bytes) for %s. Is it the right file? %s",
              file, magic, magic & 0xff, expectedMagic, expectedDims, kind, fix));
    }
    int headerBytes = 4 + 4 * expectedDims;
    if (content.length < headerBytes) {
      throw new DataException(
          file
              + ": only "
              + content.length
              + " bytes, the header alone needs "
              + headerBytes
              + ". The file is truncated. "
              + fix);
    }
    int[] dims = new int[expectedDims];
    long payload = 1;
    for (int d = 0; d < expectedDims; d++) {
      dims[d] = readInt(content, 4 + 4 * d);
      if (dims[d] <= 0) {
        throw new DataException(
            file + ": dimension " + d + " is " + dims[d] + ", must be positive. " + fix);
      }
      payload *= dims[d];
      if (payload > Integer.MAX_VALUE - 64) {
        throw new DataException(file + ": dimensions are too large for one array. " + fix);
      }
    }
    long actual = content.length - (long) headerBytes;
    if (actual != payload) {
      String what = actual < payload ? "truncated" : "has trailing bytes";
      throw new DataException(
          file
              + ": "
              + what
              + ": the header (dimensions "
              + dimsText(dims)
              + ") says "
              + payload
              + " payload bytes, but "
              + actual
              + " follow the "
              + headerBytes
              + "-byte header. "
              + fix);
    }
    return dims;
  }

  private static String dimsText(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int d : dims) {
      sb.append(sb.length() == 0 ? "" : "x").append(d);
    }
    return sb.toString();
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  static String defaultFix(Path file) {
    return "Replace " + file + " with an intact copy.";
  }
}
