package org.sparsecode.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.runtime.ThreadSettings;

class ReproducibilityTest {

  @Test
  void sameSeedGivesABitIdenticalLossCurveInOneProcess() {
    TrainingResult a = ReproducibilityProbe.train(ThreadSettings.defaults(), 7);
    TrainingResult b = ReproducibilityProbe.train(ThreadSettings.defaults(), 7);
    assertArrayEquals(a.losses(), b.losses());
    assertEquals(a.test(), b.test());
    TrainingResult other = ReproducibilityProbe.train(ThreadSettings.defaults(), 8);
    assertFalse(java.util.Arrays.equals(a.losses(), other.losses()), "another seed, another run");
  }

  @Test
  void sameSeedGivesTheSameRunWhateverTheThreadSettings() throws Exception {
    String one = probe(1, 1);
    String two = probe(2, 2);
    String many = probe(4, 1);
    assertNotEquals("", one);
    assertEquals(one, two, "1 thread vs 2+2 threads");
    assertEquals(one, many, "1 thread vs 4 intra-op threads");
  }

  private static String probe(int intra, int inter) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ReproducibilityProbe.class.getName(),
            String.valueOf(intra),
            String.valueOf(inter));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), "probe exit code; output: " + out);
    List<String> lines = out.lines().filter(l -> l.startsWith("losses=")).toList();
    assertEquals(1, lines.size(), out);
    return lines.get(0);
  }
}
