package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seeds:} runs each grid point once per seed; the first seed keeps today's ids. */
class SweepSeedsTest {
  @TempDir Path tmp;

  private SweepSpec spec(String seeds) throws Exception {
    Files.writeString(
        tmp.resolve("s.yaml"),
        """
        table: s
        model: fc
        params: {seed: 1}
        budgets: {quick: {steps: 10}}
        grid: {lambda: [0, 1.0e-5]}
        """
            + seeds);
    return SweepSpec.load(tmp.resolve("s.yaml"));
  }

  @Test
  void oneTrialPerSeedFirstSeedKeepsThePlainIds() throws Exception {
    List<Trial> plain = spec("").expand("quick");
    List<Trial> seeded = spec("seeds: [1, 2, 3]\n").expand("quick");
    assertEquals(List.of("lambda_0", "lambda_1e-05"), plain.stream().map(Trial::id).toList());
    assertEquals(
        List.of(
            "lambda_0",
            "lambda_1e-05",
            "lambda_0__seed_2",
            "lambda_1e-05__seed_2",
            "lambda_0__seed_3",
            "lambda_1e-05__seed_3"),
        seeded.stream().map(Trial::id).toList());
    assertEquals(
        List.of(1L, 1L, 2L, 2L, 3L, 3L), seeded.stream().map(t -> t.longParam("seed")).toList());
    assertEquals(List.of(0, 1, 2, 3, 4, 5), seeded.stream().map(Trial::index).toList());
    assertTrue(
        Values.same(plain.get(1).params().get("lambda"), seeded.get(3).params().get("lambda")));
    assertEquals("lambda_1e-05", SweepSpec.pointId("lambda_1e-05__seed_3"));
    assertEquals("lambda_1e-05", SweepSpec.pointId("lambda_1e-05"));
  }

  @Test
  void badSeedsAreRefusedWithTheFix() throws Exception {
    SpecException e = assertThrows(SpecException.class, () -> spec("seeds: [1, 1]\n"));
    assertTrue(e.getMessage().contains("seed 1 appears twice"), e.getMessage());
    e = assertThrows(SpecException.class, () -> spec("seeds: 3\n"));
    assertTrue(e.getMessage().contains("write seeds: [1, 2, 3]"), e.getMessage());
    e = assertThrows(SpecException.class, () -> spec("seeds: [1.5]\n"));
    assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
  }
}
