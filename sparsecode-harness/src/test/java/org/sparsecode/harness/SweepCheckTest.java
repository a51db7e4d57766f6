package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files checked against declared parameters: every problem found before anything runs. */
class SweepCheckTest {
  @TempDir Path tmp;

  private static final ParamSet FC =
      new ParamSet(
          "fc",
          List.of(
              Param.integer("hidden", 1, 100_000, null, "hidden units"),
              Param.number("lambda", 0, Double.POSITIVE_INFINITY, null, "L1 weight"),
              Param.number("learning_rate", 0, Double.POSITIVE_INFINITY, null, "Adam's rate"),
              Param.integer("seed", 0, Long.MAX_VALUE, null, "seed"),
              Param.integer("steps", 1, 1000, null, "steps"),
              Param.choice("decoder", List.of("subpixel", "conv_transpose"), "subpixel", "decoder"),
              Param.numbers("lr_c", 0, Double.POSITIVE_INFINITY, "C grid")),
          trial -> {
            if (trial.intParam("hidden") % 2 == 1) {
              throw new IllegalArgumentException("hidden must be even");
            }
          });

  private static final String GOOD =
      """
      table: t
      model: fc
      params:
        hidden: 16
        learning_rate: 0.001
        seed: 1
        lr_c: [0.1, 1, 10]
      budgets:
        quick: {steps: 10}
        full: {steps: 1000}
      grid:
        lambda: [0, 1e-5]
      """;

  private List<String> problems(String yaml) throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(f, yaml);
    return SweepCheck.problems(SweepSpec.load(f), FC);
  }

  @Test
  void aGoodFileHasNoProblems() throws IOException {
    assertEquals(List.of(), problems(GOOD));
  }

  @Test
  void misspeltKeyIsUnknownWithTheNearestName() throws IOException {
    List<String> p = problems(GOOD.replace("learning_rate: 0.001", "learning_rat: 0.5"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(
        p.get(0)
            .contains(
                "params.learning_rat: unknown parameter 'learning_rat' for model fc (did you mean"
                    + " learning_rate?"),
        p.get(0));
  }

  @Test
  void farOffKeyGetsNoGuess() throws IOException {
    List<String> p = problems(GOOD.replace("seed: 1", "seed: 1\n  colour: red"));
    assertTrue(
        p.get(0).contains("unknown parameter 'colour' for model fc (known: hidden, lambda"),
        p.get(0));
  }

  @Test
  void textInANumericGridNamesTheTrialBeforeAnyRuns() throws IOException {
    List<String> p = problems(GOOD.replace("lambda: [0, 1e-5]", "lambda: [0, 1e-5, abc]"));
    assertEquals(1, p.size(), p.toString()); // reported once, though both budgets have the trial
    assertTrue(
        p.get(0).contains("trial lambda_abc (budget quick): lambda: 'abc' is not a number"),
        p.get(0));
  }

  @Test
  void everyBudgetIsChecked() throws IOException {
    List<String> p = problems(GOOD.replace("full: {steps: 1000}", "full: {steps: 5000}"));
    assertEquals(1, p.size(), p.toString()); // the same problem of both trials, said once
    assertTrue(p.get(0).contains("(budget full): steps: '5000' is outside 1 .. 1000"), p.get(0));
  }

  @Test
  void missingRequiredChoiceListAndTogether() throws IOException {
    assertTrue(
        problems(GOOD.replace("  hidden: 16\n", ""))
            .get(0)
            .contains("hidden is missing; add hidden:"));
    assertTrue(
        problems(GOOD.replace("seed: 1", "seed: 1\n  decoder: subpixle"))
            .get(0)
            .contains(
                "decoder: 'subpixle' is not one of subpixel, conv_transpose (did you mean subpixel?)"));
    assertTrue(
        problems(GOOD.replace("[0.1, 1, 10]", "[0.1, x]"))
            .get(0)
            .contains("lr_c: '0.1, x' holds 'x', not a number"));
    assertTrue(
        problems(GOOD.replace("[0.1, 1, 10]", "\"0.1, 1\""))
            .get(0)
            .contains("is not a YAML list of numbers"));
    assertTrue(
        problems(GOOD.replace("hidden: 16", "hidden: 15")).get(0).contains("hidden must be even"));
  }

  @Test
  void checkThrowsWithEveryProblemOnItsOwnLine() throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(
        f,
        GOOD.replace("hidden: 16", "hidden: -1")
            .replace("learning_rate: 0.001", "learning_rate: -1"));
    SpecException e =
        assertThrows(SpecException.class, () -> SweepCheck.check(SweepSpec.load(f), FC));
    String[] lines = e.getMessage().split("\n");
    assertEquals(3, lines.length, e.getMessage()); // hidden, learning_rate, and the count
    assertEquals("(2 problems; nothing was run)", lines[2]);
  }

  @Test
  void duplicateKeyIsAnError() throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(f, GOOD.replace("seed: 1", "seed: 1\n  seed: 2"));
    SpecException e = assertThrows(SpecException.class, () -> SweepSpec.load(f));
    assertTrue(
        e.getMessage().contains("found duplicate key seed (line 7); keep one of the two"),
        e.getMessage());
  }

  @Test
  void listParamsKeepTheTextOfCommaSeparatedOnes() throws IOException {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(f, GOOD.replace("[0.1, 1, 10]", "[0.1, 1, 1.0e-5, 100000]"));
    Trial t = SweepSpec.load(f).expand("quick").get(0);
    // the text a comma-separated string gave, so results stored from one still match
    assertEquals("0.1, 1, 1e-05, 100000", t.stringParam("lr_c"));
    assertTrue(Values.same("0.1, 1, 1e-05, 100000", t.params().get("lr_c")));
  }

  @Test
  void editDistance() {
    assertEquals(3, Names.distance("kitten", "sitting"));
    assertEquals(1, Names.distance("learning_rat", "learning_rate"));
    assertEquals(0, Names.distance("", ""));
    assertEquals(Names.closest("stpes", List.of("steps", "seed")).orElseThrow(), "steps");
    assertTrue(Names.closest("zzzzzz", List.of("steps", "seed")).isEmpty());
  }

  @Test
  void paramRangesAndTypes() {
    Param batch = Param.integer("batch", 1, 1_000_000, null, "batch");
    assertNull(batch.problem(100));
    assertEquals("is outside 1 .. 1000000", batch.problem(100_000_000));
    assertEquals("is not a whole number", batch.problem(1.5));
    assertEquals("is not a whole number", batch.problem("abc"));
    assertNull(Param.bool("b", null, "b").problem("true"));
    assertEquals(">= 0", Param.integer("seed", 0, Long.MAX_VALUE, null, "s").range());
    assertThrows(
        IllegalArgumentException.class,
        () -> Param.integer("x", 1, 10, 20, "default outside the range"));
  }
}
