package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
  static final Path BLOG_FC = Path.of("harness", "blog-fc.yaml");

  @TempDir Path tmp;

  private static final String MINIMAL =
      """
      table: t
      model: fc
      params:
        hidden: 16
        seed: 1
      budgets:
        quick: {steps: 10}
      grid:
        lambda: [0, 1e-5]
      """;

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** Loads MINIMAL with one line replaced and returns the error message. */
  private String errorOf(String yaml) throws IOException {
    Path f = write("t.yaml", yaml);
    SpecException e = assertThrows(SpecException.class, () -> SweepSpec.load(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void blogFcExpandsToSevenTrialsPerSeedInOrder() {
    SweepSpec spec = SweepSpec.load(BLOG_FC);
    assertEquals("blog-fc", spec.table());
    assertEquals("fc", spec.model());
    assertEquals("Doc 000 (a): Sparse coding: a simple exploration", spec.document());
    List<Trial> all = spec.expand("full");
    // seeds: [1, 2, 3]: seed 1's pass first, with the plain ids
    assertEquals(21, all.size());
    assertEquals("lambda_0__seed_2", all.get(7).id());
    assertEquals("lambda_0.0027__seed_3", all.get(20).id());
    assertEquals(3, all.get(20).longParam("seed"));
    List<Trial> full = all.subList(0, 7);
    assertEquals(
        List.of(
            "lambda_0",
            "lambda_1e-05",
            "lambda_5e-05",
            "lambda_0.0001",
            "lambda_0.0005",
            "lambda_0.001",
            "lambda_0.0027"),
        full.stream().map(Trial::id).toList());
    double[] lambdas = {0, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 2.7e-3};
    for (int i = 0; i < 7; i++) {
      Trial t = full.get(i);
      assertEquals(i, t.index());
      assertEquals("blog-fc", t.table());
      assertEquals(lambdas[i], t.doubleParam("lambda"));
      assertEquals(20000, t.intParam("steps"));
      assertEquals(500, t.intParam("eval_every"));
      assertEquals(784, t.intParam("hidden"));
      assertEquals(100, t.intParam("batch"));
      assertEquals(0.001, t.doubleParam("learning_rate"));
      assertEquals(0.1, t.doubleParam("init_stddev"));
      assertEquals(0.1, t.doubleParam("bias_init"));
      assertEquals(1L, t.longParam("seed"));
      // defaults, then budget, then grid point
      assertEquals(
          List.of(
              "hidden",
              "batch",
              "learning_rate",
              "init_stddev",
              "bias_init",
              "seed",
              "steps",
              "eval_every",
              "lambda"),
          List.copyOf(t.params().keySet()));
    }
    List<Trial> quick = spec.expand("quick");
    assertEquals(21, quick.size());
    assertEquals(2000, quick.get(3).intParam("steps"));
    assertEquals(500, quick.get(3).intParam("eval_every"));
    assertEquals(full.get(3).id(), quick.get(3).id());
    assertEquals(20000, spec.steps("full"));
    assertEquals(2000, spec.steps("quick"));
  }

  @Test
  void blogFcPaperRowsMatchTrials() {
    SweepSpec spec = SweepSpec.load(BLOG_FC);
    List<Trial> trials = spec.expand("quick");
    Map<String, Object> row = spec.paperRow(trials.get(1)).orElseThrow();
    assertEquals(0.9743, ((Number) row.get("test_accuracy")).doubleValue());
    assertEquals(5.41, ((Number) row.get("avr")).doubleValue());
    // lambda 0 is written as an int in the row and the grid; matches numerically
    assertEquals(
        156.3, ((Number) spec.paperRow(trials.get(0)).orElseThrow().get("avr")).doubleValue());
    assertEquals(
        0.8909,
        ((Number) spec.paperRow(trials.get(6)).orElseThrow().get("test_accuracy")).doubleValue());
    Trial other = new Trial("blog-fc", 9, "x", Map.of("lambda", 3e-3));
    assertTrue(spec.paperRow(other).isEmpty());
  }

  @Test
  void numbersWithoutDotReadAsNumbersAndGiveSameIds() throws IOException {
    SweepSpec a = SweepSpec.load(write("t.yaml", MINIMAL));
    Files.delete(tmp.resolve("t.yaml"));
    SweepSpec b = SweepSpec.load(write("t.yaml", MINIMAL.replace("[0, 1e-5]", "[0.0, 1.0e-5]")));
    assertEquals(1e-5, a.expand("quick").get(1).doubleParam("lambda"));
    assertTrue(a.expand("quick").get(1).params().get("lambda") instanceof Double);
    assertEquals(
        a.expand("quick").stream().map(Trial::id).toList(),
        b.expand("quick").stream().map(Trial::id).toList());
    assertEquals(
        List.of("lambda_0", "lambda_1e-05"), a.expand("quick").stream().map(Trial::id).toList());
  }

  @Test
  void canonicalNumberFormat() {
    assertEquals("0", SweepSpec.formatValue(0));
    assertEquals("0", SweepSpec.formatValue(0.0));
    assertEquals("784", SweepSpec.formatValue(784.0));
    assertEquals("1e-05", SweepSpec.formatValue(1.0e-5));
    assertEquals("2.7e-05", SweepSpec.formatValue(2.7e-5));
    assertEquals("0.0027", SweepSpec.formatValue(2.7e-3));
    assertEquals("0.0001", SweepSpec.formatValue(1e-4));
    assertEquals("0.1", SweepSpec.formatValue(0.1));
    assertEquals("1e+20", SweepSpec.formatValue(1e20));
    assertEquals("-1.5e-07", SweepSpec.formatValue(-1.5e-7));
  }

  @Test
  void gridExpandsFirstKeySlowest() throws IOException {
    SweepSpec s =
        SweepSpec.load(write("t.yaml", MINIMAL.replace("grid:\n", "grid:\n  act: [relu, tanh]\n")));
    assertEquals(
        List.of(
            "act_relu__lambda_0",
            "act_relu__lambda_1e-05",
            "act_tanh__lambda_0",
            "act_tanh__lambda_1e-05"),
        s.expand("quick").stream().map(Trial::id).toList());
  }

  private static final String BLOCKS =
      MINIMAL.replace(
          "  lambda: [0, 1e-5]\n",
          "  - {reg: [none, dropout], lambda: [0]}\n  - {reg: [ovr], lambda: [1e-4, 1e-5]}\n");

  @Test
  void gridBlocksExpandBlockAfterBlock() throws IOException {
    SweepSpec s = SweepSpec.load(write("t.yaml", BLOCKS));
    List<Trial> trials = s.expand("quick");
    assertEquals(
        List.of(
            "reg_none__lambda_0",
            "reg_dropout__lambda_0",
            "reg_ovr__lambda_0.0001",
            "reg_ovr__lambda_1e-05"),
        trials.stream().map(Trial::id).toList());
    assertEquals(List.of(0, 1, 2, 3), trials.stream().map(Trial::index).toList());
    assertEquals(1e-5, trials.get(3).doubleParam("lambda"));
    assertEquals(16, trials.get(3).intParam("hidden"));
    // grid() is the union of the blocks' values, in the order first met
    assertEquals(List.of("none", "dropout", "ovr"), s.grid().get("reg"));
    assertEquals(List.of(0, 1e-4, 1e-5), s.grid().get("lambda"));
  }

  @Test
  void listTablesFindsSpecs() throws IOException {
    write("t.yaml", MINIMAL);
    write("u.yaml", MINIMAL.replace("table: t", "table: u"));
    write("notes.txt", "not a spec");
    assertEquals(
        List.of("t", "u"), SweepSpec.listTables(tmp).stream().map(SweepSpec::table).toList());
    assertEquals("u", SweepSpec.load(tmp, "u").table());
    assertTrue(
        assertThrows(SpecException.class, () -> SweepSpec.load(tmp, "v"))
            .getMessage()
            .contains("known tables: t, u"));
    assertTrue(
        SweepSpec.listTables(Path.of("harness")).stream()
            .anyMatch(s -> s.table().equals("blog-fc")));
  }

  @Test
  void unknownBudgetNamesTheChoices() throws IOException {
    SweepSpec s = SweepSpec.load(write("t.yaml", MINIMAL));
    String m = assertThrows(SpecException.class, () -> s.expand("ful")).getMessage();
    assertTrue(m.contains("unknown budget 'ful'") && m.contains("[quick]"), m);
  }

  @Test
  void badSpecsNameTheKeyAndTheFix() throws IOException {
    String m;
    m = errorOf(MINIMAL.replace("table: t\n", ""));
    assertTrue(m.contains("table: missing"), m);
    m = errorOf(MINIMAL.replace("model: fc\n", ""));
    assertTrue(m.contains("model: missing"), m);
    m = errorOf(MINIMAL.replace("table: t", "table: other"));
    assertTrue(m.contains("differs from the file name"), m);
    m = errorOf(MINIMAL.replace("lambda: [0, 1e-5]", "lambda: []"));
    assertTrue(m.contains("grid.lambda: is an empty list"), m);
    m = errorOf(MINIMAL.replace("grid:\n  lambda: [0, 1e-5]\n", "grid: {}\n"));
    assertTrue(m.contains("grid: is empty"), m);
    m = errorOf(MINIMAL.replace("hidden: 16", "hidden: 16\n  lambda: 0"));
    assertTrue(
        m.contains("grid.lambda: is also in params") && m.contains("remove it from params"), m);
    m = errorOf(MINIMAL.replace("quick: {steps: 10}", "quick: {eval_every: 10}"));
    assertTrue(m.contains("budgets.quick: has no steps") && m.contains("add steps:"), m);
    m = errorOf(MINIMAL.replace("quick: {steps: 10}", "quick: {steps: 0}"));
    assertTrue(m.contains("budgets.quick.steps: is 0"), m);
    m = errorOf(MINIMAL.replace("quick: {steps: 10}", "quick: {steps: -5}"));
    assertTrue(m.contains("budgets.quick.steps"), m);
    m = errorOf(MINIMAL.replace("[0, 1e-5]", "[0, 1e-5, 1.0e-5]"));
    assertTrue(m.contains("grid.lambda: value 1e-05 appears twice"), m);
    m = errorOf(MINIMAL.replace("budgets:", "bugdets:"));
    assertTrue(m.contains("bugdets: unknown key"), m);
    m = errorOf(MINIMAL.replace("lambda: [0, 1e-5]", "lambda: 0"));
    assertTrue(m.contains("grid.lambda: must be a list"), m);
    m = errorOf(MINIMAL.replace("quick: {steps: 10}", "quick: {steps: 10, lambda: 1}"));
    assertTrue(m.contains("budgets.quick.lambda: is also a grid key"), m);
    m = errorOf(MINIMAL + "paper:\n  - {hidden: 16, lambda: 0, acc: 0.9}\n");
    assertTrue(m.contains("paper[0].hidden: is a params key, not a grid key"), m);
    m = errorOf(MINIMAL + "paper:\n  - {acc: 0.9}\n");
    assertTrue(m.contains("paper[0]: has no lambda"), m);
    m = errorOf(MINIMAL + "paper:\n  - {lambda: 3e-5, acc: 0.9}\n");
    assertTrue(m.contains("paper[0].lambda: 3e-05 is not a grid value"), m);
    m = errorOf(MINIMAL + "paper:\n  - {lambda: 0, acc: 0.9}\n  - {lambda: 0.0, acc: 0.8}\n");
    assertTrue(m.contains("paper[1]: repeats the row"), m);
    m = errorOf(MINIMAL + "paper:\n  - {lambda: 0, acc: high}\n");
    assertTrue(m.contains("paper[0].acc: 'high' is not a number"), m);
    m = errorOf(MINIMAL.replace("budgets:", "budgets: [\n"));
    assertTrue(m.contains("is not valid YAML"), m);
    m = errorOf(MINIMAL.replace("hidden: 16", "hidden:"));
    assertTrue(m.contains("params.hidden: has no value"), m);
  }

  @Test
  void blogFcHasNoSpuriousPaperRows() {
    SweepSpec spec = SweepSpec.load(BLOG_FC);
    assertEquals(7, spec.paper().size());
    for (Trial t : spec.expand("full")) {
      assertFalse(spec.paperRow(t).isEmpty(), t.id());
    }
  }
}
