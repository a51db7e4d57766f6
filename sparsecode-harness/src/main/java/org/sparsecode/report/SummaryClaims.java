package org.sparsecode.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.model.MlpClassifier;

/**
 * The documents' claims that come without a number, each stated as a check on our numbers: the
 * measured quantity goes in {@code ours_mean} (averaged over seeds where a point has several), the
 * check in {@code metric}, and the verdict is {@code holds} or {@code fails} ({@code not measured}
 * without results).
 */
final class SummaryClaims {
  private static final String BELOW = MlpClassifier.BELOW_THRESHOLD;
  private static final String STEPS_TO_97 = "steps_to_97_validation";
  private static final String BLOG_DECODER = "conv_transpose_blog_bugs";

  private SummaryClaims() {}

  static List<Summary.Row> rows(Summary s) throws IOException {
    List<Summary.Row> rows = new ArrayList<>();
    blogAutoencoder(s, rows);
    sphere(s, rows);
    for (String table : List.of("ovr-regularizer", "ovr-regularizer-fashion")) {
      regularizerTrend(s, table, rows);
    }
    for (String table :
        List.of("ovr-regularizer-cifar10", "ovr-regularizer", "ovr-regularizer-fashion")) {
      onParWithDropout(s, table, rows);
    }
    smallBatches(s, rows);
    linked(s, rows);
    clusters(s, rows);
    return rows;
  }

  // ---------------------------------------------------------------- Doc 000

  private static void blogAutoencoder(Summary s, List<Summary.Row> rows) throws IOException {
    Summary.TableResults t = s.table("blog-ae");
    Predicate<TrialResult> blog = r -> BLOG_DECODER.equals(r.trial().params().get("decoder"));
    List<TrialResult> zero = t.point(blog.and(r -> lambda(r) == 0));
    List<TrialResult> top = t.point(blog.and(r -> lambda(r) == 5e-4));
    List<List<TrialResult>> sparse = new ArrayList<>();
    for (List<TrialResult> p : t.byPoint().values()) {
      if (blog.test(p.get(0)) && lambda(p.get(0)) > 0) {
        sparse.add(p);
      }
    }
    // steps_to_97 is -1 when a run never reached 0.97: count that as never.
    double stepsZero = never(mean(zero, STEPS_TO_97));
    double bestSteps = Double.POSITIVE_INFINITY;
    double bestAccuracy = Double.NEGATIVE_INFINITY;
    List<TrialResult> all = new ArrayList<>(zero);
    for (List<TrialResult> p : sparse) {
      bestSteps = Math.min(bestSteps, never(mean(p, STEPS_TO_97)));
      bestAccuracy = Math.max(bestAccuracy, mean(p, Metrics.TEST_ACCURACY));
      all.addAll(p);
    }
    rows.add(
        claim(
            t,
            "sparsity speeds up the classifier's learning (in steps)",
            "steps to 0.97 validation accuracy, fewest at lambda > 0 (decoder "
                + BLOG_DECODER
                + "; lambda 0: "
                + (Double.isInfinite(stepsZero)
                    ? "never"
                    : String.format(Locale.ROOT, "%.0f", stepsZero))
                + "; fewer holds)",
            bestSteps,
            bestSteps < stepsZero,
            all,
            zero.isEmpty() || sparse.isEmpty()));
    double gain = 100 * (bestAccuracy - mean(zero, Metrics.TEST_ACCURACY));
    rows.add(
        claim(
            t,
            "sparsity improves the classifier",
            "test accuracy: best lambda > 0 minus lambda 0, points (decoder "
                + BLOG_DECODER
                + "; > 0 holds)",
            gain,
            gain > 0,
            all,
            zero.isEmpty() || sparse.isEmpty()));
    String mse = "recon_mse";
    double worse = mean(top, mse) - mean(zero, mse);
    List<TrialResult> both = new ArrayList<>(zero);
    both.addAll(top);
    rows.add(
        claim(
            t,
            "the autoencoder gets worse with sparsity",
            "recon_mse per pixel on [0, 1]: lambda 5e-4 minus lambda 0 (decoder "
                + BLOG_DECODER
                + "; > 0 holds)",
            worse,
            worse > 0,
            both,
            zero.isEmpty() || top.isEmpty()));
  }

  // ---------------------------------------------------------------- Doc 001

  private static void sphere(Summary s, List<Summary.Row> rows) throws IOException {
    Summary.TableResults t = s.table("ovr-sphere");
    List<TrialResult> few = new ArrayList<>();
    List<TrialResult> many = new ArrayList<>();
    for (TrialResult r : t.all()) {
      int partitions = r.trial().intParam("partitions");
      if (partitions == 4) {
        few.add(r);
      } else if (partitions == 256) {
        many.add(r);
      }
    }
    double d = mean(many, BELOW) - mean(few, BELOW);
    List<TrialResult> both = new ArrayList<>(few);
    both.addAll(many);
    rows.add(
        claim(
            t,
            "the hidden code is sparser on a sphere cut into more partitions",
            BELOW
                + " (higher = sparser): 256 partitions minus 4, mean over widths and seeds (> 0 holds)",
            d,
            d > 0,
            both,
            few.isEmpty() || many.isEmpty()));
  }

  private static void regularizerTrend(Summary s, String table, List<Summary.Row> rows)
      throws IOException {
    Summary.TableResults t = s.table(table);
    List<TrialResult> none = t.point(r -> "none".equals(r.trial().params().get("regularizer")));
    List<TrialResult> mid = t.point(r -> isOvr(r) && lambda(r) == 1e-4);
    List<TrialResult> high = t.point(r -> isOvr(r) && lambda(r) == 1e-2);
    String data = dataNote(table);
    double up = 100 * (mean(mid, Metrics.TEST_ACCURACY) - mean(none, Metrics.TEST_ACCURACY));
    boolean sparser = mean(mid, BELOW) > mean(none, BELOW);
    rows.add(
        claim(
            t,
            "OVR: accuracy and sparsity rise together up to lambda 1e-4" + data,
            "test accuracy, ovr 1e-4 minus none, points (>= 0, with " + BELOW + " higher, holds)",
            up,
            up >= 0 && sparser,
            join(none, mid),
            none.isEmpty() || mid.isEmpty()));
    double down = 100 * (mean(high, Metrics.TEST_ACCURACY) - mean(mid, Metrics.TEST_ACCURACY));
    boolean sparserStill = mean(high, BELOW) > mean(mid, BELOW);
    rows.add(
        claim(
            t,
            "OVR: beyond 1e-4 sparsity keeps rising while accuracy falls" + data,
            "test accuracy, ovr 1e-2 minus ovr 1e-4, points (< 0, with "
                + BELOW
                + " higher, holds)",
            down,
            down < 0 && sparserStill,
            join(mid, high),
            mid.isEmpty() || high.isEmpty()));
  }

  private static void onParWithDropout(Summary s, String table, List<Summary.Row> rows)
      throws IOException {
    Summary.TableResults t = s.table(table);
    List<TrialResult> dropout =
        t.point(r -> "dropout".equals(r.trial().params().get("regularizer")));
    List<TrialResult> chosen = List.of();
    double best = Double.NEGATIVE_INFINITY;
    for (List<TrialResult> p : t.byPoint().values()) {
      double v = mean(p, Metrics.VALIDATION_ACCURACY);
      if (isOvr(p.get(0)) && v > best) {
        best = v;
        chosen = p;
      }
    }
    double gap = 100 * (mean(chosen, Metrics.TEST_ACCURACY) - mean(dropout, Metrics.TEST_ACCURACY));
    rows.add(
        claim(
            t,
            "an MLP with OVR is on par with the same MLP with dropout" + dataNote(table),
            "test accuracy, OVR row chosen on validation minus dropout, points (within "
                + RegularizerComparison.ON_PAR_POINTS
                + " holds)",
            gap,
            Math.abs(gap) <= RegularizerComparison.ON_PAR_POINTS,
            join(chosen, dropout),
            chosen.isEmpty() || dropout.isEmpty()));
  }

  private static void smallBatches(Summary s, List<Summary.Row> rows) throws IOException {
    Summary.TableResults t = s.table("ovr-encoder");
    Predicate<TrialResult> encoder = r -> "ovr_encoder".equals(r.trial().params().get("features"));
    List<TrialResult> small = t.point(encoder.and(r -> r.trial().intParam("batch") == 16));
    int usual = 128;
    List<TrialResult> normal =
        t.point(encoder.and(r -> r.trial().intParam("batch") == usual && lambda(r) == 5e-5));
    double d = 100 * (mean(small, Metrics.TEST_ACCURACY) - mean(normal, Metrics.TEST_ACCURACY));
    rows.add(
        claim(
            t,
            "the OVR-Encoder does poorly with small batches (on MNIST)",
            "probe test accuracy, batch 16 minus batch " + usual + ", points (< 0 holds)",
            d,
            d < 0,
            join(small, normal),
            small.isEmpty() || normal.isEmpty()));
  }

  // ---------------------------------------------------------------- Doc 002

  private static void linked(Summary s, List<Summary.Row> rows) throws IOException {
    Summary.TableResults t = s.table("lca-linked");
    List<TrialResult> linked = t.point(r -> "linked".equals(r.trial().params().get("features")));
    double cross = mean(linked, "cross_modal_accuracy");
    rows.add(
        claim(
            t,
            "cross-modal reconstruction: Phi_2 a from an MNIST digit looks like its class's glyph",
            "cross_modal_accuracy, share of test digits whose Phi_2 a is nearest their own glyph (> 0.5 holds)",
            cross,
            cross > 0.5,
            linked,
            linked.isEmpty()));
    for (String ordinal : List.of("ordinal_modality", "ordinal_current")) {
      List<TrialResult> o = t.point(r -> ordinal.equals(r.trial().params().get("features")));
      double d = mean(o, "block_purity") - mean(linked, "block_purity");
      rows.add(
          claim(
              t,
              "ordinal drivers tie each class to its block of neurons (" + ordinal + ")",
              "block_purity, " + ordinal + " minus linked (> 0 holds)",
              d,
              d > 0,
              join(o, linked),
              o.isEmpty() || linked.isEmpty()));
    }
  }

  private static void clusters(Summary s, List<Summary.Row> rows) throws IOException {
    Summary.TableResults t = s.table("linked-table1");
    List<TrialResult> raw = t.point(r -> "raw".equals(r.trial().params().get("features")));
    for (String codes : List.of("single", "linked", "ordinal_modality", "ordinal_current")) {
      List<TrialResult> c = t.point(r -> codes.equals(r.trial().params().get("features")));
      double d = mean(c, "tsne_silhouette") - mean(raw, "tsne_silhouette");
      rows.add(
          claim(
              t,
              "codes cluster more cleanly than pixels in t-SNE (" + codes + ")",
              "t-SNE silhouette by class, " + codes + " codes minus raw pixels (> 0 holds)",
              d,
              d > 0,
              join(c, raw),
              c.isEmpty() || raw.isEmpty()));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Summary.Row claim(
      Summary.TableResults t,
      String claim,
      String check,
      double value,
      boolean holds,
      List<TrialResult> trials,
      boolean missing) {
    boolean measured = !missing;
    boolean finite = !Double.isNaN(value) && !Double.isInfinite(value);
    int seeds = 0;
    for (List<TrialResult> p : t.byPoint().values()) {
      if (!p.isEmpty() && trials.contains(p.get(0))) {
        seeds = seeds == 0 ? p.size() : Math.min(seeds, p.size());
      }
    }
    if (t.spec().table().equals("ovr-sphere")) {
      seeds = t.spec().grid().getOrDefault("seed", List.of(1)).size(); // seeds are a grid key there
    }
    return new Summary.Row(
        t.spec().document(),
        t.spec().table(),
        claim,
        check,
        null,
        measured && finite ? value : null,
        null,
        measured ? seeds : 0,
        null,
        null,
        !measured ? Summary.NOT_MEASURED : holds ? Summary.HOLDS : Summary.FAILS,
        trials.isEmpty() ? "" : Summary.stale(t, trials),
        Summary.ids(t.spec().table(), trials),
        "");
  }

  private static boolean isOvr(TrialResult r) {
    return "ovr".equals(r.trial().params().get("regularizer"));
  }

  private static String dataNote(String table) {
    if (table.endsWith("-fashion")) {
      return " (on Fashion-MNIST)";
    }
    return table.endsWith("-cifar10") ? " (on CIFAR-10)" : " (on MNIST)";
  }

  private static double lambda(TrialResult r) {
    Object v = r.trial().params().get("lambda");
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static double never(double steps) {
    return steps < 0 ? Double.POSITIVE_INFINITY : steps;
  }

  /** The mean over the trials (seeds) of a metric; NaN without trials. */
  private static double mean(List<TrialResult> trials, String metric) {
    if (trials.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (TrialResult r : trials) {
      sum += r.metric(metric);
    }
    return sum / trials.size();
  }

  private static List<TrialResult> join(List<TrialResult> a, List<TrialResult> b) {
    List<TrialResult> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
