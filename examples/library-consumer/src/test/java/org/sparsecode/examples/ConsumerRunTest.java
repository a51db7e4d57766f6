package org.sparsecode.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ConsumerCheck} as an application would run: a new JVM whose class path is this
 * project's classes and runtime dependencies only (written by maven-dependency-plugin), so that
 * the check of {@code java.class.path} sees what a library user's application sees.
 */
class ConsumerRunTest {
  /** The check can fail: this test JVM's own class path holds JUnit, and the check names it. */
  @Test
  void classpathCheckFindsTheTestLibraries() {
    List<String> bad = ConsumerCheck.forbidden(ConsumerCheck.jars(System.getProperty("java.class.path")));
    assertTrue(bad.stream().anyMatch(j -> j.startsWith("junit-jupiter-api")), "not found in " + bad);
  }

  @Test
  void consumerRunsOnTheRuntimeClasspath() throws Exception {
    String classes = System.getProperty("consumer.classes");
    String dependencies = Files.readString(Path.of(System.getProperty("consumer.classpathFile"))).trim();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Path.of(classes).resolveSibling("consumer-output.txt");
    Process process = new ProcessBuilder(List.of(
            java.toString(), "-cp", classes + File.pathSeparator + dependencies,
            ConsumerCheck.class.getName(), System.getProperty("consumer.modelDir")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the consumer did not finish within 10 minutes");
    String output = Files.readString(log);
    System.out.println(output);
    assertEquals(0, process.exitValue(), "the consumer failed (its output is in " + log + ")");
    assertTrue(output.contains("library consumer: OK"), "the consumer did not report success");
  }
}
