package org.sparsecode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CNN and its autoencoders give bit-identical losses, weights and evaluation AVR at 1, 2 and 3
 * intra-op threads. Three matters: TensorFlow splits a sum over millions of entries into as many
 * parts as it has threads, and two parts happen to round like one.
 */
class ConvReproducibilityTest {

  @Test
  void sameSeedGivesTheSameWeightsWhateverTheThreadCount() throws Exception {
    List<String> one = probe(1);
    assertEquals(1 + org.sparsecode.model.Decoder.values().length, one.size(), one.toString());
    List<String> differing = new ArrayList<>();
    for (int threads : new int[] {2, 3}) {
      List<String> other = probe(threads);
      assertEquals(one.size(), other.size(), other.toString());
      for (int i = 0; i < one.size(); i++) {
        if (!one.get(i).equals(other.get(i))) {
          differing.add("1 thread: " + one.get(i) + "\n" + threads + " threads: " + other.get(i));
        }
      }
    }
    assertTrue(differing.isEmpty(), String.join("\n", differing));
  }

  private static List<String> probe(int intraOp) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ConvReproducibilityProbe.class.getName(),
            String.valueOf(intraOp));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), "probe exit code; output: " + out);
    return out.lines().filter(l -> l.contains(" losses ")).toList();
  }
}
