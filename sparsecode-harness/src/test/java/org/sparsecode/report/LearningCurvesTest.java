package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.io.CurveCsv;

/** The blog's mid-training point against a hand-made curve, and the curves figure. */
class LearningCurvesTest {
  private static CurvesFigure.Curve curve(double... accuracies) {
    List<String> columns = List.of("step", "validation_accuracy", "avr_train_batch");
    List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      rows.add(new double[] {500 * (i + 1), accuracies[i], 50 - 10 * i});
    }
    return new CurvesFigure.Curve("lambda 1e-05", new CurveCsv.Table(columns, rows));
  }

  @Test
  void firstEvaluationAtTheBlogsAccuracyOrElseTheBest() {
    String reached =
        LearningCurves.midTraining(
            MidTrainingCheck.BLOG_FC, List.of(), List.of(curve(0.97, 0.979, 0.9815, 0.983)));
    // The third point (step 1,500, AVR 30) is the first at or above 0.981; 30 / 28.19 = 1.06.
    assertTrue(
        reached.contains("first reached 0.981 (0.9815) at step 1500, with AVR 30.00"), reached);
    assertTrue(reached.contains("1.06 times the blog's 28.19"), reached);
    assertTrue(reached.contains("every 500 steps"), reached);
    // After it, step 2,000 is still above 0.981 with AVR 20: 20 / 28.19 = 0.71.
    assertTrue(
        reached.contains(
            "the lowest AVR at a later evaluation still at or above 0.981 was 20.00 at step 2000"
                + " (0.9830), 0.71 times the blog's."),
        reached);
    // A later evaluation below 0.981 (step 1,500, AVR 30) does not count; step 2,000 (AVR 20) does.
    String dipped =
        LearningCurves.midTraining(
            MidTrainingCheck.BLOG_FC, List.of(), List.of(curve(0.97, 0.9815, 0.979, 0.9812)));
    assertTrue(dipped.contains("was 20.00 at step 2000 (0.9812)"), dipped);

    String never =
        LearningCurves.midTraining(
            MidTrainingCheck.BLOG_FC, List.of(), List.of(curve(0.97, 0.9805, 0.975)));
    assertTrue(
        never.contains("never reached 0.981; its best was 0.9805 at step 1000, with AVR 40.00"),
        never);
    assertTrue(!never.contains("kept falling"), never);
  }

  @Test
  void theFigureStartsItsAccuracyAxisBelowTheLowestLaterPoint(@TempDir Path tmp)
      throws IOException {
    // Steps 500 to 5,500: the axis follows the second half (steps 3,000 on, lowest 0.976), so it
    // starts at 0.97 - 0.01; the early points (0.5, 0.9) are left out.
    CurvesFigure.Curve c =
        curve(0.5, 0.9, 0.96, 0.97, 0.975, 0.976, 0.977, 0.978, 0.979, 0.98, 0.98);
    assertEquals(0.96, CurvesFigure.accuracyFloor(List.of(c)), 1e-12);
    Path png = tmp.resolve("x-curves.png");
    assertTrue(
        CurvesFigure.write(
            png, List.of(c), Optional.of(MidTrainingCheck.BLOG_FC.mark()), List.of("caption")));
    assertTrue(Files.size(png) > 1000);
    assertEquals(
        false, CurvesFigure.write(tmp.resolve("none.png"), List.of(), Optional.empty(), List.of()));
    assertEquals(false, Files.exists(tmp.resolve("none.png")));
  }

  @Test
  void longCurvesAreDrawnAtRoundStridesShortOnesWhole() {
    // 200 rows every 50 steps to 10,000: at most 60 points drawn, so every 200 steps (50 points;
    // 100 would leave 100). The accuracy column, finite at 20 rows only, is drawn whole.
    List<String> columns = List.of("step", "validation_accuracy", "l0");
    List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      rows.add(new double[] {50 * i, i % 10 == 0 ? 0.9 : Double.NaN, 20});
    }
    List<CurvesFigure.Curve> curves =
        List.of(new CurvesFigure.Curve("linked", new CurveCsv.Table(columns, rows)));
    assertEquals(200, CurvesFigure.drawnStride(curves, "l0"), 0);
    assertEquals(1, CurvesFigure.drawnStride(curves, "validation_accuracy"), 0);
    assertEquals(
        1, CurvesFigure.drawnStride(List.of(curve(0.9, 0.95, 0.97)), "avr_train_batch"), 0);
  }

  @Test
  void aLastBatchFarFromTheSecondHalfIsNamed() {
    List<String> columns = List.of("step", "validation_accuracy", "avr_train_batch");
    double[] avr = {100, 80, 66, 64, 70, 65, 201.93};
    List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < avr.length; i++) {
      rows.add(new double[] {500 * (i + 1), 0.97, avr[i]});
    }
    CurvesFigure.Curve burst =
        new CurvesFigure.Curve("lambda 5e-05", new CurveCsv.Table(columns, rows));
    // Second half without the last: steps 2,000 to 3,000, AVR 64, 70, 65, median 65;
    // 201.93 / 65 = 3.11.
    String text = LearningCurves.lastBatchOutliers(List.of(burst)).orElseThrow();
    assertTrue(
        text.contains(
            "- lambda 5e-05: AVR 201.93 at the last evaluation (step 3500), 3.11 times the median"
                + " 65.00 of the evaluations from step 2000 to 3000"),
        text);
    // A last batch within a factor of two of the median is not named.
    assertTrue(LearningCurves.lastBatchOutliers(List.of(curve(0.9, 0.95, 0.96, 0.97))).isEmpty());
  }
}
