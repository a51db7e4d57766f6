package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports read stored results, sweep files and the shared names of {@code
 * org.sparsecode.harness.TrialNames}, never the experiments' code: the dependency runs one way.
 */
class ReportDependenciesTest {
  private static final Path REPORT_SOURCES =
      Path.of("sparsecode-harness/src/main/java/org/sparsecode/report");

  private static final String EXPERIMENT = "org.sparsecode." + "experiment";

  @Test
  void reportSourcesDoNotUseTheExperimentPackage() throws IOException {
    assertTrue(Files.isDirectory(REPORT_SOURCES), REPORT_SOURCES + " not found from the root");
    List<String> found = experimentReferences(REPORT_SOURCES);
    assertEquals(List.of(), found, "report must not use " + EXPERIMENT);
  }

  @Test
  void theScanFindsAnImportAndAQualifiedName(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve("A.java"),
        "package org.sparsecode.report;\nimport static " + EXPERIMENT + ".X.Y;\nclass A {}\n");
    Files.writeString(
        tmp.resolve("B.java"),
        "package org.sparsecode.report;\nclass B { Object o = " + EXPERIMENT + ".X.Y; }\n");
    Files.writeString(tmp.resolve("C.java"), "package org.sparsecode.report;\nclass C {}\n");
    assertEquals(List.of("A.java:2", "B.java:2"), experimentReferences(tmp));
  }

  /** {@code file:line} of every line of the Java sources in {@code dir} naming the package. */
  static List<String> experimentReferences(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(EXPERIMENT + ".")) {
          found.add(f.getFileName() + ":" + (i + 1));
        }
      }
    }
    return found;
  }
}
