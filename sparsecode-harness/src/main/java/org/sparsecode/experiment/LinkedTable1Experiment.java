package org.sparsecode.experiment;

import static org.sparsecode.harness.TrialNames.Table1.CLASSIFIERS;
import static org.sparsecode.harness.TrialNames.Table1.EMBED_LABELS;
import static org.sparsecode.harness.TrialNames.Table1.EMBED_PCA;
import static org.sparsecode.harness.TrialNames.Table1.EMBED_POINTS;
import static org.sparsecode.harness.TrialNames.Table1.EMBED_TSNE;
import static org.sparsecode.harness.TrialNames.Table1.MODEL;
import static org.sparsecode.harness.TrialNames.Table1.PCA_KNN;
import static org.sparsecode.harness.TrialNames.Table1.PCA_SILHOUETTE;
import static org.sparsecode.harness.TrialNames.Table1.RAW;
import static org.sparsecode.harness.TrialNames.Table1.RBF_GAMMA;
import static org.sparsecode.harness.TrialNames.Table1.RBF_REFIT_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.RBF_SCALE_GAMMA;
import static org.sparsecode.harness.TrialNames.Table1.RBF_TRAIN_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.SELECTION;
import static org.sparsecode.harness.TrialNames.Table1.TEST_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.TRAIN_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.TSNE_KNN;
import static org.sparsecode.harness.TrialNames.Table1.TSNE_SILHOUETTE;
import static org.sparsecode.harness.TrialNames.Table1.VALIDATION_SIZE;
import static org.sparsecode.harness.TrialNames.Table1.accuracy;
import static org.sparsecode.harness.TrialNames.Table1.chosenC;
import static org.sparsecode.harness.TrialNames.Table1.selectSeconds;
import static org.sparsecode.harness.TrialNames.Table1.testSeconds;
import static org.sparsecode.harness.TrialNames.Table1.validationAccuracy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsecode.classify.Classifier;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ClassifierSettings;
import org.sparsecode.classify.FeatureMatrix;
import org.sparsecode.classify.ModelSelection;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.embed.Embedding;
import org.sparsecode.embed.Separation;
import org.sparsecode.embed.Subsample;
import org.sparsecode.embed.Tsne;
import org.sparsecode.embed.TsneConfig;
import org.sparsecode.features.Pca;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.AtomicFiles;
import org.sparsecode.io.Npy;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.TensorFlow;

/**
 * Table I and Fig. 5 of Doc 002: logistic regression, a linear SVM and an RBF SVM on raw MNIST
 * pixels and on the codes of the linked-dictionary sweep, and 2-D PCA and t-SNE embeddings of the
 * same features. One trial per kind of {@code features}: {@code raw} (pixels in [0, 1]) or an
 * {@link LcaFeatures} key, whose codes are read from the trial of that kind in the sweep named by
 * {@code codes_from} (lca-linked) under the same budget and results folder.
 *
 * <p>Every classifier's hyper-parameters are chosen on the validation split with {@link
 * ModelSelection} (trained on train, scored on validation, the scored model kept); the test split
 * is used only for the reported accuracy. Trial parameters: {@code features, codes_from,
 * train_size, validation_size, test_size} (the first n examples of each split), optional {@code
 * svm_rbf_train_size} (the RBF SVM trains on the first n of those training examples only, because
 * LIBSVM's time grows about as n^2; default train_size), optional {@code svm_rbf_refit} ({@code
 * true}: the chosen RBF setting is trained once more on all train_size training examples, and that
 * model is the one scored on test), {@code lr_c, svm_linear_c, svm_rbf_c} (comma-separated C
 * grids), {@code svm_rbf_gamma_factors} (gamma grid as multiples of {@link
 * ClassifierSettings#scaleGamma} of the training features), {@code embed_per_class, knn_k,
 * tsne_perplexity, tsne_iterations, seed}.
 */
public final class LinkedTable1Experiment implements Experiment {

  /**
   * Param: {@code true} refits the chosen RBF setting on all train_size examples before the test.
   */
  public static final String RBF_REFIT = "svm_rbf_refit";

  /** Share of zero feature values in the training features (codes are sparse, pixels too). */
  public static final String ZERO_FRACTION = "zero_fraction";

  public static final String FEATURE_COUNT = "feature_count";

  public static final String TSNE_KL = "tsne_kl";
  public static final String EMBED_SECONDS = "embedding_seconds";

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public TrialResult run(Trial trial, ExperimentContext context) {
    long seed = trial.longParam("seed");
    ProvenanceCapture provenance =
        ProvenanceCapture.start(
            Path.of("."),
            TensorFlow.version(),
            seed,
            context.threads().intraOp(),
            context.threads().interOp());
    Path artifacts =
        context
            .artifactsDir()
            .apply(trial)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "trial "
                            + trial.id()
                            + " of "
                            + trial.table()
                            + " needs its artifacts folder to find the"
                            + " results of "
                            + trial.stringParam("codes_from")
                            + "; run it with ./sparsecode reproduce "
                            + trial.table()));
    Splits mnist = context.data(trial);
    Splits features = features(trial, artifacts, mnist, context.threads());
    try {
      return run(trial, features, artifacts, context.threads(), provenance);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The trial on given features: classifiers, embeddings, artifacts under {@code artifacts}. */
  static TrialResult run(
      Trial trial,
      Splits features,
      Path artifacts,
      ThreadSettings threads,
      ProvenanceCapture provenance)
      throws IOException {
    int trainSize = trial.intParam(TRAIN_SIZE);
    int validationSize = trial.intParam(VALIDATION_SIZE);
    int testSize = trial.intParam(TEST_SIZE);
    Dataset train = first(features.train(), trainSize, TRAIN_SIZE, trial);
    Dataset validation = first(features.validation(), validationSize, VALIDATION_SIZE, trial);
    Dataset test = first(features.test(), testSize, TEST_SIZE, trial);
    Dataset rbfTrain = firstIfSet(train, RBF_TRAIN_SIZE, train, trial);
    boolean refit = trial.params().containsKey(RBF_REFIT) && trial.booleanParam(RBF_REFIT);
    Dataset rbfRefit = refit ? train : rbfTrain;
    FeatureMatrix trainX = matrix(train);
    FeatureMatrix rbfTrainX = rbfTrain == train ? trainX : matrix(rbfTrain);
    FeatureMatrix validationX = matrix(validation);
    FeatureMatrix testX = matrix(test);

    Map<String, Double> m = new LinkedHashMap<>();
    m.put(TRAIN_SIZE, (double) train.size());
    m.put(RBF_TRAIN_SIZE, (double) rbfTrain.size());
    m.put(RBF_REFIT_SIZE, (double) rbfRefit.size());
    m.put(VALIDATION_SIZE, (double) validation.size());
    m.put(TEST_SIZE, (double) test.size());
    m.put(FEATURE_COUNT, (double) train.featureSize());
    m.put(ZERO_FRACTION, trainX.zeroFraction());
    // The gamma grid is scaled to the features the RBF SVM trains on.
    double scaleGamma = ClassifierSettings.scaleGamma(rbfTrainX);
    StringBuilder selection = new StringBuilder();
    for (ClassifierKind kind : CLASSIFIERS) {
      List<ClassifierSettings> grid = grid(trial, kind, scaleGamma);
      boolean rbf = kind.usesGamma();
      long start = System.nanoTime();
      ModelSelection.Result r =
          ModelSelection.select(
              grid,
              rbf ? rbfTrainX : trainX,
              (rbf ? rbfTrain : train).labels(),
              validationX,
              validation.labels(),
              ModelSelection.Refit.TRAIN);
      double selectSeconds = (System.nanoTime() - start) / 1e9;
      Classifier scored = r.model();
      if (rbf && rbfRefit != rbfTrain) {
        scored = Classifier.fit(r.chosen(), trainX, train.labels());
        selectSeconds = (System.nanoTime() - start) / 1e9;
      }
      start = System.nanoTime();
      double accuracy = scored.accuracy(testX, test.labels());
      m.put(accuracy(kind), accuracy);
      m.put(validationAccuracy(kind), r.bestValidationAccuracy());
      m.put(chosenC(kind), r.chosen().c());
      if (kind.usesGamma()) {
        m.put(RBF_GAMMA, r.chosen().gamma());
        m.put(RBF_SCALE_GAMMA, scaleGamma);
      }
      m.put(selectSeconds(kind), selectSeconds);
      m.put(testSeconds(kind), (System.nanoTime() - start) / 1e9);
      selection.append("## ").append(kind.reportName()).append('\n').append(r.describe());
      if (scored != r.model()) {
        selection.append(
            String.format(
                Locale.ROOT,
                "%nscored model: the chosen setting refitted on the first %d"
                    + " training examples",
                rbfRefit.size()));
      }
      selection.append(String.format(Locale.ROOT, "%ntest accuracy %.4f%n%n", accuracy));
    }

    long start = System.nanoTime();
    embed(trial, train, test, threads, artifacts, m);
    m.put(EMBED_SECONDS, (System.nanoTime() - start) / 1e9);
    AtomicFiles.writeString(artifacts.resolve(SELECTION), selection.toString());
    RunProvenance run = provenance.finish();
    m.put(Metrics.WALL_SECONDS, run.wallSeconds());
    return new TrialResult(trial, TrialResult.Status.OK, "", m, run);
  }

  /** The candidates of one classifier: every C of its grid (with every gamma for RBF). */
  static List<ClassifierSettings> grid(Trial trial, ClassifierKind kind, double scaleGamma) {
    double[] cs = trial.numbersParam(kind.reportName() + "_c");
    double[] gammas = new double[0];
    if (kind.usesGamma()) {
      gammas = trial.numbersParam(Table1.RBF_GAMMA_FACTORS);
      for (int i = 0; i < gammas.length; i++) {
        gammas[i] *= scaleGamma;
      }
    }
    return ModelSelection.grid(kind, cs, gammas);
  }

  /**
   * A seeded class-balanced subsample of the test features, projected on the training features' top
   * two principal axes and embedded by t-SNE, each scored by silhouette and leave-one-out kNN
   * accuracy in 2-D.
   */
  private static void embed(
      Trial trial,
      Dataset train,
      Dataset test,
      ThreadSettings threads,
      Path artifacts,
      Map<String, Double> m)
      throws IOException {
    int d = test.featureSize();
    int[] index =
        Subsample.balanced(
            test.labels(), trial.intParam("embed_per_class"), trial.longParam("seed"));
    float[] rows = Subsample.rows(test.features(), d, index);
    int[] labels = Subsample.labels(test.labels(), index);
    int k = trial.intParam("knn_k");

    Pca pca = Pca.fit(train, 2, false, threads);
    double[] planar = project(pca, rows, index.length);
    TsneConfig config =
        TsneConfig.defaults()
            .withPerplexity(trial.doubleParam("tsne_perplexity"))
            .withIterations(trial.intParam("tsne_iterations"))
            .withSeed(trial.longParam("seed"));
    Embedding tsne = Tsne.embed(rows, index.length, d, config);

    m.put(EMBED_POINTS, (double) index.length);
    m.put(PCA_SILHOUETTE, Separation.silhouette(planar, 2, labels));
    m.put(PCA_KNN, Separation.knnAccuracy(planar, 2, labels, k));
    m.put(TSNE_SILHOUETTE, Separation.silhouette(tsne, labels));
    m.put(TSNE_KNN, Separation.knnAccuracy(tsne, labels, k));
    m.put(TSNE_KL, tsne.finalKl());
    Npy.writeInts(artifacts.resolve(EMBED_LABELS), labels, labels.length);
    Npy.writeFloats(artifacts.resolve(EMBED_PCA), toFloats(planar), labels.length, 2);
    Npy.writeFloats(artifacts.resolve(EMBED_TSNE), toFloats(tsne.coordinates()), labels.length, 2);
  }

  /** {@code (x - mean) / scale} times the axes, row by row: the same map as {@link Pca#apply}. */
  static double[] project(Pca pca, float[] rows, int n) {
    int d = pca.inputs();
    int k = pca.components();
    float[] mean = pca.standardizer().mean();
    float[] scale = pca.standardizer().scale();
    float[] axes = pca.axes();
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < d; f++) {
        double z = (rows[i * d + f] - mean[f]) / scale[f];
        for (int c = 0; c < k; c++) {
          out[i * k + c] += z * axes[f * k + c];
        }
      }
    }
    return out;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /**
   * The features of a trial: MNIST pixels for {@code raw}, else the codes of the matching trial of
   * {@code codes_from} under the same results folder and budget as this trial's artifacts ({@code
   * <results>/<table>/<budget>/artifacts/<trial>}), rebuilt from its dictionary when its code cache
   * is missing. The codes' labels must be MNIST's: both come from the same images.
   */
  static Splits features(Trial trial, Path artifacts, Splits mnist, ThreadSettings threads) {
    String features = trial.stringParam("features");
    Path budgetDir = artifacts.toAbsolutePath().normalize().getParent().getParent();
    String budget = budgetDir.getFileName().toString();
    Path resultsRoot = budgetDir.getParent().getParent();
    String codesFrom = trial.stringParam("codes_from");
    Splits codes;
    try {
      ResultStore store = new ResultStore(resultsRoot, codesFrom, budget);
      List<TrialResult> finished = store.readAll();
      if (features.equals(RAW)) {
        // Pixels need no codes, but a sweep without them would stop at its next trial: say so now.
        if (finished.isEmpty()) {
          throw new IllegalStateException(
              missingCodes(trial, codesFrom, budget, store.trialsDir(), "trials"));
        }
        return mnist;
      }
      LcaFeatures kind = LcaFeatures.parse(features);
      Trial source = null;
      for (TrialResult r : finished) {
        if (readsCodesOf(trial, r.trial()) && r.status() == TrialResult.Status.OK) {
          source = r.trial();
        }
      }
      if (source == null) {
        throw new IllegalStateException(
            missingCodes(
                trial,
                codesFrom,
                budget,
                store.trialsDir(),
                "trial " + kind.trialId() + " with seed " + trial.params().get(SweepSpec.SEED)));
      }
      codes =
          LcaLinkedExperiment.codes(
              source, store.dir().resolve("artifacts").resolve(source.id()), mnist, threads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkSameImages(codes.train(), mnist.train(), "training", codesFrom);
    checkSameImages(codes.validation(), mnist.validation(), "validation", codesFrom);
    checkSameImages(codes.test(), mnist.test(), "test", codesFrom);
    return codes;
  }

  /**
   * Whether {@code reader} classifies the codes of {@code source}: the same {@code features} and
   * the same {@code seed}, so that each seed of Table I reads the dictionaries learned with that
   * seed.
   */
  static boolean readsCodesOf(Trial reader, Trial source) {
    return sameParam(reader, source, "features") && sameParam(reader, source, SweepSpec.SEED);
  }

  private static boolean sameParam(Trial a, Trial b, String key) {
    return String.valueOf(a.params().get(key)).equals(String.valueOf(b.params().get(key)));
  }

  /** The message when the codes a trial needs were never made. */
  static String missingCodes(
      Trial trial, String codesFrom, String budget, Path trialsDir, String what) {
    return trial.table()
        + " (budget "
        + budget
        + ") classifies the codes of the "
        + codesFrom
        + " "
        + what
        + ", which have no finished result in "
        + trialsDir
        + "; run `./sparsecode reproduce "
        + codesFrom
        + " --budget "
        + budget
        + "` first (with the same --results-dir), then this command again";
  }

  private static void checkSameImages(
      Dataset codes, Dataset images, String split, String codesFrom) {
    int n = Math.min(codes.size(), images.size());
    if (!Arrays.equals(codes.labels(), 0, n, images.labels(), 0, n)) {
      throw new IllegalStateException(
          "the "
              + split
              + " codes of "
              + codesFrom
              + " have other labels than the"
              + " MNIST "
              + split
              + " split: they were made from other images (another --data-dir or"
              + " --validation-size?); rerun "
              + codesFrom
              + " with the same data options");
    }
  }

  /** The first {@code n} examples, or an error saying how many there are. */
  private static Dataset first(Dataset data, int n, String key, Trial trial) {
    if (n < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + n);
    }
    if (n > data.size()) {
      throw new IllegalArgumentException(
          key
              + " is "
              + n
              + " but the "
              + trial.params().get("features")
              + " features have only "
              + data.size()
              + " such examples (for codes: coded_train of the"
              + " codes' sweep for training, its validation and test splits otherwise); lower "
              + key
              + " in harness/"
              + trial.table()
              + ".yaml");
    }
    return n == data.size() ? data : data.slice(data.name(), 0, n);
  }

  /**
   * The first n examples of {@code data} when the trial sets {@code key} to n, else {@code
   * fallback}.
   */
  private static Dataset firstIfSet(Dataset data, String key, Dataset fallback, Trial trial) {
    return trial.params().containsKey(key)
        ? first(data, trial.intParam(key), key, trial)
        : fallback;
  }

  private static FeatureMatrix matrix(Dataset data) {
    return new FeatureMatrix(data.features(), data.size(), data.featureSize());
  }
}
