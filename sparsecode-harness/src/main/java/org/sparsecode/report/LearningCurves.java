package org.sparsecode.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialNames.Classifier;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;

/** The Markdown sections that read the learning curves of a classifier sweep. */
final class LearningCurves {
  private LearningCurves() {}

  /**
   * What the curves show: which trials have one, what recording them cost, each trial's best
   * validation accuracy and its AVR early and late, and the document's mid-training point where it
   * has one.
   */
  static String section(
      SweepSpec spec, List<TrialResult> results, List<CurvesFigure.Curve> curves, String png) {
    StringBuilder sb = new StringBuilder("## Learning curves\n\n");
    if (curves.isEmpty()) {
      return sb.append(
              "None of these trials has a learning curve (`curve.csv` in its artifacts folder):"
                  + " they ran before curves were recorded. A trial run again (delete its result file under"
                  + " `results/")
          .append(spec.table())
          .append("/<budget>/trials/`) records one.\n")
          .toString();
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%d of %d trials have a curve%s. Each point is an evaluation:"
                + " validation accuracy, and the AVR (active hidden units per example, as the blog counts"
                + " them) of the model on the batch it was just trained on.%n%n",
            curves.size(),
            results.size(),
            png == null ? "" : " ([graphs/" + png + "](../graphs/" + png + "))"));
    double curveSeconds = 0, wallSeconds = 0;
    for (TrialResult r : results) {
      double c = r.metric(Classifier.CURVE_SECONDS);
      if (Double.isFinite(c)) {
        curveSeconds += c;
        wallSeconds += r.metric(Metrics.WALL_SECONDS);
      }
    }
    if (wallSeconds > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "Recording the curves (one forward pass on the training batch per"
                  + " evaluation, beside the validation pass the trials always made) took %.2f s of the trials'"
                  + " %.0f s (%.3f%%).%n%n",
              curveSeconds,
              wallSeconds,
              100 * curveSeconds / wallSeconds));
    }
    sb.append(
        "| trial | best validation accuracy | at step | AVR at first evaluation | AVR at last evaluation |\n"
            + "| --- | ---: | ---: | ---: | ---: |\n");
    for (CurvesFigure.Curve c : curves) {
      double[] step = c.table().column("step");
      double[] acc = c.table().column("validation_accuracy");
      double[] avr = c.table().column("avr_train_batch");
      int best = argMax(acc);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.4f | %.0f | %.2f | %.2f |%n",
              c.label(),
              acc[best],
              step[best],
              avr[0],
              avr[avr.length - 1]));
    }
    lastBatchOutliers(curves).ifPresent(text -> sb.append('\n').append(text));
    MidTrainingCheck.forTable(spec.table())
        .ifPresent(check -> sb.append('\n').append(midTraining(check, results, curves)));
    return sb.toString();
  }

  /**
   * Curves whose last evaluation's AVR (the one the table shows, measured on a single training
   * batch) is more than twice or less than half the median over the second half of the run: the
   * table's number there is not typical of the trained model.
   */
  static Optional<String> lastBatchOutliers(List<CurvesFigure.Curve> curves) {
    List<String> lines = new ArrayList<>();
    for (CurvesFigure.Curve c : curves) {
      double[] step = c.table().column("step");
      double[] avr = c.table().column("avr_train_batch");
      int last = avr.length - 1;
      int from = avr.length / 2;
      if (last - from < 2) {
        continue;
      }
      double[] half = Arrays.copyOfRange(avr, from, last);
      Arrays.sort(half);
      double median =
          half.length % 2 == 1
              ? half[half.length / 2]
              : (half[half.length / 2 - 1] + half[half.length / 2]) / 2;
      double ratio = avr[last] / median;
      if (median > 0 && (ratio > 2 || ratio < 0.5)) {
        lines.add(
            String.format(
                Locale.ROOT,
                "- %s: AVR %.2f at the last evaluation (step %.0f), %.2f times the median %.2f of"
                    + " the evaluations from step %.0f to %.0f",
                c.label(),
                avr[last],
                step[last],
                ratio,
                median,
                step[from],
                step[last - 1]));
      }
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "The AVR of the last training batch, which the table shows, sits far from the rest of the"
            + " run's second half in "
            + lines.size()
            + (lines.size() == 1 ? " curve" : " curves")
            + " (compare avr_test, over the whole test set):\n\n"
            + String.join("\n", lines)
            + "\n");
  }

  /**
   * The document's mid-training point against our curve of the same lambda: the first evaluation
   * whose validation accuracy reached the document's, or else the best one, and its AVR.
   */
  static String midTraining(
      MidTrainingCheck check, List<TrialResult> results, List<CurvesFigure.Curve> curves) {
    String label = "lambda " + MarkdownReport.display("lambda", check.lambda());
    StringBuilder sb = new StringBuilder("### The blog's mid-training point\n\n");
    Optional<CurvesFigure.Curve> curve =
        curves.stream().filter(c -> c.label().equals(label)).findFirst();
    if (curve.isEmpty()) {
      return sb.append("The trial at ")
          .append(label)
          .append(
              " has no curve, so the blog's mid-training point ("
                  + check.accuracy()
                  + " accuracy at AVR "
                  + check.avr()
                  + ") cannot be checked.\n")
          .toString();
    }
    CurveCsv.Table t = curve.get().table();
    double[] step = t.column("step");
    double[] acc = t.column("validation_accuracy");
    double[] avr = t.column("avr_train_batch");
    int at = -1;
    for (int i = 0; i < acc.length; i++) {
      if (acc[i] >= check.accuracy()) {
        at = i;
        break;
      }
    }
    boolean reached = at >= 0;
    if (!reached) {
      at = argMax(acc);
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "The blog reports %.3f accuracy at AVR %.2f in the middle of its %s run (step not given). %s"
                + " at step %.0f, with AVR %.2f on the batch just trained on (%.2f times the blog's %.2f)."
                + " Our accuracies here are on the 5,000 validation images, evaluated every %.0f steps.%n",
            check.accuracy(),
            check.avr(),
            label,
            reached
                ? String.format(
                    Locale.ROOT,
                    "Our validation accuracy first reached %.3f (%.4f)",
                    check.accuracy(),
                    acc[at])
                : String.format(
                    Locale.ROOT,
                    "Our validation accuracy never reached %.3f; its best was %.4f",
                    check.accuracy(),
                    acc[at]),
            step[at],
            avr[at],
            avr[at] / check.avr(),
            check.avr(),
            step.length > 1 ? step[1] - step[0] : step[0]));
    // Later evaluations at or above the document's accuracy: how low the AVR went there.
    int lowest = -1;
    for (int i = at + 1; reached && i < acc.length; i++) {
      if (acc[i] >= check.accuracy() && (lowest < 0 || avr[i] < avr[lowest])) {
        lowest = i;
      }
    }
    if (lowest >= 0 && avr[lowest] < avr[at]) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%nThe AVR kept falling while the accuracy held: the lowest AVR at a later evaluation"
                  + " still at or above %.3f was %.2f at step %.0f (%.4f), %.2f times the blog's.%n",
              check.accuracy(),
              avr[lowest],
              step[lowest],
              acc[lowest],
              avr[lowest] / check.avr()));
    }
    return sb.toString();
  }

  /**
   * Did the subpixel decoder learn faster than the transposed convolution, as the blog says? By the
   * step at which each first reached 0.97 validation accuracy, and by the curves where both have
   * one.
   */
  static Optional<String> decoderLearningSpeed(
      List<TrialResult> results, List<CurvesFigure.Curve> curves) {
    Map<Double, Double> convT = new LinkedHashMap<>();
    Map<Double, Double> subpixel = new LinkedHashMap<>();
    for (TrialResult r : results) {
      Object decoder = r.trial().params().get("decoder");
      Object lambda = r.trial().params().get("lambda");
      double steps = r.metric(Classifier.STEPS_TO_97);
      if (decoder == null || lambda == null || Double.isNaN(steps)) {
        continue;
      }
      double l = Double.parseDouble(lambda.toString());
      if (decoder.equals("conv_transpose")) {
        convT.put(l, steps);
      } else if (decoder.equals("subpixel")) {
        subpixel.put(l, steps);
      }
    }
    if (convT.isEmpty() || subpixel.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder(
            "## Did the subpixel decoder learn faster?\n\n"
                + "The blog says the subpixel decoder improved the speed of learning. First evaluated step at"
                + " which validation accuracy reached 0.97 (never: not within 20,000 steps):\n\n");
    int sooner = 0, later = 0, same = 0;
    for (Map.Entry<Double, Double> e : convT.entrySet()) {
      Double sp = subpixel.get(e.getKey());
      if (sp == null) {
        continue;
      }
      double ct = e.getValue();
      String verdict;
      if (sp.doubleValue() == ct) {
        same++;
        verdict = "same step";
      } else if (sp >= 0 && (ct < 0 || sp < ct)) {
        sooner++;
        verdict = "subpixel sooner";
      } else {
        later++;
        verdict = "subpixel later";
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "- lambda %s: subpixel %s, conv_transpose %s (%s)%n",
              MarkdownReport.display("lambda", e.getKey()),
              stepText(sp),
              stepText(ct),
              verdict));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nSubpixel reached 0.97 sooner than the transposed convolution at %d of %d"
                + " lambdas, later at %d and at the same step at %d. %s%n",
            sooner,
            sooner + later + same,
            later,
            same,
            sooner > later
                ? "By this measure the subpixel decoder learned faster, as the blog says."
                : "By this measure the subpixel decoder did not learn faster than the transposed convolution:"
                    + " the blog's claim does not hold here."));
    long withCurves =
        curves.stream()
            .filter(
                c -> c.label().startsWith("conv_transpose,") || c.label().startsWith("subpixel,"))
            .count();
    if (withCurves == 0) {
      sb.append(
          "\nThese trials ran before learning curves were recorded, so the comparison rests on the"
              + " step to 0.97 alone (evaluations every 500 steps).\n");
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              "%nMean validation accuracy over each curve (higher: learned sooner),"
                  + " where both decoders have one:%n%n"));
      for (Double lambda : convT.keySet()) {
        String l = MarkdownReport.display("lambda", lambda);
        Optional<CurvesFigure.Curve> a = find(curves, "conv_transpose, lambda " + l);
        Optional<CurvesFigure.Curve> b = find(curves, "subpixel, lambda " + l);
        if (a.isPresent() && b.isPresent()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "- lambda %s: subpixel %.4f, conv_transpose %.4f%n",
                  l,
                  mean(b.get().table().column("validation_accuracy")),
                  mean(a.get().table().column("validation_accuracy"))));
        }
      }
    }
    return Optional.of(sb.toString());
  }

  private static Optional<CurvesFigure.Curve> find(List<CurvesFigure.Curve> curves, String label) {
    return curves.stream().filter(c -> c.label().equals(label)).findFirst();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static String stepText(double step) {
    return step < 0 ? "never" : String.format(Locale.ROOT, "step %,.0f", step);
  }

  static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
