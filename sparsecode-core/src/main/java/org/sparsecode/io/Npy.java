package org.sparsecode.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0) of little-endian float32 or int32 arrays in C
 * (row-major) order, which {@code numpy.load} reads as they are. A file is the magic {@code
 * \x93NUMPY}, the version bytes 1 0, a little-endian uint16 header length, an ASCII header such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 256), }} padded with spaces and a
 * newline so that the data starts at a multiple of 64 bytes, then the values.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern HEADER =
      Pattern.compile(
          "\\{'descr': '([<>|][a-z][0-9]+)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), \\}\\s*");

  private Npy() {}

  /** An array read back: its shape and its values (exactly one of floats and ints is set). */
  public record Array(long[] shape, float[] floats, int[] ints) {
    /**
     * Rows and columns of a 2-D array.
     *
     * @return the values as [rows][cols]
     * @throws IllegalStateException when the array is not 2-D
     */
    public float[][] matrix() {
      if (shape.length != 2 || floats == null) {
        throw new IllegalStateException("not a 2-D float32 array but " + Arrays.toString(shape));
      }
      int rows = (int) shape[0], cols = (int) shape[1];
      float[][] out = new float[rows][cols];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(floats, i * cols, out[i], 0, cols);
      }
      return out;
    }
  }

  /**
   * Writes a float32 matrix [rows x cols].
   *
   * @param file the {@code .npy} file, replaced if it exists
   * @param matrix [rows][cols], every row of the same length
   * @throws IOException when the file cannot be written
   */
  public static void write(Path file, float[][] matrix) throws IOException {
    int cols = matrix.length == 0 ? 0 : matrix[0].length;
    float[] flat = new float[matrix.length * cols];
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + i + " has " + matrix[i].length + " values, row 0 has " + cols);
      }
      System.arraycopy(matrix[i], 0, flat, i * cols, cols);
    }
    writeFloats(file, flat, matrix.length, cols);
  }

  /**
   * Writes row-major float32 values with the given shape.
   *
   * @param file the {@code .npy} file, replaced if it exists
   * @param values row-major values, as many as the shape's product
   * @param shape the array's dimensions
   * @throws IOException when the file cannot be written
   */
  public static void writeFloats(Path file, float[] values, long... shape) throws IOException {
    checkSize(values.length, shape);
    ByteBuffer data =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    write(file, "<f4", shape, data.array());
  }

  /**
   * Writes row-major int32 values with the given shape.
   *
   * @param file the {@code .npy} file, replaced if it exists
   * @param values row-major values, as many as the shape's product
   * @param shape the array's dimensions
   * @throws IOException when the file cannot be written
   */
  public static void writeInts(Path file, int[] values, long... shape) throws IOException {
    checkSize(values.length, shape);
    ByteBuffer data =
        ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    data.asIntBuffer().put(values);
    write(file, "<i4", shape, data.array());
  }

  /**
   * Reads a float32 or float64 .npy file.
   *
   * @param file the file
   * @return its shape and values
   * @throws IOException if the file cannot be read or is not a supported .npy
   */
  public static Array read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IOException(file + " is not a .npy file (no \\x93NUMPY magic)");
    }
    if (bytes[6] != 1) {
      throw new IOException(
          file
              + " is .npy format version "
              + bytes[6]
              + "."
              + bytes[7]
              + "; only version 1.0 is read (save with numpy.save, allow_pickle=False)");
    }
    int headerLength =
        ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    if (10 + headerLength > bytes.length) {
      throw new IOException(file + " is cut short inside its header");
    }
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IOException(file + " has a header this reader does not know: " + header.trim());
    }
    String descr = m.group(1);
    if (m.group(2).equals("True")) {
      throw new IOException(
          file + " is in Fortran order; save it in C order (numpy.ascontiguousarray)");
    }
    long[] shape = parseShape(m.group(3));
    long count = 1;
    for (long s : shape) {
      count *= s;
    }
    ByteBuffer data =
        ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    if (data.remaining() != count * 4) {
      throw new IOException(
          file
              + " holds "
              + data.remaining()
              + " data bytes, but shape "
              + Arrays.toString(shape)
              + " of 4-byte values needs "
              + count * 4);
    }
    switch (descr) {
      case "<f4" -> {
        float[] v = new float[(int) count];
        data.asFloatBuffer().get(v);
        return new Array(shape, v, null);
      }
      case "<i4" -> {
        int[] v = new int[(int) count];
        data.asIntBuffer().get(v);
        return new Array(shape, null, v);
      }
      default ->
          throw new IOException(
              file
                  + " holds '"
                  + descr
                  + "' values; only little-endian float32 ('<f4')"
                  + " and int32 ('<i4') are read");
    }
  }

  private static void write(Path file, String descr, long[] shape, byte[] data) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (long s : shape) {
      dims.append(s).append(", ");
    }
    // NumPy writes a 1-tuple as "(n,)" and longer ones without the trailing comma.
    String shapeText =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : "(" + dims.substring(0, Math.max(0, dims.length() - 2)) + ")";
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    AtomicFiles.write(
        file,
        out -> {
          out.write(head.array());
          out.write(headerBytes);
          out.write(data);
        });
  }

  private static long[] parseShape(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return new long[0];
    }
    return Arrays.stream(t.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
  }

  private static void checkSize(int length, long[] shape) {
    long count = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      count *= s;
    }
    if (count != length) {
      throw new IllegalArgumentException(
          length + " values do not fill shape " + Arrays.toString(shape));
    }
  }
}
