package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's packages depend one way: {@code lca} sits below {@code train} and {@code model}, so
 * its sources name neither (in an import, a static import or a qualified name). Comments and string
 * literals do not count.
 */
class LcaDependenciesTest {
  static final Path LCA_SOURCES = Path.of("sparsecode-core/src/main/java/org/sparsecode/lca");
  static final Pattern FORBIDDEN = Pattern.compile("\\borg\\.sparsecode\\.(train|model)\\b");
  // Block comments, line comments, string and char literals (text blocks are read as strings).
  private static final Pattern NOT_CODE =
      Pattern.compile(
          "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])+'",
          Pattern.DOTALL);

  /** Each reference to {@code train} or {@code model} in the code of {@code source}, by line. */
  static List<String> forbiddenReferences(String source) {
    StringBuilder code = new StringBuilder();
    Matcher m = NOT_CODE.matcher(source);
    int last = 0;
    while (m.find()) {
      code.append(source, last, m.start());
      // keep the line count, so the lines reported are the file's
      code.append(m.group().replaceAll("[^\\n]", " "));
      last = m.end();
    }
    code.append(source.substring(last));
    List<String> found = new ArrayList<>();
    String[] lines = code.toString().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher f = FORBIDDEN.matcher(lines[i]);
      if (f.find()) {
        found.add("line " + (i + 1) + ": " + lines[i].strip());
      }
    }
    return found;
  }

  static List<Path> lcaSources() throws IOException {
    try (Stream<Path> files = Files.list(LCA_SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void lcaNamesNeitherTrainNorModel() throws IOException {
    List<Path> sources = lcaSources();
    assertTrue(sources.size() >= 10, "expected the lca package's sources, found " + sources);
    List<String> problems = new ArrayList<>();
    for (Path file : sources) {
      for (String reference : forbiddenReferences(Files.readString(file))) {
        problems.add(file.getFileName() + " " + reference);
      }
    }
    assertEquals(
        List.of(),
        problems,
        "lca must not depend on train or model; move the utility it needs to lca or a package"
            + " below it (data, runtime)");
  }

  /** The check finds an import added to a real lca source, and a qualified name, by line. */
  @Test
  void checkFindsAnInjectedImportAndQualifiedName() throws IOException {
    String real = Files.readString(LCA_SOURCES.resolve("LinkedLearning.java"));
    assertEquals(List.of(), forbiddenReferences(real));
    int afterPackage = real.indexOf('\n') + 1;
    String injected =
        real.substring(0, afterPackage)
            + "import org.sparsecode.train.TrainConfig;\n"
            + real.substring(afterPackage);
    assertEquals(
        List.of("line 2: import org.sparsecode.train.TrainConfig;"), forbiddenReferences(injected));

    String example =
        String.join(
            "\n",
            "package org.sparsecode.lca;",
            "import static org.sparsecode.model.OvrEncoder.codeLayer;",
            "/** Uses {@link org.sparsecode.model.ModelGraph} in a comment only. */",
            "class Example { // org.sparsecode.train in a comment",
            "  String s = \"org.sparsecode.model in a string\";",
            "  org.sparsecode.model.ModelGraph graph;",
            "  org.sparsecode.trainer.Other notTheTrainPackage;",
            "}");
    assertEquals(
        List.of(
            "line 2: import static org.sparsecode.model.OvrEncoder.codeLayer;",
            "line 6: org.sparsecode.model.ModelGraph graph;"),
        forbiddenReferences(example));
  }
}
