package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.classify.Classifier;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ClassifierSettings;
import org.sparsecode.classify.FeatureMatrix;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.embed.Separation;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.Npy;
import org.sparsecode.report.SweepReports;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;

/**
 * Table I's sweep on a small synthetic stand-in: pixels and a code cache written in the lca-linked
 * format under a results folder, the real sweep file with small sizes. The accuracies are
 * recomputed by fitting the LIBLINEAR/LIBSVM wrappers directly, candidate by candidate.
 */
class LinkedTable1ExperimentTest {
  private static final RunProvenance PROVENANCE =
      new RunProvenance("abc", "1.1.0", 1, "jvm", "os", "cpu", 1, 1, "2024-01-01T00:00:00Z", 1);
  private static final Map<String, Object> SMALL =
      Map.ofEntries(
          Map.entry("train_size", 150),
          Map.entry("validation_size", 80),
          Map.entry("test_size", 100),
          Map.entry("lr_c", "0.1, 10"),
          Map.entry("svm_linear_c", "0.01, 1"),
          Map.entry("svm_rbf_c", "1, 10"),
          Map.entry("svm_rbf_gamma_factors", "0.5, 2"),
          Map.entry("embed_per_class", 5),
          Map.entry("knn_k", 3),
          Map.entry("tsne_perplexity", 8),
          Map.entry("tsne_iterations", 1000));

  @Test
  void classifiesCodesAndPixelsAsTheWrappersDo(@TempDir Path tmp) throws IOException {
    Splits pixels =
        new Splits(
            blobs("train", 200, 30, 0.9, 1),
            blobs("validation", 80, 30, 0.9, 2),
            blobs("test", 120, 30, 0.9, 3));
    // The codes of the first 160 training images, as lca-linked caches them (coded_train 160).
    Splits codes =
        new Splits(
            sparse(pixels.train(), 160, 4),
            sparse(pixels.validation(), 80, 5),
            sparse(pixels.test(), 120, 6));
    Path results = tmp.resolve("results");
    writeLcaLinked(results, "quick", "linked", codes);

    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    Experiment experiment = Experiments.forModel(spec.model());
    assertEquals(Table1.MODEL, spec.model());
    Path artifacts = results.resolve("linked-table1").resolve("quick").resolve("artifacts");
    ExperimentContext context =
        new ExperimentContext(
            DataSets.of(Map.of(DataSets.MNIST, pixels)),
            new ThreadSettings(1, 1),
            ExperimentContext.nowhere(),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(artifacts),
            t -> TrainingListener.NONE);

    List<TrialResult> results1 = new ArrayList<>();
    for (Trial t : spec.expand("quick")) {
      String features = t.stringParam("features");
      // seed 1's trials: the codes written above are those of the seed-1 dictionary
      boolean firstSeed = String.valueOf(t.params().get("seed")).equals("1");
      if (firstSeed && (features.equals("raw") || features.equals("linked"))) {
        results1.add(experiment.run(small(t), context));
      }
    }
    assertEquals(
        List.of("features_raw", "features_linked"),
        results1.stream().map(r -> r.trial().id()).toList());
    checkAgainstWrappers(results1.get(0), pixels, 150, 150);
    checkAgainstWrappers(results1.get(1), codes, 150, 150);

    // The embeddings: 5 test points per class, scored on the coordinates the figure draws.
    Path dir = artifacts.resolve("features_linked");
    int[] labels = Npy.read(dir.resolve(Table1.EMBED_LABELS)).ints();
    assertEquals(50, labels.length);
    for (int c = 0; c < 10; c++) {
      final int cls = c;
      assertEquals(5, java.util.Arrays.stream(labels).filter(l -> l == cls).count());
    }
    double[] pca = doubles(Npy.read(dir.resolve(Table1.EMBED_PCA)).floats());
    double[] tsne = doubles(Npy.read(dir.resolve(Table1.EMBED_TSNE)).floats());
    TrialResult linked = results1.get(1);
    assertEquals(Separation.silhouette(pca, 2, labels), linked.metric(Table1.PCA_SILHOUETTE), 1e-5);
    assertEquals(Separation.knnAccuracy(tsne, 2, labels, 3), linked.metric(Table1.TSNE_KNN), 1e-9);
    // The classes are well apart in the codes: the 2-D embeddings keep most of that.
    assertTrue(linked.metric(Table1.TSNE_KNN) > 0.8, "t-SNE kNN " + linked.metric(Table1.TSNE_KNN));
    assertTrue(
        linked.metric(Table1.accuracy(ClassifierKind.LR)) > 0.9,
        "codes lr " + linked.metric(Table1.accuracy(ClassifierKind.LR)));

    // The report draws Fig. 5 from the artifacts.
    Path out = tmp.resolve("out");
    SweepReports.forModel(spec.model())
        .write(
            spec,
            "quick",
            results1,
            "test",
            out.resolve("t.csv"),
            out.resolve("t.md"),
            out.resolve("linked-table1.png"),
            artifacts);
    assertTrue(Files.size(out.resolve("linked-table1-embeddings.png")) > 10_000);
    String md = Files.readString(out.resolve("t.md"));
    assertTrue(md.contains("(Fig. 5)"), md);
    assertTrue(md.contains("candidate svm_rbf C=10"), md);
  }

  @Test
  void missingCodesNameTheCommandToRun(@TempDir Path tmp) {
    Splits pixels =
        new Splits(
            blobs("train", 200, 30, 0.9, 1),
            blobs("validation", 80, 30, 0.9, 2),
            blobs("test", 120, 30, 0.9, 3));
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    Trial single =
        spec.expand("full").stream()
            .filter(t -> t.stringParam("features").equals("single"))
            .findFirst()
            .orElseThrow();
    Path artifacts =
        tmp.resolve("res").resolve("linked-table1").resolve("full").resolve("artifacts");
    ExperimentContext context =
        new ExperimentContext(
            DataSets.of(Map.of(DataSets.MNIST, pixels)),
            new ThreadSettings(1, 1),
            ExperimentContext.nowhere(),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(artifacts),
            t -> TrainingListener.NONE);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new LinkedTable1Experiment().run(single, context));
    assertTrue(
        e.getMessage().contains("run `./sparsecode reproduce lca-linked --budget full` first"),
        e.getMessage());
    assertTrue(e.getMessage().contains("features_single"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                tmp.resolve("res")
                    .resolve("lca-linked")
                    .resolve("full")
                    .resolve("trials")
                    .toString()),
        e.getMessage());
    // Raw pixels need no codes, but the trial stops at once rather than after a raw trial's work.
    Trial raw = spec.expand("full").get(0);
    assertEquals("raw", raw.stringParam("features"));
    IllegalStateException rawError =
        assertThrows(
            IllegalStateException.class, () -> new LinkedTable1Experiment().run(raw, context));
    assertTrue(
        rawError
            .getMessage()
            .contains("codes of the lca-linked trials, which have no finished result"),
        rawError.getMessage());
    assertTrue(
        rawError.getMessage().contains("`./sparsecode reproduce lca-linked --budget full`"),
        rawError.getMessage());
  }

  @Test
  void eachSeedReadsTheCodesLearnedWithThatSeed() {
    Trial reader =
        new Trial(
            "linked-table1", 3, "features_linked__seed_2", Map.of("features", "linked", "seed", 2));
    Trial seed1 =
        new Trial("lca-linked", 1, "features_linked", Map.of("features", "linked", "seed", 1));
    Trial seed2 =
        new Trial(
            "lca-linked", 5, "features_linked__seed_2", Map.of("features", "linked", "seed", 2));
    Trial otherFeatures =
        new Trial(
            "lca-linked", 4, "features_single__seed_2", Map.of("features", "single", "seed", 2));
    assertFalse(LinkedTable1Experiment.readsCodesOf(reader, seed1));
    assertTrue(LinkedTable1Experiment.readsCodesOf(reader, seed2));
    assertFalse(LinkedTable1Experiment.readsCodesOf(reader, otherFeatures));
  }

  @Test
  void tooFewCodedTrainingImagesIsAClearError(@TempDir Path tmp) throws IOException {
    Splits pixels =
        new Splits(
            blobs("train", 200, 30, 0.9, 1),
            blobs("validation", 80, 30, 0.9, 2),
            blobs("test", 120, 30, 0.9, 3));
    Splits codes =
        new Splits(
            sparse(pixels.train(), 100, 4),
            sparse(pixels.validation(), 80, 5),
            sparse(pixels.test(), 120, 6));
    Path results = tmp.resolve("results");
    writeLcaLinked(results, "quick", "linked", codes);
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    Trial linked =
        small(
            spec.expand("quick").stream()
                .filter(t -> t.stringParam("features").equals("linked"))
                .findFirst()
                .orElseThrow());
    ExperimentContext context =
        new ExperimentContext(
            DataSets.of(Map.of(DataSets.MNIST, pixels)),
            new ThreadSettings(1, 1),
            ExperimentContext.nowhere(),
            ExperimentContext.nowhere(),
            ExperimentContext.perTrialUnder(results.resolve("linked-table1/quick/artifacts")),
            t -> TrainingListener.NONE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LinkedTable1Experiment().run(linked, context));
    assertTrue(
        e.getMessage().contains("train_size is 150 but the linked features have only 100"),
        e.getMessage());
  }

  /**
   * Every classifier's numbers, recomputed: each candidate fitted on train (the first 150, or the
   * first {@code rbfTrain} for the RBF SVM) and scored on validation; the chosen RBF setting
   * refitted on the first {@code rbfRefit} before the test.
   */
  private static void checkAgainstWrappers(TrialResult r, Splits data, int rbfTrain, int rbfRefit) {
    FeatureMatrix train = first(data.train(), 150);
    FeatureMatrix rbfX = first(data.train(), rbfTrain);
    FeatureMatrix validation = first(data.validation(), 80);
    FeatureMatrix test = first(data.test(), 100);
    int[] trainY = java.util.Arrays.copyOf(data.train().labels(), 150);
    int[] rbfY = java.util.Arrays.copyOf(data.train().labels(), rbfTrain);
    int[] validationY = java.util.Arrays.copyOf(data.validation().labels(), 80);
    int[] testY = java.util.Arrays.copyOf(data.test().labels(), 100);
    // scaleGamma by hand, on the RBF SVM's training features: 1 / (features x variance of every
    // value).
    double sum = 0;
    double sumSq = 0;
    for (float v : rbfX.values()) {
      sum += v;
      sumSq += (double) v * v;
    }
    double n = rbfX.values().length;
    double scale = 1 / (rbfX.cols() * (sumSq / n - (sum / n) * (sum / n)));
    assertEquals(scale, r.metric(Table1.RBF_SCALE_GAMMA), 1e-9 * scale);

    Map<ClassifierKind, List<ClassifierSettings>> candidates = new LinkedHashMap<>();
    candidates.put(
        ClassifierKind.LR,
        List.of(
            ClassifierSettings.linear(ClassifierKind.LR, 0.1),
            ClassifierSettings.linear(ClassifierKind.LR, 10)));
    candidates.put(
        ClassifierKind.SVM_LINEAR,
        List.of(
            ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 0.01),
            ClassifierSettings.linear(ClassifierKind.SVM_LINEAR, 1)));
    candidates.put(
        ClassifierKind.SVM_RBF,
        List.of(
            ClassifierSettings.rbf(1, 0.5 * scale),
            ClassifierSettings.rbf(1, 2 * scale),
            ClassifierSettings.rbf(10, 0.5 * scale),
            ClassifierSettings.rbf(10, 2 * scale)));
    for (Map.Entry<ClassifierKind, List<ClassifierSettings>> e : candidates.entrySet()) {
      ClassifierKind kind = e.getKey();
      double best = -1;
      Classifier chosen = null;
      for (ClassifierSettings s : e.getValue()) {
        Classifier c =
            kind.usesGamma() ? Classifier.fit(s, rbfX, rbfY) : Classifier.fit(s, train, trainY);
        double a = c.accuracy(validation, validationY);
        if (a > best) {
          best = a;
          chosen = c;
        }
      }
      String id = r.trial().id() + " " + kind;
      assertEquals(best, r.metric(Table1.validationAccuracy(kind)), 0, id);
      assertEquals(chosen.settings().c(), r.metric(Table1.chosenC(kind)), 0, id);
      Classifier scored =
          kind.usesGamma() && rbfRefit != rbfTrain
              ? Classifier.fit(
                  chosen.settings(),
                  first(data.train(), rbfRefit),
                  java.util.Arrays.copyOf(data.train().labels(), rbfRefit))
              : chosen;
      assertEquals(scored.accuracy(test, testY), r.metric(Table1.accuracy(kind)), 0, id);
      if (kind.usesGamma()) {
        assertEquals(chosen.settings().gamma(), r.metric(Table1.RBF_GAMMA), 0, id);
      }
    }
    assertEquals(150, r.metric(Table1.TRAIN_SIZE));
    assertEquals(rbfTrain, r.metric(Table1.RBF_TRAIN_SIZE));
    assertEquals(rbfRefit, r.metric(Table1.RBF_REFIT_SIZE));
    assertEquals(100, r.metric(Table1.TEST_SIZE));
  }

  @Test
  void theRbfSvmCanTrainOnFewerExamples(@TempDir Path tmp) throws IOException {
    Splits pixels =
        new Splits(
            blobs("train", 200, 30, 1.2, 1),
            blobs("validation", 80, 30, 1.2, 2),
            blobs("test", 120, 30, 1.2, 3));
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "linked-table1");
    Trial raw = spec.expand("quick").get(0);
    assertEquals("raw", raw.stringParam("features"));
    Map<String, Object> params = new LinkedHashMap<>(small(raw).params());
    params.put(Table1.RBF_TRAIN_SIZE, 60);
    Trial trial = new Trial(raw.table(), raw.index(), raw.id(), params);
    TrialResult r =
        LinkedTable1Experiment.run(
            trial,
            pixels,
            tmp,
            new ThreadSettings(1, 1),
            ProvenanceCapture.start(tmp, "test", 1, 1, 1));
    checkAgainstWrappers(r, pixels, 60, 60);

    // Chosen on the first 60, refitted on all 150: the scored model is the refit.
    params.put(LinkedTable1Experiment.RBF_REFIT, true);
    Trial refitted = new Trial(raw.table(), raw.index(), raw.id(), params);
    TrialResult refit =
        LinkedTable1Experiment.run(
            refitted,
            pixels,
            tmp,
            new ThreadSettings(1, 1),
            ProvenanceCapture.start(tmp, "test", 1, 1, 1));
    checkAgainstWrappers(refit, pixels, 60, 150);
    // The refit is a different model: on this data it scores differently from the 60-image fit.
    assertNotEquals(
        r.metric(Table1.accuracy(ClassifierKind.SVM_RBF)),
        refit.metric(Table1.accuracy(ClassifierKind.SVM_RBF)));
    assertTrue(
        java.nio.file.Files.readString(tmp.resolve(Table1.SELECTION))
            .contains(
                "scored model: the chosen setting refitted on the first 150 training examples"));
    params.put(LinkedTable1Experiment.RBF_REFIT, "yes");
    Trial unclear = new Trial(raw.table(), raw.index(), raw.id(), params);
    var notBoolean =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LinkedTable1Experiment.run(
                    unclear,
                    pixels,
                    tmp,
                    new ThreadSettings(1, 1),
                    ProvenanceCapture.start(tmp, "test", 1, 1, 1)));
    assertTrue(
        notBoolean.getMessage().contains("svm_rbf_refit")
            && notBoolean.getMessage().contains("not true or false"),
        notBoolean.getMessage());
    params.remove(LinkedTable1Experiment.RBF_REFIT);

    params.put(Table1.RBF_TRAIN_SIZE, 151);
    Trial tooMany = new Trial(raw.table(), raw.index(), raw.id(), params);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LinkedTable1Experiment.run(
                    tooMany,
                    pixels,
                    tmp,
                    new ThreadSettings(1, 1),
                    ProvenanceCapture.start(tmp, "test", 1, 1, 1)));
    assertTrue(e.getMessage().contains("svm_rbf_train_size is 151"), e.getMessage());
  }

  private static Trial small(Trial t) {
    Map<String, Object> params = new LinkedHashMap<>(t.params());
    params.putAll(SMALL);
    return new Trial(t.table(), t.index(), t.id(), params);
  }

  /** Ten classes around random centres with Gaussian noise of deviation {@code noise}. */
  static Dataset blobs(String name, int n, int d, double noise, long seed) {
    Random centres = new Random(42);
    float[][] mean = new float[10][d];
    for (float[] m : mean) {
      for (int j = 0; j < d; j++) {
        m[j] = (float) (0.5 * centres.nextGaussian());
      }
    }
    Random random = new Random(seed);
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (mean[y[i]][j] + noise * random.nextGaussian() / Math.sqrt(d) * 3);
      }
    }
    return new Dataset(name, x, y, d, 10);
  }

  /** Sparse non-negative "codes" of the first {@code n} examples: 16 units, the class's two on. */
  static Dataset sparse(Dataset images, int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * 16];
    for (int i = 0; i < n; i++) {
      int y = images.labels()[i];
      for (int j = 0; j < 16; j++) {
        boolean own = j == y || j == (y + 3) % 16;
        x[i * 16 + j] = (float) Math.max(0, (own ? 0.6 : 0) + 0.15 * random.nextGaussian() - 0.1);
      }
    }
    return new Dataset(
        "codes-" + images.name(), x, java.util.Arrays.copyOf(images.labels(), n), 16, 10);
  }

  /** A finished lca-linked trial of {@code features}: its result file and its code cache. */
  static void writeLcaLinked(Path results, String budget, String features, Splits codes)
      throws IOException {
    ResultStore store = new ResultStore(results, "lca-linked", budget);
    String id = LcaFeatures.parse(features).trialId();
    Trial trial = new Trial("lca-linked", 1, id, Map.of("features", features, "seed", 1));
    store.save(
        new TrialResult(trial, TrialResult.Status.OK, "", Map.of("l0_mnist", 3.0), PROVENANCE));
    Path dir = store.dir().resolve("artifacts").resolve(id).resolve(LcaLinkedExperiment.CODES_DIR);
    String[] names = {"train", "validation", "test"};
    Dataset[] parts = {codes.train(), codes.validation(), codes.test()};
    for (int i = 0; i < 3; i++) {
      Npy.writeFloats(
          dir.resolve(names[i] + "_codes.npy"),
          parts[i].features(),
          parts[i].size(),
          parts[i].featureSize());
      Npy.writeInts(dir.resolve(names[i] + "_labels.npy"), parts[i].labels(), parts[i].size());
    }
  }

  private static FeatureMatrix first(Dataset d, int n) {
    return new FeatureMatrix(
        java.util.Arrays.copyOf(d.features(), n * d.featureSize()), n, d.featureSize());
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  @Test
  void gridReadsTheCommaSeparatedLists() {
    Trial t =
        new Trial(
            "linked-table1",
            0,
            "x",
            Map.of("svm_rbf_c", "1, 10", "svm_rbf_gamma_factors", "0.5,2"));
    List<ClassifierSettings> grid = LinkedTable1Experiment.grid(t, ClassifierKind.SVM_RBF, 0.01);
    assertEquals(
        List.of(
            ClassifierSettings.rbf(1, 0.005),
            ClassifierSettings.rbf(1, 0.02),
            ClassifierSettings.rbf(10, 0.005),
            ClassifierSettings.rbf(10, 0.02)),
        grid);
    Trial bad = new Trial("linked-table1", 0, "x", Map.of("lr_c", "0.1; 1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LinkedTable1Experiment.grid(bad, ClassifierKind.LR, 1));
    assertTrue(e.getMessage().contains("lr_c must be comma-separated numbers"), e.getMessage());
    assertArrayEquals(
        new double[] {0.1, 1}, new Trial("t", 0, "x", Map.of("k", "0.1 , 1")).numbersParam("k"));
  }
}
