package org.sparsecode.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's library example is the example consumer's source, verbatim: the build compiles and
 * runs the consumer (examples/library-consumer), so the README's code compiles as it is written.
 */
class ReadmeExampleTest {
  static final Path README = Path.of("README.md");
  static final Path EXAMPLE =
      Path.of(
          "examples/library-consumer/src/main/java/org/sparsecode/examples/LibraryExample.java");
  static final String SECTION = "## Use it as a library";

  /** The first java code block after the section heading. */
  static String readmeExample(String readme) {
    int section = readme.indexOf("\n" + SECTION + "\n");
    assertTrue(section >= 0, "README.md has no section '" + SECTION + "'");
    String open = "```java\n";
    int start = readme.indexOf(open, section);
    assertTrue(start >= 0, "the section '" + SECTION + "' has no ```java block");
    start += open.length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  @Test
  void readmeLibraryExampleIsTheConsumersSourceVerbatim() throws IOException {
    String readme = Files.readString(README);
    String source = Files.readString(EXAMPLE);
    assertEquals(
        source,
        readmeExample(readme),
        "the README's library example differs from " + EXAMPLE + "; copy one into the other");
  }

  @Test
  void readmeGivesTheDependencyForCpuAndGpuAndTheInstallLine() throws IOException {
    String readme = Files.readString(README);
    String section = readme.substring(readme.indexOf(SECTION));
    assertTrue(section.contains("<artifactId>sparsecode-core</artifactId>"));
    assertTrue(section.contains("<classifier>linux-x86_64</classifier>"));
    assertTrue(section.contains("<classifier>linux-x86_64-gpu</classifier>"));
    assertTrue(section.contains("./mvnw -B install -pl sparsecode-core -am"));
  }
}
