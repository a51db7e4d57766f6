package org.sparsecode.experiment;

import static org.sparsecode.harness.TrialNames.OvrEncoder.CODE_WIDTH;
import static org.sparsecode.harness.TrialNames.OvrEncoder.ENCODER_EPOCHS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.ENCODER_SECONDS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.ENCODER_VALIDATION_LOSS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.LR_DROPS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.PROBE_EPOCHS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.PROBE_SECONDS;
import static org.sparsecode.harness.TrialNames.OvrEncoder.SPARSITY_BELOW_0_1;
import static org.sparsecode.harness.TrialNames.OvrEncoder.ZERO_FRACTION;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.CodeSparsity;
import org.sparsecode.export.EventFileWriter;
import org.sparsecode.export.SavedModelExport;
import org.sparsecode.features.FeatureGraph;
import org.sparsecode.features.Pca;
import org.sparsecode.features.RandomReluFeatures;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.harness.RunProvenance;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames;
import org.sparsecode.harness.TrialNames.OvrEncoder.Features;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.EncoderGraph;
import org.sparsecode.model.L1Autoencoder;
import org.sparsecode.model.L1AutoencoderConfig;
import org.sparsecode.model.LinearProbe;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.model.OvrEncoderConfig;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.train.DivergedException;
import org.sparsecode.train.EncoderTrainConfig;
import org.sparsecode.train.EncoderTrainer;
import org.sparsecode.train.EncoderTrainingResult;
import org.sparsecode.train.TrainConfig;
import org.sparsecode.train.Trainer;
import org.sparsecode.train.TrainingListener;
import org.sparsecode.train.TrainingResult;
import org.tensorflow.TensorFlow;

/**
 * Doc 001's experiment 3: features of images scored by logistic regression (a softmax layer trained
 * by Adam on the stored features), for the OVR-Encoder's codes and the baselines.
 *
 * <p>The trial's {@code features}:
 *
 * <ul>
 *   <li>{@code raw}: the pixels as they are;
 *   <li>{@code pca}: standardised, then projected on {@code pca_components} principal axes;
 *   <li>{@code random_relu}: the OVR-Encoder's code layer on the PCA features, untrained;
 *   <li>{@code l1_autoencoder}: codes of an L1 sparse autoencoder trained on the PCA features;
 *   <li>{@code ovr_encoder}: codes of the OVR-Encoder trained on the PCA features.
 * </ul>
 *
 * <p>Trial parameters: {@code dataset} (must name the loaded data), {@code features}, {@code
 * train_size} (first examples of the training split used, 0 = all), {@code pca_components}, {@code
 * standardize}, {@code units}, {@code init_stddev}, {@code lambda}, {@code activity_target}, {@code
 * update_rule}, {@code batch}, {@code learning_rate}, {@code epochs}, {@code steps} (cap on encoder
 * steps), {@code lr_patience}, {@code lr_factor}, {@code ae_l1}, {@code ae_decoder_stddev}, {@code
 * probe_learning_rate}, {@code probe_batch}, {@code probe_epochs}, {@code seed}.
 *
 * <p>The PCA is fitted once per training set and settings, and reused by the following trials.
 */
public final class OvrEncoderExperiment implements Experiment {

  /** Prefix of the encoder's loss terms measured on the test set ({@code test_ovr}, ...). */
  public static final String TEST_PREFIX = "test_";

  private record PcaKey(
      float[] trainFeatures, int trainSize, int components, boolean standardize) {}

  private PcaKey cachedKey;
  private Pca cachedPca;

  @Override
  public String model() {
    return TrialNames.OvrEncoder.MODEL;
  }

  @Override
  public TrialResult run(Trial trial, ExperimentContext context) {
    Features features = Features.parse(trial.stringParam("features"));
    Splits data = select(trial, context.data(trial));
    Optional<Path> exportDir = context.exportDir().apply(trial);
    if (exportDir.isPresent() && features == Features.RAW) {
      throw new IllegalArgumentException(
          "features raw are the pixels themselves: there is no model to export; choose another"
              + " features value (for example --set features=ovr_encoder)");
    }
    exportDir.ifPresent(SavedModelExport::checkTarget); // before any training
    ProvenanceCapture provenance =
        ProvenanceCapture.start(
            Path.of("."),
            TensorFlow.version(),
            trial.longParam("seed"),
            context.threads().intraOp(),
            context.threads().interOp());
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<EncoderTrainingResult> encoderRuns = new ArrayList<>();
    double startSeconds = System.currentTimeMillis() / 1000.0;
    try {
      Splits mapped = features(trial, features, data, context, exportDir, metrics, encoderRuns);
      CodeSparsity sparsity = CodeSparsity.measure(mapped.test(), CodeSparsity.DOCUMENT_THRESHOLD);
      TrainingResult probe = probe(trial, mapped, context);
      RunProvenance run = provenance.finish();
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(Metrics.TEST_ACCURACY, probe.test().accuracy());
      m.put(
          Metrics.VALIDATION_ACCURACY,
          probe.validation() == null ? Double.NaN : probe.validation().accuracy());
      m.put(SPARSITY_BELOW_0_1, sparsity.belowThreshold());
      m.put(ZERO_FRACTION, sparsity.zeroFraction());
      m.put(Metrics.AVR_TEST, sparsity.avr());
      m.put(Metrics.AVR_TRAIN, probe.lastBatch().avr());
      m.put(Metrics.L0_FRACTION_TEST, sparsity.avr() / mapped.test().featureSize());
      m.put(Metrics.DEAD_FRACTION, sparsity.deadFraction());
      m.put(CODE_WIDTH, (double) mapped.test().featureSize());
      m.putAll(metrics);
      m.put(PROBE_EPOCHS, (double) trial.intParam("probe_epochs"));
      m.put(PROBE_SECONDS, probe.trainSeconds());
      m.put("probe_test_loss", probe.test().meanTaskLoss());
      m.put(Metrics.WALL_SECONDS, run.wallSeconds());
      writeCurves(trial, context, encoderRuns, probe, m, startSeconds);
      return new TrialResult(trial, TrialResult.Status.OK, "", m, run);
    } catch (DivergedException e) {
      RunProvenance run = provenance.finish();
      metrics.put(Metrics.STEPS, (double) e.step());
      metrics.put(Metrics.WALL_SECONDS, run.wallSeconds());
      return new TrialResult(trial, TrialResult.Status.DIVERGED, e.getMessage(), metrics, run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The splits this trial uses: the data named by {@code dataset}, the first train_size examples.
   */
  static Splits select(Trial trial, Splits data) {
    String dataset = trial.stringParam("dataset");
    if (!data.train().name().startsWith(dataset + "-")) {
      throw new IllegalArgumentException(
          "trial "
              + trial.id()
              + " asks for dataset "
              + dataset
              + " but the data loaded is "
              + data.train().name()
              + "; run it with that data set or change dataset in harness/"
              + trial.table()
              + ".yaml");
    }
    int size = trial.intParam("train_size");
    if (size < 0 || size > data.train().size()) {
      throw new IllegalArgumentException(
          "train_size must lie in 0.."
              + data.train().size()
              + " (0 = the whole training split), got "
              + size);
    }
    if (size == 0 || size == data.train().size()) {
      return data;
    }
    return new Splits(
        data.train().slice(data.train().name(), 0, size), data.validation(), data.test());
  }

  /**
   * Maps the three splits to the trial's features; adds the encoder's numbers to {@code metrics}.
   */
  private Splits features(
      Trial trial,
      Features features,
      Splits data,
      ExperimentContext context,
      Optional<Path> exportDir,
      Map<String, Double> metrics,
      List<EncoderTrainingResult> encoderRuns)
      throws IOException {
    if (features == Features.RAW) {
      return data;
    }
    Pca pca = pca(trial, data.train(), context);
    int inputs = data.train().featureSize();
    try (ModelGraph graph = new ModelGraph(context.threads())) {
      FeatureGraph map =
          switch (features) {
            case PCA -> FeatureGraph.build(graph, inputs, pca, pca.components());
            case RANDOM_RELU ->
                RandomReluFeatures.build(
                    graph,
                    inputs,
                    pca,
                    pca.components(),
                    trial.intParam("units"),
                    (float) trial.doubleParam("init_stddev"),
                    trial.longParam("seed"));
            case OVR_ENCODER, L1_AUTOENCODER -> {
              EncoderGraph encoder =
                  features == Features.OVR_ENCODER
                      ? OvrEncoder.build(
                          graph,
                          inputs,
                          pca,
                          pca.components(),
                          ovrConfig(trial),
                          encoderOptimizer(trial))
                      : L1Autoencoder.build(
                          graph,
                          inputs,
                          pca,
                          pca.components(),
                          autoencoderConfig(trial),
                          encoderOptimizer(trial));
              encoderRuns.add(
                  train(trial, graph, encoder, data, context.listener().apply(trial), metrics));
              yield new FeatureGraph(encoder.input(), encoder.codes(), encoder.codeUnits());
            }
            case RAW -> throw new AssertionError("handled above");
          };
      if (exportDir.isPresent()) {
        SavedModelExport.exportEncoder(graph, map.input(), map.features(), exportDir.get());
      }
      var session = graph.session();
      String prefix = data.train().name().replaceFirst("-train$", "") + "-" + features.key() + "-";
      return new Splits(
          map.map(session, data.train(), prefix + "train"),
          map.map(session, data.validation(), prefix + "validation"),
          map.map(session, data.test(), prefix + "test"));
    }
  }

  private static EncoderTrainingResult train(
      Trial trial,
      ModelGraph graph,
      EncoderGraph encoder,
      Splits data,
      TrainingListener listener,
      Map<String, Double> metrics) {
    EncoderTrainConfig config = encoderTraining(trial);
    int batch = config.batchSize();
    EncoderTrainingResult result =
        EncoderTrainer.train(graph, encoder, data.train(), data.validation(), config, listener);
    metrics.put(ENCODER_EPOCHS, (double) result.epochs());
    metrics.put(Metrics.STEPS, (double) result.steps());
    metrics.put(ENCODER_VALIDATION_LOSS, result.finalValidationLoss());
    metrics.put(LR_DROPS, (double) result.rateDrops());
    metrics.put(ENCODER_SECONDS, result.trainSeconds());
    metrics.put(Metrics.STEPS_PER_SECOND, result.stepsPerSecond());
    metrics.put(Metrics.FINAL_LOSS, result.trainLoss()[result.epochs() - 1]);
    List<String> names = new ArrayList<>(new TreeSet<>(encoder.lossTerms().keySet()));
    double[] means =
        EncoderTrainer.meansOf(
            graph.session(),
            encoder.input(),
            names.stream().map(encoder.lossTerms()::get).toList(),
            data.test(),
            batch);
    for (int t = 0; t < names.size(); t++) {
      metrics.put(TEST_PREFIX + names.get(t), means[t]);
    }
    return result;
  }

  static final List<String> ENCODER_CURVE_COLUMNS =
      List.of("epoch", "train_loss", "validation_loss", "learning_rate");

  /**
   * The encoder's curve (per epoch: mean training loss, validation loss, rate) as {@code curve.csv}
   * and the probe's as {@code probe_curve.csv} in the trial's artifacts; both, the final metrics
   * and the hyper-parameters in its TensorBoard folder.
   */
  private static void writeCurves(
      Trial trial,
      ExperimentContext context,
      List<EncoderTrainingResult> encoderRuns,
      TrainingResult probe,
      Map<String, Double> metrics,
      double startSeconds)
      throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (EncoderTrainingResult r : encoderRuns) {
      for (int e = 0; e < r.trainLoss().length; e++) {
        rows.add(
            new double[] {e + 1, r.trainLoss()[e], r.validationLoss()[e], r.learningRate()[e]});
      }
    }
    Optional<Path> artifacts = context.artifactsDir().apply(trial);
    if (artifacts.isPresent()) {
      if (!rows.isEmpty()) {
        CurveCsv.write(artifacts.get().resolve(CurveCsv.FILE), ENCODER_CURVE_COLUMNS, rows);
      }
      ClassifierExperiment.writeCurve(probe, artifacts.get().resolve(PROBE_CURVE));
    }
    Optional<Path> tensorboard = context.tensorboardDir().apply(trial);
    if (tensorboard.isPresent()) {
      try (EventFileWriter w = new EventFileWriter(tensorboard.get(), "ovr-encoder")) {
        TrialTensorBoard.curve(w, "encoder", ENCODER_CURVE_COLUMNS, rows);
        List<double[]> probeRows = new ArrayList<>();
        for (var p : probe.curve()) {
          probeRows.add(
              new double[] {
                p.step(), p.trainLoss(), p.validation().accuracy(), p.trainBatch().avr()
              });
        }
        TrialTensorBoard.curve(
            w,
            "probe",
            List.of("step", "train_loss", "validation_accuracy", "avr_train_batch"),
            probeRows);
      }
      TrialTensorBoard.finish(tensorboard.get(), trial, metrics, startSeconds);
    }
  }

  /** The logistic-regression probe's learning curve, in the trial's artifacts. */
  public static final String PROBE_CURVE = org.sparsecode.harness.TrialNames.OvrEncoder.PROBE_CURVE;

  static OvrEncoderConfig ovrConfig(Trial trial) {
    return OvrEncoderConfig.builder()
        .units(trial.intParam("units"))
        .initStddev((float) trial.doubleParam("init_stddev"))
        .lambda((float) trial.doubleParam("lambda"))
        .activityTarget((float) trial.doubleParam("activity_target"))
        .updateRule(OvrEncoderConfig.UpdateRule.parse(trial.stringParam("update_rule")))
        .seed(trial.longParam("seed"))
        .build();
  }

  static L1AutoencoderConfig autoencoderConfig(Trial trial) {
    return L1AutoencoderConfig.builder()
        .units(trial.intParam("units"))
        .initStddev((float) trial.doubleParam("init_stddev"))
        .decoderStddev((float) trial.doubleParam("ae_decoder_stddev"))
        .l1((float) trial.doubleParam("ae_l1"))
        .seed(trial.longParam("seed"))
        .build();
  }

  /** The encoder's training: epochs, step cap, batch, seed, plateau schedule and Adam's rate. */
  static EncoderTrainConfig encoderTraining(Trial trial) {
    return EncoderTrainConfig.builder()
        .epochs(trial.intParam("epochs"))
        .maxSteps(trial.intParam("steps"))
        .batchSize(trial.intParam("batch"))
        .shuffleSeed(trial.longParam("seed"))
        .lrPatience(trial.intParam("lr_patience"))
        .lrFactor((float) trial.doubleParam("lr_factor"))
        .optimizer(encoderOptimizer(trial))
        .build();
  }

  /** Adam as the encoder's training sets it; the encoder's graph is built with it. */
  static AdamConfig encoderOptimizer(Trial trial) {
    return AdamConfig.withLearningRate((float) trial.doubleParam("learning_rate"));
  }

  /** The PCA of this training set and settings, fitted on first use. */
  private synchronized Pca pca(Trial trial, Dataset train, ExperimentContext context) {
    boolean standardize = booleanParam(trial, "standardize");
    PcaKey key =
        new PcaKey(train.features(), train.size(), trial.intParam("pca_components"), standardize);
    if (!key.equals(cachedKey)) {
      cachedPca = Pca.fit(train, key.components(), standardize, context.threads());
      cachedKey = key;
    }
    return cachedPca;
  }

  private static TrainingResult probe(Trial trial, Splits features, ExperimentContext context) {
    int batch = trial.intParam("probe_batch");
    int epochs = trial.intParam("probe_epochs");
    int stepsPerEpoch = (features.train().size() + batch - 1) / batch;
    try (ModelGraph graph = new ModelGraph(context.threads())) {
      AdamConfig adam =
          AdamConfig.withLearningRate((float) trial.doubleParam("probe_learning_rate"));
      ClassifierGraph probe =
          LinearProbe.build(
              graph, features.train().featureSize(), features.train().numClasses(), adam);
      return Trainer.train(
          graph,
          probe,
          features,
          new TrainConfig(
              Math.multiplyExact(epochs, stepsPerEpoch),
              batch,
              stepsPerEpoch,
              trial.longParam("seed"),
              adam),
          TrainingListener.NONE);
    }
  }

  static boolean booleanParam(Trial trial, String key) {
    String v = trial.stringParam(key);
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
  }
}
