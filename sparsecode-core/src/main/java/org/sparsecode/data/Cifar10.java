package org.sparsecode.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version, read from a folder the user names: {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin} (50,000 training images) and {@code test_batch.bin} (10,000). Each file
 * holds 10,000 records of 3,073 bytes: the label (0..9), then the 32x32 red plane, the green plane
 * and the blue plane, each row by row.
 *
 * <p>Features are the 3,072 bytes of a record divided by 255, in the file's order (plane by plane,
 * i.e. channel-major): feature {@code c * 1024 + row * 32 + column}, c = 0 red, 1 green, 2 blue.
 * Split as MNIST is: the first {@code validationSize} training images (5,000 by default, all from
 * data_batch_1) validate, the rest (45,000) train, and test_batch tests.
 */
public final class Cifar10 {
  /** The data set's name in sweep files. */
  public static final String NAME = "cifar10";

  /** Number of classes. */
  public static final int NUM_CLASSES = 10;

  /** Image height and width in pixels. */
  public static final int SIDE = 32;

  /** Colour channels per image. */
  public static final int CHANNELS = 3;

  /** Values per image: 32 x 32 x 3. */
  public static final int PIXELS = SIDE * SIDE * CHANNELS;

  /** Bytes per record of the binary files: one label byte, then the image. */
  public static final int RECORD_BYTES = 1 + PIXELS;

  /** Records in each binary file. */
  public static final int RECORDS_PER_FILE = 10_000;

  /** The five binary files of the 50,000 training images. */
  public static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");

  /** The binary file of the 10,000 test images. */
  public static final String TEST_FILE = "test_batch.bin";

  /** The folder the binary version's archive unpacks to. */
  static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

  private static final String WHAT =
      "the CIFAR-10 binary version (cifar-10-binary.tar.gz, unpacked: data_batch_1.bin ..."
          + " data_batch_5.bin and test_batch.bin)";

  private Cifar10() {}

  /** Labels and features of one batch file. */
  record Batch(int[] labels, float[] pixels) {}

  /**
   * Loads and splits CIFAR-10 from {@code dir}, or from its {@code cifar-10-batches-bin} subfolder
   * when the files are there.
   *
   * @param dir the folder with {@code data_batch_1.bin} ... {@code data_batch_5.bin} and {@code
   *     test_batch.bin}, or its parent
   * @param validationSize how many of the first training images form the validation split, 0 &lt;=
   *     validationSize &lt; 50,000
   * @return train, validation and test splits of 3072 features per image ([32, 32, 3] as height,
   *     width, channel, in [0, 1]) and 10 classes
   * @throws DataException for a missing folder or file, or a file of the wrong size or content
   */
  public static Splits load(Path dir, int validationSize) {
    return load(dir, validationSize, RECORDS_PER_FILE);
  }

  // Tests read tiny hand-made files of a few records each.
  static Splits load(Path dir, int validationSize, int recordsPerFile) {
    Path folder = folder(dir);
    int trainCount = TRAIN_FILES.size() * recordsPerFile;
    if (validationSize < 0 || validationSize >= trainCount) {
      throw new IllegalArgumentException(
          "validation size must be in 0.."
              + (trainCount - 1)
              + " (CIFAR-10 has "
              + trainCount
              + " training images), got "
              + validationSize
              + "; pass e.g. 5000, the default.");
    }
    int[] validationLabels = new int[validationSize];
    float[] validationPixels = new float[validationSize * PIXELS];
    int[] trainLabels = new int[trainCount - validationSize];
    float[] trainPixels = new float[(trainCount - validationSize) * PIXELS];
    int at = 0;
    for (String name : TRAIN_FILES) {
      Batch b = readBatch(folder.resolve(name), recordsPerFile);
      for (int i = 0; i < recordsPerFile; i++, at++) {
        boolean validation = at < validationSize;
        int row = validation ? at : at - validationSize;
        (validation ? validationLabels : trainLabels)[row] = b.labels()[i];
        System.arraycopy(
            b.pixels(),
            i * PIXELS,
            validation ? validationPixels : trainPixels,
            row * PIXELS,
            PIXELS);
      }
    }
    Batch test = readBatch(folder.resolve(TEST_FILE), recordsPerFile);
    return new Splits(
        new Dataset(NAME + "-train", trainPixels, trainLabels, PIXELS, NUM_CLASSES),
        new Dataset(NAME + "-validation", validationPixels, validationLabels, PIXELS, NUM_CLASSES),
        new Dataset(NAME + "-test", test.pixels(), test.labels(), PIXELS, NUM_CLASSES));
  }

  /** {@code dir}, or its archive subfolder; an error naming every missing file. */
  private static Path folder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          dir + ": --cifar-dir is not a folder. Pass the folder of " + WHAT + ".");
    }
    Path nested = dir.resolve(ARCHIVE_FOLDER);
    Path folder = !Files.exists(dir.resolve(TEST_FILE)) && Files.isDirectory(nested) ? nested : dir;
    List<String> missing = new ArrayList<>();
    for (String name : allFiles()) {
      if (!Files.isRegularFile(folder.resolve(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new DataException(
          folder
              + ": missing "
              + String.join(", ", missing)
              + ". --cifar-dir"
              + " must hold "
              + WHAT
              + "; the Python and MATLAB versions are not read.");
    }
    return folder;
  }

  private static List<String> allFiles() {
    List<String> all = new ArrayList<>(TRAIN_FILES);
    all.add(TEST_FILE);
    return all;
  }

  /** Reads one batch file of exactly {@code records} records, checking its size and labels. */
  static Batch readBatch(Path file, int records) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found. --cifar-dir must hold " + WHAT + ".", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot be read (" + e + "). Check its permissions.", e);
    }
    long expected = (long) records * RECORD_BYTES;
    String fix = " Replace it with the file from an intact copy of " + WHAT + ".";
    if (raw.length != expected) {
      String problem =
          raw.length < expected
              ? String.format(
                  "truncated: %d bytes, %d whole records and %d bytes over",
                  raw.length, raw.length / RECORD_BYTES, raw.length % RECORD_BYTES)
              : raw.length + " bytes, more than expected (is it the binary version?)";
      throw new DataException(
          file
              + ": "
              + problem
              + "; a CIFAR-10 batch file has "
              + records
              + " records of "
              + RECORD_BYTES
              + " bytes (1 label byte + "
              + PIXELS
              + " pixel bytes) = "
              + expected
              + " bytes."
              + fix);
    }
    int[] labels = new int[records];
    float[] pixels = new float[records * PIXELS];
    for (int r = 0; r < records; r++) {
      int offset = r * RECORD_BYTES;
      labels[r] = raw[offset] & 0xff;
      if (labels[r] >= NUM_CLASSES) {
        throw new DataException(
            file
                + ": record "
                + r
                + " has label "
                + labels[r]
                + ", but CIFAR-10 labels are 0..9 (is it CIFAR-100?)."
                + fix);
      }
      for (int p = 0; p < PIXELS; p++) {
        pixels[r * PIXELS + p] = (raw[offset + 1 + p] & 0xff) / 255f;
      }
    }
    return new Batch(labels, pixels);
  }
}
