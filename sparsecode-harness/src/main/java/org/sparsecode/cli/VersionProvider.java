package org.sparsecode.cli;

import picocli.CommandLine;

/** Prints the project's and TensorFlow's versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "sparsecode " + (own == null ? "(development build)" : own),
      "TensorFlow " + org.tensorflow.TensorFlow.version(),
      "Java " + System.getProperty("java.version")
    };
  }
}
