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

  private SweepSpec only(String only) throws Exception {
    Files.writeString(
        tmp.resolve("o.yaml"),
        """
        table: o
        model: cnn_ae
        params: {seed: 1}
        budgets: {quick: {steps: 10}}
        grid:
          decoder: [a, b, c]
          lambda: [0, 1.0e-5, 5.0e-5]
        seeds:
          values: [1, 2, 3]
        """
            + only);
    return SweepSpec.load(tmp.resolve("o.yaml"));
  }

  @Test
  void onlyTheSelectedPointsRunTheLaterSeeds() throws Exception {
    SweepSpec spec =
        only(
            """
              only:
                - {decoder: c}
                - {decoder: [a, b], lambda: [0, 0.00001]}
            """);
    List<Trial> trials = spec.expand("quick");
    // The first pass is the whole grid; each later pass keeps the grid order, selected points only.
    List<String> first =
        List.of(
            "decoder_a__lambda_0",
            "decoder_a__lambda_1e-05",
            "decoder_a__lambda_5e-05",
            "decoder_b__lambda_0",
            "decoder_b__lambda_1e-05",
            "decoder_b__lambda_5e-05",
            "decoder_c__lambda_0",
            "decoder_c__lambda_1e-05",
            "decoder_c__lambda_5e-05");
    List<String> selected =
        List.of(
            "decoder_a__lambda_0",
            "decoder_a__lambda_1e-05",
            "decoder_b__lambda_0",
            "decoder_b__lambda_1e-05",
            "decoder_c__lambda_0",
            "decoder_c__lambda_1e-05",
            "decoder_c__lambda_5e-05");
    List<String> expected = new java.util.ArrayList<>(first);
    for (long seed : List.of(2L, 3L)) {
      selected.forEach(id -> expected.add(id + "__seed_" + seed));
    }
    assertEquals(expected, trials.stream().map(Trial::id).toList());
    assertEquals(9 + 7 + 7, trials.size());
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(i, trials.get(i).index());
      long seed = i < 9 ? 1 : i < 16 ? 2 : 3;
      assertEquals(seed, trials.get(i).longParam("seed"), trials.get(i).id());
    }
    // The first seed's trials are exactly those of the sweep written with seeds: [1, 2, 3].
    List<Trial> everySeed = only("").expand("quick");
    assertEquals(27, everySeed.size());
    assertEquals(everySeed.subList(0, 9), trials.subList(0, 9));
  }

  @Test
  void aKeyLeftOutByAGridIsMatchedByItsDefault() throws Exception {
    Files.writeString(
        tmp.resolve("g.yaml"),
        """
        table: g
        model: ovr_encoder
        params: {lambda: 5.0e-5, batch: 128, seed: 1}
        budgets: {quick: {steps: 10}}
        grid:
          - {features: [raw, pca]}
          - {features: [ovr_encoder], lambda: [1.0e-5, 5.0e-5]}
          - {features: [ovr_encoder], batch: [16, 512]}
        seeds:
          values: [1, 7]
          only: [{batch: 128, features: ovr_encoder}]
        """);
    List<Trial> trials = SweepSpec.load(tmp.resolve("g.yaml")).expand("quick");
    assertEquals(
        List.of(
            "features_ovr-encoder__lambda_1e-05__seed_7",
            "features_ovr-encoder__lambda_5e-05__seed_7"),
        trials.subList(6, trials.size()).stream().map(Trial::id).toList());
    assertEquals(7L, trials.get(7).longParam("seed"));
  }

  @Test
  void badSelectorsAreRefusedWithTheFix() throws Exception {
    assertRefused("  best: [{decoder: a}]\n", "seeds.best: unknown key", "takes values");
    assertRefused("  only: []\n", "seeds.only: must be a non-empty list", "write only:");
    assertRefused("  only:\n", "seeds.only: has no selectors", "remove only:");
    assertRefused("  only: [{}]\n", "seeds.only[0]: is empty", "name at least one grid key");
    assertRefused(
        "  only: [{decoder: a}, {filters: [200]}]\n",
        "seeds.only[1].filters: is not a grid key",
        "[decoder, lambda]");
    assertRefused(
        "  only: [{lambda: [0, 2.0e-5]}]\n",
        "seeds.only[0].lambda: 2e-05 is no grid point's value",
        "choose among 0, 1e-05, 5e-05");
    assertRefused(
        "  only: [{lambda: []}]\n", "seeds.only[0].lambda: is an empty list", "give at least");
    assertRefused("  only: [{decoder: [a, a]}]\n", "value a appears twice", "remove the duplicate");
    assertRefused("  only: [decoder]\n", "seeds.only[0]: must be a mapping", "indent");
    SpecException e =
        assertThrows(
            SpecException.class,
            () -> spec("seeds: {only: [{lambda: [0]}]}\n"),
            "a mapping without values");
    assertTrue(e.getMessage().contains("seeds: has no values"), e.getMessage());
    e = assertThrows(SpecException.class, () -> spec("seeds: {values: [1, 1]}\n"));
    assertTrue(e.getMessage().contains("seeds.values: seed 1 appears twice"), e.getMessage());
  }

  @Test
  void aSelectorThatNoGridCanMatchIsRefused() throws Exception {
    Files.writeString(
        tmp.resolve("n.yaml"),
        """
        table: n
        model: ovr_encoder
        params: {lambda: 5.0e-5, batch: 128, seed: 1}
        budgets: {quick: {steps: 10}}
        grid:
          - {features: [ovr_encoder], lambda: [1.0e-5, 5.0e-5]}
          - {features: [ovr_encoder], batch: [16, 512]}
        seeds:
          values: [1, 2]
          only: [{lambda: 1.0e-5, batch: 16}]
        """);
    SpecException e =
        assertThrows(SpecException.class, () -> SweepSpec.load(tmp.resolve("n.yaml")));
    assertTrue(e.getMessage().contains("seeds.only[0]: matches no grid point"), e.getMessage());
  }

  private void assertRefused(String only, String problem, String fix) {
    SpecException e = assertThrows(SpecException.class, () -> only(only), only);
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().contains(fix), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
