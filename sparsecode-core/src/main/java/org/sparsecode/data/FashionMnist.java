package org.sparsecode.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Fashion-MNIST (Zalando's 10 clothing classes, MNIST's format and sizes), split as {@link Mnist}
 * is: the first {@code validationSize} training images (5,000 by default) validate, the other
 * 55,000 train, the 10,000 t10k images test.
 *
 * <p>The files come from the Debian package {@code dataset-fashion-mnist}, which installs the four
 * gzipped idx files in {@link #DEBIAN_FOLDER}, or from a folder the user names. Each file's
 * uncompressed content must have the SHA-256 below, taken from that package (whose files match the
 * package's own md5sums). The sums are of the uncompressed content because the package's gzip files
 * differ from the upstream ones while their content is the same.
 */
public final class FashionMnist {
  /** The data set's name in sweep files. */
  public static final String NAME = "fashion-mnist";

  /** Where Debian's package puts the files. */
  public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

  static final Map<MnistFile, String> SHA256 =
      new EnumMap<>(
          Map.of(
              MnistFile.TRAIN_IMAGES,
                  "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
              MnistFile.TRAIN_LABELS,
                  "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
              MnistFile.TEST_IMAGES,
                  "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
              MnistFile.TEST_LABELS,
                  "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

  private FashionMnist() {}

  /**
   * The SHA-256 each file's uncompressed content must have.
   *
   * @return the SHA-256, lower-case hex, of each of the four standard files
   */
  public static Map<MnistFile, String> standardSums() {
    return Map.copyOf(SHA256);
  }

  /**
   * Loads and splits Fashion-MNIST from {@code dir} (for example {@link #DEBIAN_FOLDER}).
   *
   * @param dir the folder with the four idx files (plain or gzip)
   * @param validationSize how many of the first training images form the validation split, 0 &lt;=
   *     validationSize &lt; 60,000
   * @return train, validation and test splits of 784 features (28 x 28, in [0, 1]) and 10 classes
   * @throws DataException for a missing folder or file, a damaged file or a wrong checksum
   */
  public static Splits load(Path dir, int validationSize) {
    return load(dir, SHA256, validationSize);
  }

  // Tests pass the sums of tiny hand-made files.
  static Splits load(Path dir, Map<MnistFile, String> sums, int validationSize) {
    String install =
        "Install the Debian package dataset-fashion-mnist (apt-get install"
            + " dataset-fashion-mnist), which puts the files in "
            + DEBIAN_FOLDER
            + ", or pass"
            + " --fashion-dir DIR with the four Fashion-MNIST idx files (train-images-idx3-ubyte.gz,"
            + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz).";
    if (!Files.isDirectory(dir)) {
      throw new DataException(dir + ": no Fashion-MNIST folder there. " + install);
    }
    Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      paths.put(
          f,
          f.findIn(dir)
              .orElseThrow(
                  () ->
                      new DataException(
                          dir.resolve(f.fileName() + ".gz")
                              + ": missing from the Fashion-MNIST folder "
                              + dir
                              + " (also looked for "
                              + String.join(", ", f.acceptedNames())
                              + "). "
                              + install)));
    }
    if (validationSize < 0) {
      throw new IllegalArgumentException(
          "validation size must be >= 0, got " + validationSize + "; pass e.g. 5000, the default.");
    }
    return Mnist.read(
        NAME,
        paths,
        sums,
        true,
        p ->
            "Replace "
                + p
                + " with an intact copy: reinstall the package (apt-get install"
                + " --reinstall dataset-fashion-mnist) or pass --fashion-dir DIR with the standard"
                + " Fashion-MNIST files.",
        validationSize);
  }
}
