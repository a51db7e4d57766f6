package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grid:} as a list of grids, expanded one after the other. */
class SweepSubGridsTest {
  @TempDir Path tmp;

  private static final String HEAD =
      """
      table: t
      model: ovr_encoder
      params:
        lambda: 5.0e-5
        batch: 128
        seed: 1
      budgets:
        quick: {steps: 10}
      """;

  private SweepSpec load(String grid) throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(f, HEAD + grid);
    return SweepSpec.load(f);
  }

  @Test
  void theOvrEncoderSweepExpandsGridAfterGrid() {
    SweepSpec spec = SweepSpec.load(Path.of("harness", "ovr-encoder.yaml"));
    List<Trial> all = spec.expand("full");
    // seeds: [1, 2, 3]; seed 1's pass first, with the plain ids
    assertEquals(33, all.size());
    assertEquals("features_raw__seed_2", all.get(11).id());
    List<Trial> trials = all.subList(0, 11);
    assertEquals(
        List.of(
            "features_raw",
            "features_pca",
            "features_random-relu",
            "features_l1-autoencoder",
            "features_ovr-encoder__lambda_1e-05",
            "features_ovr-encoder__lambda_5e-05",
            "features_ovr-encoder__lambda_0.0001",
            "features_ovr-encoder__lambda_0.0005",
            "features_ovr-encoder__batch_16",
            "features_ovr-encoder__batch_32",
            "features_ovr-encoder__batch_512"),
        trials.stream().map(Trial::id).toList());
    // Left out by a grid: the params' default.
    assertEquals(5e-5, trials.get(0).doubleParam("lambda"));
    assertEquals(128, trials.get(6).intParam("batch"));
    assertEquals(5e-5, trials.get(8).doubleParam("lambda"));
    assertEquals(16, trials.get(8).intParam("batch"));
    assertEquals(10, trials.get(10).index());
    assertEquals(List.of("features", "lambda", "batch"), List.copyOf(spec.grid().keySet()));
    assertEquals(3, spec.grids().size());
  }

  @Test
  void aKeyWithoutDefaultMustBeInEveryGrid() throws IOException {
    var e =
        assertThrows(
            SpecException.class,
            () ->
                load(
                    """
        grid:
          - {features: [raw]}
          - {features: [ovr_encoder], units: [64, 128]}
        """));
    assertTrue(
        e.getMessage().contains("grid[0]")
            && e.getMessage().contains("units")
            && e.getMessage().contains("add units to params"),
        e.getMessage());
  }

  @Test
  void theSameTrialFromTwoGridsIsRefused() throws IOException {
    var e =
        assertThrows(
            SpecException.class,
            () ->
                load(
                    """
        grid:
          - {features: [ovr_encoder], lambda: [1.0e-5, 5.0e-5]}
          - {features: [ovr_encoder], batch: [16, 128]}
        """));
    assertTrue(
        e.getMessage().contains("features_ovr-encoder__lambda_5e-05")
            && e.getMessage().contains("features_ovr-encoder__batch_128")
            && e.getMessage().contains("same trial"),
        e.getMessage());
  }

  @Test
  void aSingleGridStillRejectsAKeyThatIsAlsoInParams() throws IOException {
    var e =
        assertThrows(
            SpecException.class,
            () ->
                load(
                    """
        grid:
          lambda: [1.0e-5]
        """));
    assertTrue(e.getMessage().contains("is also in params"), e.getMessage());
  }

  @Test
  void paperRowsMayUseTheDefaultOfAKeyTheirGridLeavesOut() throws IOException {
    SweepSpec spec =
        load(
            """
        grid:
          - {features: [raw]}
          - {features: [ovr_encoder], lambda: [1.0e-5]}
        paper:
          - {features: raw, lambda: 5.0e-5, test_accuracy: 0.9}
        """);
    Trial raw = spec.expand("quick").get(0);
    assertEquals(
        0.9, ((Number) spec.paperRow(raw).orElseThrow().get("test_accuracy")).doubleValue());
    assertTrue(spec.paperRow(spec.expand("quick").get(1)).isEmpty());
  }

  @Test
  void aGridsOwnParamsOverrideDefaultsAndBudgetButNotTheId() throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(
        f,
        HEAD.replace("quick: {steps: 10}", "quick: {steps: 10, batch: 64}")
            + """
        grid:
          - {features: [raw]}
          - features: [ovr_encoder]
            lambda: [1.0e-5, 5.0e-4]
            params: {batch: 256, seed: 7}
        """);
    SweepSpec spec = SweepSpec.load(f);
    List<Trial> trials = spec.expand("quick");
    assertEquals(
        List.of(
            "features_raw",
            "features_ovr-encoder__lambda_1e-05",
            "features_ovr-encoder__lambda_0.0005"),
        trials.stream().map(Trial::id).toList());
    // raw: the budget's batch over the default, the default seed.
    assertEquals(64, trials.get(0).intParam("batch"));
    assertEquals(1, trials.get(0).intParam("seed"));
    // The second grid's own params over both; its grid values still apply.
    for (Trial t : trials.subList(1, 3)) {
      assertEquals(256, t.intParam("batch"));
      assertEquals(7, t.intParam("seed"));
    }
    assertEquals(5e-4, trials.get(2).doubleParam("lambda"));
    assertEquals(
        List.of(java.util.Map.of(), java.util.Map.of("batch", 256, "seed", 7)), spec.gridParams());
    assertEquals(List.of("features", "lambda"), List.copyOf(spec.grid().keySet()));
  }

  @Test
  void aGridsOwnParamsMayNotSetAGridKey() throws IOException {
    var e =
        assertThrows(
            SpecException.class,
            () ->
                load(
                    """
        grid:
          - {features: [raw], params: {lambda: 1.0e-5}}
          - {features: [ovr_encoder], lambda: [1.0e-5, 5.0e-5]}
        """));
    assertTrue(
        e.getMessage().contains("grid[0].params.lambda")
            && e.getMessage().contains("is also a grid key"),
        e.getMessage());
    var notScalar =
        assertThrows(
            SpecException.class,
            () ->
                load(
                    """
        grid:
          - {features: [raw], params: {batch: {small: 16}}}
          - {features: [ovr_encoder]}
        """));
    assertTrue(notScalar.getMessage().contains("grid[0].params.batch"), notScalar.getMessage());
  }
}
