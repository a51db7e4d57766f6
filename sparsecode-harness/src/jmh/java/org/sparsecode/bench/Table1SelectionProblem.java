package org.sparsecode.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ClassifierSettings;
import org.sparsecode.classify.FeatureMatrix;
import org.sparsecode.classify.ModelSelection;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Mnist;
import org.sparsecode.data.Splits;
import org.sparsecode.experiment.LinkedTable1Experiment;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.Table1;

/**
 * The classifier selection that {@code --table table1-selection} times, the same in JMH and in the
 * scikit-learn peer: Table I's raw-pixel trial at the quick budget, read from {@code
 * harness/linked-table1.yaml}. Its features are the first 2,000 images of MNIST's training split
 * and the first 1,000 of its validation split (pixels in [0, 1], 784 features, about 81% zeros);
 * its grids are the trial's C grids, and for the RBF SVM every C with every gamma factor times
 * {@link ClassifierSettings#scaleGamma} of the training pixels. One selection of a classifier kind
 * trains every candidate on train and scores it on validation, the fits side by side on the given
 * threads, as {@link LinkedTable1Experiment} runs it.
 */
final class Table1SelectionProblem {
  static final String TABLE = "linked-table1";
  static final String BUDGET = "quick";

  final Trial trial;
  final FeatureMatrix trainX;
  final int[] trainY;
  final FeatureMatrix validationX;
  final int[] validationY;
  final double scaleGamma;

  private Table1SelectionProblem(
      Trial trial, Dataset train, Dataset validation, FeatureMatrix trainX, double scaleGamma) {
    this.trial = trial;
    this.trainX = trainX;
    this.trainY = train.labels();
    this.validationX =
        new FeatureMatrix(validation.features(), validation.size(), validation.featureSize());
    this.validationY = validation.labels();
    this.scaleGamma = scaleGamma;
  }

  /** Reads the trial from {@code harness/} under the working folder and loads MNIST. */
  static Table1SelectionProblem load() {
    Trial trial =
        SweepSpec.load(Path.of("harness"), TABLE).expand(BUDGET).stream()
            .filter(t -> Table1.RAW.equals(t.params().get("features")))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "harness/" + TABLE + ".yaml has no trial with features raw"));
    Splits mnist = Mnist.load();
    Dataset train = mnist.train().slice("train", 0, trial.intParam(Table1.TRAIN_SIZE));
    Dataset validation =
        mnist.validation().slice("validation", 0, trial.intParam(Table1.VALIDATION_SIZE));
    FeatureMatrix trainX = new FeatureMatrix(train.features(), train.size(), train.featureSize());
    return new Table1SelectionProblem(
        trial, train, validation, trainX, ClassifierSettings.scaleGamma(trainX));
  }

  /** The candidates of one kind, in the order Table I tries them (C outer, gamma inner). */
  List<ClassifierSettings> grid(ClassifierKind kind) {
    return ModelSelection.grid(kind, cs(kind), gammas(kind));
  }

  /** The C grid of one kind. */
  double[] cs(ClassifierKind kind) {
    return trial.numbersParam(Table1.chosenC(kind));
  }

  /** The gamma factors of the RBF grid (multiples of {@link #scaleGamma}). */
  double[] gammaFactors() {
    return trial.numbersParam(Table1.RBF_GAMMA_FACTORS);
  }

  /** The absolute gammas of one kind's grid; empty for the linear kinds. */
  double[] gammas(ClassifierKind kind) {
    return kind.usesGamma()
        ? Arrays.stream(gammaFactors()).map(f -> f * scaleGamma).toArray()
        : new double[0];
  }

  /** One selection of {@code kind}, the fits on {@code threads} threads. */
  ModelSelection.Result select(ClassifierKind kind, int threads) {
    return ModelSelection.select(
        grid(kind), trainX, trainY, validationX, validationY, ModelSelection.Refit.TRAIN, threads);
  }

  /** Where the JMH benchmark leaves its last selection of {@code kind}, under {@code dir}. */
  static Path resultFile(Path dir, ClassifierKind kind) {
    return dir.resolve("bench-table1-selection")
        .resolve("sparsecode-" + kind.reportName() + ".txt");
  }

  /**
   * Writes a selection as three lines: the chosen C, the chosen gamma factor (NaN for the linear
   * kinds), and every candidate's validation accuracy in grid order, comma-separated.
   */
  void writeResult(ModelSelection.Result r, Path file) throws IOException {
    double gammaFactor =
        r.chosen().kind().usesGamma() ? r.chosen().gamma() / scaleGamma : Double.NaN;
    double[] scores =
        r.scores().stream().mapToDouble(ModelSelection.Score::validationAccuracy).toArray();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, r.chosen().c() + "\n" + gammaFactor + "\n" + list(scores) + "\n");
  }

  /** In words, for a report. */
  String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "problem: %s's raw-pixel trial at the %s budget (harness/%s.yaml): the first %d images of MNIST's training split "
            + "and the first %d of its validation split, %d features (pixels in [0, 1], %.1f%% zeros); "
            + "lr C in {%s}, svm_linear C in {%s}, svm_rbf C in {%s} x gamma in {%s} x %.6g (scaleGamma of the training pixels); "
            + "one fold: train on the training images, score accuracy on the validation images; the same files feed the peer",
        TABLE,
        BUDGET,
        TABLE,
        trainX.rows(),
        validationX.rows(),
        trainX.cols(),
        100 * trainX.zeroFraction(),
        list(cs(ClassifierKind.LR)),
        list(cs(ClassifierKind.SVM_LINEAR)),
        list(cs(ClassifierKind.SVM_RBF)),
        list(gammaFactors()),
        scaleGamma);
  }

  /** Writes the features (float32) and labels (int32), little-endian, where the peer reads them. */
  void writeFiles(Path dir) throws IOException {
    writeFiles(trainX, trainY, validationX, validationY, dir);
  }

  /** Writes any training and validation split as the peer reads them. */
  static void writeFiles(
      FeatureMatrix trainX, int[] trainY, FeatureMatrix validationX, int[] validationY, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    writeFloats(trainX.values(), dir.resolve("train-x.f32"));
    writeInts(trainY, dir.resolve("train-y.i32"));
    writeFloats(validationX.values(), dir.resolve("validation-x.f32"));
    writeInts(validationY, dir.resolve("validation-y.i32"));
  }

  /** The peer's options for the files that {@link #writeFiles} wrote into {@code dir}. */
  List<String> peerArgs(Path dir) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--data", dir.toString()));
    args.addAll(List.of("--features", String.valueOf(trainX.cols())));
    for (ClassifierKind kind : ClassifierKind.values()) {
      args.add("--" + kind.reportName().replace('_', '-') + "-c");
      args.add(list(cs(kind)));
      args.add("--" + kind.reportName().replace('_', '-') + "-tol");
      args.add(String.valueOf(kind.defaultEps()));
    }
    args.add("--svm-rbf-gamma");
    args.add(list(gammas(ClassifierKind.SVM_RBF)));
    args.add("--cache-mb");
    args.add(String.valueOf(ClassifierSettings.RBF_CACHE_MB));
    args.add("--bias");
    args.add(String.valueOf(ClassifierSettings.LINEAR_BIAS));
    return args;
  }

  /** Numbers as the peer and the reports read them: {@code 0.01,0.1,1}, full precision. */
  static String list(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  private static void writeFloats(float[] values, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    Files.write(file, b.array());
  }

  private static void writeInts(int[] values, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    Files.write(file, b.array());
  }
}
