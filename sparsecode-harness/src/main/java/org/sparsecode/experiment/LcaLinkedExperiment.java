package org.sparsecode.experiment;

import static org.sparsecode.harness.TrialNames.LcaLinked.BLOCK_PURITY;
import static org.sparsecode.harness.TrialNames.LcaLinked.CODE_SECONDS;
import static org.sparsecode.harness.TrialNames.LcaLinked.CROSS_MODAL_ACCURACY;
import static org.sparsecode.harness.TrialNames.LcaLinked.CROSS_MODAL_MSE;
import static org.sparsecode.harness.TrialNames.LcaLinked.DEAD_ATOMS;
import static org.sparsecode.harness.TrialNames.LcaLinked.DICTIONARY_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.DICTIONARY_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.GLYPH_RECONSTRUCTIONS;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_FRACTION_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_FRACTION_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.L0_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.LEARN_SECONDS;
import static org.sparsecode.harness.TrialNames.LcaLinked.MODEL;
import static org.sparsecode.harness.TrialNames.LcaLinked.MSE_GLYPH;
import static org.sparsecode.harness.TrialNames.LcaLinked.MSE_MNIST;
import static org.sparsecode.harness.TrialNames.LcaLinked.REINITIALISED_ATOMS;
import static org.sparsecode.harness.TrialNames.LcaLinked.SAMPLE_CROSS_MODAL;
import static org.sparsecode.harness.TrialNames.LcaLinked.SAMPLE_DIGITS;
import static org.sparsecode.harness.TrialNames.LcaLinked.SAMPLE_INDICES;
import static org.sparsecode.harness.TrialNames.LcaLinked.SAMPLE_RECONSTRUCTIONS;
import static org.sparsecode.harness.TrialNames.LcaLinked.TEST_ACTIVE_COUNTS;
import static org.sparsecode.harness.TrialNames.LcaLinked.TRAIN_L0;
import static org.sparsecode.harness.TrialNames.LcaLinked.blockPurity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.export.EventFileWriter;
import org.sparsecode.export.LcaEncoderExport;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.glyphs.DigitGlyphs;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.io.Npy;
import org.sparsecode.lca.CodeInference;
import org.sparsecode.lca.CrossModalScore;
import org.sparsecode.lca.Dictionary;
import org.sparsecode.lca.Lca;
import org.sparsecode.lca.LcaConfig;
import org.sparsecode.lca.LinkedDictionaries;
import org.sparsecode.lca.LinkedLearning;
import org.sparsecode.lca.OrdinalBlocks;
import org.sparsecode.lca.Threshold;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.TensorFlow;

/**
 * The linked dictionaries of Doc 002, one trial per kind of {@link LcaFeatures}: learn the
 * dictionary on the MNIST training split (linked with the rendered digit of each image's class, and
 * with an ordinal driver for the ordinal kinds), then infer codes from MNIST images alone and
 * measure sparsity, reconstruction, cross-modal reconstruction and block purity.
 *
 * <p>Trial parameters: {@code features, neurons, lambda, tau, iterations, threshold} (hard,
 * soft_nonnegative or soft_signed), {@code eta, batch, steps, dead_window, input_norm} (unit: each
 * image divided by its L2 norm, or none), {@code init} (mean: every atom the mean image plus noise
 * of relative size {@code init_noise}; examples: distinct training images), {@code
 * driver_amplitude, block_size, coded_train} (how many training images get codes, from the first),
 * {@code inference_chunk} and {@code seed}.
 *
 * <p>Artifacts per trial (NumPy {@code .npy}, see {@link Npy}), named in {@link
 * org.sparsecode.harness.TrialNames.LcaLinked}: the two dictionaries [784 x neurons]; the code
 * cache under {@value #CODES_DIR}/ (see {@link #codes(Path)}); and what the figures draw (sample
 * digits, their reconstructions and cross-modal reconstructions, the glyphs' reconstructions and
 * the test digits' active counts).
 */
public final class LcaLinkedExperiment implements Experiment {

  public static final String CODES_DIR = "codes";

  public static final int SAMPLES_PER_CLASS = 2;

  /**
   * LCA inference with the learned MNIST dictionary on the first {@link #INFERENCE_CURVE_DIGITS}
   * test digits, per iteration: mean energy, active atoms and squared error ||x - Phi a||^2.
   */
  public static final String INFERENCE_CURVE = "lca_inference_curve.csv";

  static final int INFERENCE_CURVE_DIGITS = 100;

  /** A trial's settings, read and checked once. */
  public record Settings(
      LcaFeatures features,
      int neurons,
      LcaConfig lca,
      float eta,
      int batch,
      int steps,
      int deadWindow,
      boolean unitNorm,
      boolean initFromMean,
      double initNoise,
      float driverAmplitude,
      int blockSize,
      int codedTrain,
      int inferenceChunk,
      long seed) {

    public static Settings from(Trial trial) {
      String norm = trial.stringParam("input_norm");
      if (!norm.equals("unit") && !norm.equals("none")) {
        throw new IllegalArgumentException("input_norm must be unit or none, got '" + norm + "'");
      }
      String init = trial.stringParam("init");
      if (!init.equals("mean") && !init.equals("examples")) {
        throw new IllegalArgumentException(
            "init must be mean (the mean image plus noise) or examples"
                + " (distinct training images), got '"
                + init
                + "'");
      }
      Settings s =
          new Settings(
              LcaFeatures.parse(trial.stringParam("features")),
              trial.intParam("neurons"),
              new LcaConfig(
                  (float) trial.doubleParam("lambda"),
                  (float) trial.doubleParam("tau"),
                  trial.intParam("iterations"),
                  threshold(trial.stringParam("threshold"))),
              (float) trial.doubleParam("eta"),
              trial.intParam("batch"),
              trial.intParam("steps"),
              trial.intParam("dead_window"),
              norm.equals("unit"),
              init.equals("mean"),
              trial.doubleParam("init_noise"),
              (float) trial.doubleParam("driver_amplitude"),
              trial.intParam("block_size"),
              trial.intParam("coded_train"),
              trial.intParam("inference_chunk"),
              trial.longParam("seed"));
      s.blocks(); // checks that the blocks fit
      if (s.codedTrain < 1 || s.inferenceChunk < 1) {
        throw new IllegalArgumentException(
            "coded_train and inference_chunk must be >= 1, got "
                + s.codedTrain
                + " and "
                + s.inferenceChunk);
      }
      return s;
    }

    OrdinalBlocks blocks() {
      return new OrdinalBlocks(neurons, 10, blockSize);
    }

    LinkedLearning.Config learning() {
      return new LinkedLearning.Config(lca, eta, batch, steps, deadWindow, seed);
    }

    LinkedLearning.Drive drive() {
      return features.drive() == LinkedLearning.DriveKind.NONE
          ? LinkedLearning.Drive.NONE
          : new LinkedLearning.Drive(features.drive(), blocks(), driverAmplitude);
    }

    private static Threshold threshold(String name) {
      try {
        return Threshold.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "threshold must be hard, soft_nonnegative or soft_signed, got '" + name + "'", e);
      }
    }
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public TrialResult run(Trial trial, ExperimentContext context) {
    // A folder that cannot take the export is reported before any training.
    context.exportDir().apply(trial).ifPresent(SavedModelExport::checkTarget);
    Settings s = Settings.from(trial);
    ProvenanceCapture provenance =
        ProvenanceCapture.start(
            Path.of("."),
            TensorFlow.version(),
            s.seed(),
            context.threads().intraOp(),
            context.threads().interOp());
    Splits data = context.data(trial);
    Dataset train = data.train();
    List<float[]> inputs = new ArrayList<>();
    inputs.add(prepare(train.features(), s.unitNorm()));
    if (s.features().modalities() == 2) {
      inputs.add(prepare(DigitGlyphs.forLabels(train.labels()), s.unitNorm()));
    }
    LinkedDictionaries dictionaries =
        s.initFromMean()
            ? LinkedDictionaries.aroundMean(
                inputs, train.size(), s.neurons(), s.initNoise(), s.seed())
            : LinkedDictionaries.fromExamples(inputs, train.size(), s.neurons(), s.seed());
    TrainingListener progress = context.listener().apply(trial);
    double startSeconds = System.currentTimeMillis() / 1000.0;
    long start = System.nanoTime();
    LinkedLearning.Result learned;
    List<double[]> curveRows;
    try (LcaLearningCurve curve =
        new LcaLearningCurve(s, data.test(), context.threads(), progress)) {
      learned =
          LinkedLearning.learn(
              dictionaries,
              inputs,
              train.labels(),
              s.drive(),
              s.learning(),
              context.threads(),
              curve);
      curveRows = curve.rows();
      Optional<Path> artifacts = context.artifactsDir().apply(trial);
      if (artifacts.isPresent()) {
        curve.write(artifacts.get().resolve(CurveCsv.FILE));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    double learnSeconds = (System.nanoTime() - start) / 1e9;
    inputs.clear();

    start = System.nanoTime();
    float[][] phi1 = dictionaries.block(0).toArray();
    Splits codes = computeCodes(phi1, s, data, context.threads());
    double codeSeconds = (System.nanoTime() - start) / 1e9;

    Evaluation e = evaluate(dictionaries, codes.test(), data.test(), s, context.threads());
    Map<String, Double> m = new LinkedHashMap<>(e.metrics());
    m.put(TRAIN_L0, learned.meanL0());
    m.put(REINITIALISED_ATOMS, (double) learned.reinitialised());
    m.put(Metrics.STEPS, (double) s.steps());
    m.put(LEARN_SECONDS, learnSeconds);
    m.put(CODE_SECONDS, codeSeconds);
    try {
      Optional<Path> artifacts = context.artifactsDir().apply(trial);
      if (artifacts.isPresent()) {
        Path dir = artifacts.get();
        Npy.write(dir.resolve(DICTIONARY_MNIST), phi1);
        if (dictionaries.modalities() == 2) {
          Npy.write(dir.resolve(DICTIONARY_GLYPH), dictionaries.block(1).toArray());
        }
        writeCodes(dir, codes);
        e.writeSamples(dir);
        CurveCsv.write(
            dir.resolve(INFERENCE_CURVE),
            INFERENCE_CURVE_COLUMNS,
            inferenceCurve(phi1, data.test(), s));
      }
      Optional<Path> tensorboard = context.tensorboardDir().apply(trial);
      if (tensorboard.isPresent()) {
        try (EventFileWriter w = new EventFileWriter(tensorboard.get(), "lca")) {
          TrialTensorBoard.curve(w, "hebbian", LcaLearningCurve.COLUMNS, curveRows);
          TrialTensorBoard.curve(
              w, "lca_inference", INFERENCE_CURVE_COLUMNS, inferenceCurve(phi1, data.test(), s));
          TrialTensorBoard.atoms(w, "dictionary/mnist_atoms", s.steps(), phi1, DigitGlyphs.SIDE);
          if (dictionaries.modalities() == 2) {
            TrialTensorBoard.atoms(
                w,
                "dictionary/glyph_atoms",
                s.steps(),
                dictionaries.block(1).toArray(),
                DigitGlyphs.SIDE);
          }
        }
        TrialTensorBoard.finish(tensorboard.get(), trial, m, startSeconds);
      }
      Optional<Path> export = context.exportDir().apply(trial);
      if (export.isPresent()) {
        LcaEncoderExport.export(phi1, s.lca(), s.unitNorm(), context.threads(), export.get());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    RunProvenance run = provenance.finish();
    m.put(Metrics.WALL_SECONDS, run.wallSeconds());
    return new TrialResult(trial, TrialResult.Status.OK, "", m, run);
  }

  static final List<String> INFERENCE_CURVE_COLUMNS =
      List.of("iteration", "energy", "l0", "squared_error");

  /** The rows of {@link #INFERENCE_CURVE}: the per-iteration traces of one inference. */
  static List<double[]> inferenceCurve(float[][] phi1, Dataset test, Settings s) {
    int n = Math.min(INFERENCE_CURVE_DIGITS, test.size());
    int width = test.featureSize();
    float[] x = prepare(Arrays.copyOf(test.features(), n * width), s.unitNorm());
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(x, i * width, (i + 1) * width);
    }
    Lca.Traced t = Lca.inferWithTraces(rows, phi1, s.lca());
    List<double[]> out = new ArrayList<>();
    for (int it = 0; it < t.energy().length; it++) {
      out.add(new double[] {it + 1, t.energy()[it], t.meanL0()[it], t.reconstructionError()[it]});
    }
    return out;
  }

  /**
   * The code matrices of a finished trial, for classifiers: train (the first {@code coded_train}
   * training images), validation and test, each a {@link Dataset} of row-major float codes [n x
   * neurons] with the MNIST labels. The codes were inferred from the MNIST images alone with the
   * MNIST dictionary, for every split alike: the glyph modality would give the label away. Read
   * from the cache under {@code trialArtifacts}/{@value #CODES_DIR}, which the trial wrote.
   *
   * @throws IOException when the cache is missing or damaged; then use {@link #codes(Trial, Path,
   *     Splits, ThreadSettings)}, which rebuilds it from the trial's dictionary
   */
  public static Splits codes(Path trialArtifacts) throws IOException {
    Path dir = trialArtifacts.resolve(CODES_DIR);
    Dataset[] parts = new Dataset[3];
    String[] names = {"train", "validation", "test"};
    for (int i = 0; i < 3; i++) {
      Path codesFile = dir.resolve(names[i] + "_codes.npy");
      Path labelsFile = dir.resolve(names[i] + "_labels.npy");
      if (!Files.isRegularFile(codesFile) || !Files.isRegularFile(labelsFile)) {
        throw new IOException(
            "no cached codes at "
                + codesFile
                + "; run the trial (./sparsecode reproduce"
                + " lca-linked) or rebuild them from its dictionary with LcaLinkedExperiment.codes(trial, ...)");
      }
      Npy.Array c = Npy.read(codesFile);
      Npy.Array l = Npy.read(labelsFile);
      if (c.shape().length != 2
          || c.floats() == null
          || l.ints() == null
          || l.ints().length != c.shape()[0]) {
        throw new IOException(
            codesFile
                + " and "
                + labelsFile
                + " do not hold [n x neurons] float codes and n"
                + " int labels; delete the folder "
                + dir
                + " to rebuild it");
      }
      parts[i] = new Dataset("codes-" + names[i], c.floats(), l.ints(), (int) c.shape()[1], 10);
    }
    return new Splits(parts[0], parts[1], parts[2]);
  }

  /**
   * The codes of {@link #codes(Path)}, or, when the cache is missing, rebuilt from the dictionary
   * and cached.
   */
  public static Splits codes(Trial trial, Path trialArtifacts, Splits mnist, ThreadSettings threads)
      throws IOException {
    if (Files.isDirectory(trialArtifacts.resolve(CODES_DIR))) {
      return codes(trialArtifacts);
    }
    Path dictionary = trialArtifacts.resolve(DICTIONARY_MNIST);
    if (!Files.isRegularFile(dictionary)) {
      throw new IOException(
          "trial " + trial.id() + " has no dictionary at " + dictionary + "; run the trial first");
    }
    Splits codes =
        computeCodes(Npy.read(dictionary).matrix(), Settings.from(trial), mnist, threads);
    writeCodes(trialArtifacts, codes);
    return codes;
  }

  static Splits computeCodes(float[][] phi1, Settings s, Splits data, ThreadSettings threads) {
    Dataset train = data.train();
    int trainRows = Math.min(s.codedTrain(), train.size());
    Dataset trainPart = trainRows == train.size() ? train : train.slice(train.name(), 0, trainRows);
    try (CodeInference inference =
        new CodeInference(phi1.length, s.neurons(), s.lca(), false, threads)) {
      return new Splits(
          codesOf(inference, phi1, trainPart, s),
          codesOf(inference, phi1, data.validation(), s),
          codesOf(inference, phi1, data.test(), s));
    }
  }

  private static Dataset codesOf(
      CodeInference inference, float[][] phi, Dataset images, Settings s) {
    float[] x = prepare(images.features(), s.unitNorm());
    float[] codes = inference.codes(x, images.size(), phi, s.inferenceChunk());
    return new Dataset(
        "codes-" + images.name(), codes, images.labels(), s.neurons(), images.numClasses());
  }

  private static void writeCodes(Path trialArtifacts, Splits codes) throws IOException {
    Path dir = trialArtifacts.resolve(CODES_DIR);
    Dataset[] parts = {codes.train(), codes.validation(), codes.test()};
    String[] names = {"train", "validation", "test"};
    for (int i = 0; i < 3; i++) {
      Npy.writeFloats(
          dir.resolve(names[i] + "_codes.npy"),
          parts[i].features(),
          parts[i].size(),
          parts[i].featureSize());
      Npy.writeInts(dir.resolve(names[i] + "_labels.npy"), parts[i].labels(), parts[i].size());
    }
  }

  /** Each row divided by its L2 norm (a zero row stays zero), or a plain copy. */
  static float[] prepare(float[] rows, boolean unitNorm) {
    if (!unitNorm) {
      return rows.clone();
    }
    int width = DigitGlyphs.SIDE * DigitGlyphs.SIDE;
    float[] out = new float[rows.length];
    double[] norms = norms(rows);
    for (int n = 0; n < norms.length; n++) {
      double scale = norms[n] > 0 ? 1 / norms[n] : 1;
      for (int i = 0; i < width; i++) {
        out[n * width + i] = (float) (rows[n * width + i] * scale);
      }
    }
    return out;
  }

  /** The L2 norm of each row of width 784. */
  static double[] norms(float[] rows) {
    int width = DigitGlyphs.SIDE * DigitGlyphs.SIDE;
    double[] out = new double[rows.length / width];
    for (int n = 0; n < out.length; n++) {
      double s = 0;
      for (int i = 0; i < width; i++) {
        s += (double) rows[n * width + i] * rows[n * width + i];
      }
      out[n] = Math.sqrt(s);
    }
    return out;
  }

  /** The test metrics and the figure samples of one trial. */
  record Evaluation(Map<String, Double> metrics, Map<String, Npy.Array> samples) {
    void writeSamples(Path dir) throws IOException {
      for (Map.Entry<String, Npy.Array> e : samples.entrySet()) {
        Npy.Array a = e.getValue();
        if (a.ints() != null) {
          Npy.writeInts(dir.resolve(e.getKey()), a.ints(), a.shape());
        } else {
          Npy.writeFloats(dir.resolve(e.getKey()), a.floats(), a.shape());
        }
      }
    }
  }

  static Evaluation evaluate(
      LinkedDictionaries dictionaries,
      Dataset testCodes,
      Dataset test,
      Settings s,
      ThreadSettings threads) {
    int width = test.featureSize();
    int k = s.neurons();
    int n = test.size();
    float[] codes = testCodes.features();
    double[] scale = s.unitNorm() ? norms(test.features()) : null;
    Map<String, Double> m = new LinkedHashMap<>();
    Map<String, Npy.Array> samples = new LinkedHashMap<>();

    int[] active = new int[n];
    boolean[] used = new boolean[k];
    double l0 = 0, mse = 0;
    Dictionary phi1 = dictionaries.block(0);
    float[][] mnistRecs = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] code = Arrays.copyOfRange(codes, i * k, (i + 1) * k);
      for (int j = 0; j < k; j++) {
        if (code[j] != 0) {
          active[i]++;
          used[j] = true;
        }
      }
      l0 += active[i];
      float[] rec = phi1.reconstruct(code);
      double sc = scale == null ? 1 : scale[i];
      for (int p = 0; p < width; p++) {
        rec[p] = (float) (rec[p] * sc);
        double d = test.features()[i * width + p] - rec[p];
        mse += d * d;
      }
      mnistRecs[i] = rec;
    }
    int dead = 0;
    for (boolean u : used) {
      dead += u ? 0 : 1;
    }
    m.put(L0_MNIST, l0 / n);
    m.put(L0_FRACTION_MNIST, l0 / n / k);
    m.put(MSE_MNIST, mse / n / width);
    m.put(DEAD_ATOMS, (double) dead);

    int[] sampleIndex = sampleIndices(test.labels());
    samples.put(SAMPLE_INDICES, new Npy.Array(new long[] {sampleIndex.length}, null, sampleIndex));
    samples.put(
        SAMPLE_DIGITS,
        rows(
            sampleIndex,
            i -> Arrays.copyOfRange(test.features(), i * width, (i + 1) * width),
            width));
    samples.put(SAMPLE_RECONSTRUCTIONS, rows(sampleIndex, i -> mnistRecs[i], width));
    samples.put(TEST_ACTIVE_COUNTS, new Npy.Array(new long[] {n}, null, active));

    if (dictionaries.modalities() == 2) {
      Dictionary phi2 = dictionaries.block(1);
      float[][] rawGlyphs = DigitGlyphs.all();
      float[] flatGlyphs = new float[10 * width];
      for (int c = 0; c < 10; c++) {
        System.arraycopy(rawGlyphs[c], 0, flatGlyphs, c * width, width);
      }
      float[] targets = prepare(flatGlyphs, s.unitNorm());
      float[][] targetRows = new float[10][];
      for (int c = 0; c < 10; c++) {
        targetRows[c] = Arrays.copyOfRange(targets, c * width, (c + 1) * width);
      }
      double[] glyphNorms = s.unitNorm() ? norms(flatGlyphs) : null;

      float[] cross = new float[n * width];
      for (int i = 0; i < n; i++) {
        System.arraycopy(
            phi2.reconstruct(Arrays.copyOfRange(codes, i * k, (i + 1) * k)),
            0,
            cross,
            i * width,
            width);
      }
      CrossModalScore score = CrossModalScore.of(cross, test.labels(), targetRows, glyphNorms);
      m.put(CROSS_MODAL_ACCURACY, score.nearestClassAccuracy());
      m.put(CROSS_MODAL_MSE, score.meanSquaredError());
      samples.put(
          SAMPLE_CROSS_MODAL,
          rows(sampleIndex, i -> Arrays.copyOfRange(cross, i * width, (i + 1) * width), width));

      float[] glyphCodes;
      try (CodeInference inference = new CodeInference(width, k, s.lca(), false, threads)) {
        glyphCodes = inference.codes(targets, 10, phi2.toArray(), 10);
      }
      double glyphL0 = 0, glyphMse = 0;
      float[] glyphRecs = new float[10 * width];
      for (int c = 0; c < 10; c++) {
        float[] code = Arrays.copyOfRange(glyphCodes, c * k, (c + 1) * k);
        for (float v : code) {
          glyphL0 += v != 0 ? 1 : 0;
        }
        float[] rec = phi2.reconstruct(code);
        double sc = glyphNorms == null ? 1 : glyphNorms[c];
        for (int p = 0; p < width; p++) {
          glyphRecs[c * width + p] = (float) (rec[p] * sc);
          double d = rawGlyphs[c][p] - glyphRecs[c * width + p];
          glyphMse += d * d;
        }
      }
      m.put(L0_GLYPH, glyphL0 / 10);
      m.put(L0_FRACTION_GLYPH, glyphL0 / 10 / k);
      m.put(MSE_GLYPH, glyphMse / 10 / width);
      samples.put(GLYPH_RECONSTRUCTIONS, new Npy.Array(new long[] {10, width}, glyphRecs, null));
    }

    double[] purity = s.blocks().purity(codes, test.labels());
    m.put(BLOCK_PURITY, purity[10]);
    for (int c = 0; c < 10; c++) {
      m.put(blockPurity(c), purity[c]);
    }
    return new Evaluation(m, samples);
  }

  /** The first {@link #SAMPLES_PER_CLASS} examples of each class, in class order. */
  static int[] sampleIndices(int[] labels) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      int found = 0;
      for (int i = 0; i < labels.length && found < SAMPLES_PER_CLASS; i++) {
        if (labels[i] == c) {
          out.add(i);
          found++;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Npy.Array rows(
      int[] index, java.util.function.IntFunction<float[]> row, int width) {
    float[] out = new float[index.length * width];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(row.apply(index[i]), 0, out, i * width, width);
    }
    return new Npy.Array(new long[] {index.length, width}, out, null);
  }
}
