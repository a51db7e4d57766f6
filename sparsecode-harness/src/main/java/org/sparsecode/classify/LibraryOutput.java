package org.sparsecode.classify;

import de.bwaldvogel.liblinear.Linear;
import libsvm.svm;

/** Both libraries print solver progress to standard output by default; we keep it quiet. */
final class LibraryOutput {
  private LibraryOutput() {}

  static {
    Linear.disableDebugOutput();
    svm.svm_set_print_string_function(message -> {});
  }

  /** Touching the class runs the static initialiser once; calling again costs nothing. */
  static void silence() {}
}
