package org.sparsecode.examples;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.SphereData;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.export.SavedModelRunner;

/**
 * What the consumer's build checks: the runtime classpath holds sparsecode-core, TensorFlow and
 * their few dependencies but no command-line, chart, PDF, YAML, SVM, CSV, progress-bar or test
 * library; the README's example runs; and the model it exported classifies the sphere's test points
 * well above chance when loaded back.
 */
public final class ConsumerCheck {
  /** Jar name prefixes that must not reach a library user's runtime classpath. */
  static final List<String> FORBIDDEN = List.of(
      "picocli", "xchart", "pdfbox", "fontbox", "graphics2d", "openpdf", "snakeyaml", "liblinear", "libsvm",
      "junit", "opentest4j", "apiguardian", "commons-csv", "progressbar", "jline", "jmh");

  /** The file names of a class path's entries, lower case. */
  static List<String> jars(String classPath) {
    List<String> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      jars.add(Path.of(entry).getFileName().toString().toLowerCase(Locale.ROOT));
    }
    return jars;
  }

  /** The entries of {@code jars} that a library user's runtime classpath must not hold. */
  static List<String> forbidden(List<String> jars) {
    return jars.stream().filter(j -> FORBIDDEN.stream().anyMatch(j::startsWith)).toList();
  }

  public static void main(String[] args) throws Exception {
    List<String> jars = jars(System.getProperty("java.class.path"));
    List<String> bad = forbidden(jars);
    System.out.println("runtime classpath: " + jars);
    if (!bad.isEmpty()) {
      throw new IllegalStateException("the runtime classpath holds libraries a library user does not need: " + bad);
    }
    if (jars.stream().noneMatch(j -> j.startsWith("sparsecode-core-"))) {
      throw new IllegalStateException("sparsecode-core is not on the runtime classpath: " + jars);
    }

    Path out = Path.of(args[0]);
    LibraryExample.main(new String[] {out.toString()});

    Dataset test = SphereData.splits(4_000, 3, 4, 4, 1).test();
    float[][] rows = new float[test.size()][3];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(test.features(), 3 * i, rows[i], 0, 3);
    }
    int correct = 0;
    try (SavedModelRunner model = SavedModelRunner.load(out)) {
      float[][] logits = model.run(rows, SavedModelExport.OUTPUT_LOGITS);
      for (int i = 0; i < rows.length; i++) {
        int best = 0;
        for (int c = 1; c < logits[i].length; c++) {
          best = logits[i][c] > logits[i][best] ? c : best;
        }
        correct += best == test.labels()[i] ? 1 : 0;
      }
    }
    double accuracy = (double) correct / rows.length;
    System.out.printf("reloaded model: test accuracy %.4f on %d points (chance 0.25)%n", accuracy, rows.length);
    if (accuracy < 0.6) {
      throw new IllegalStateException("the exported model classifies no better than " + accuracy);
    }
    System.out.println("library consumer: OK");
  }
}
