package org.sparsecode.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.sparsecode.data.Cifar10;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Dataset;
import org.sparsecode.data.FashionMnist;
import org.sparsecode.data.MnistFile;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.ClassifierMetrics;
import org.sparsecode.features.FeatureGraph;
import org.sparsecode.features.Pca;
import org.sparsecode.features.RandomReluFeatures;
import org.sparsecode.features.Standardizer;
import org.sparsecode.harness.Fingerprint;
import org.sparsecode.harness.Fingerprints;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.lca.CodeInference;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.L1Autoencoder;
import org.sparsecode.model.LinearProbe;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.OvrEncoder;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;
import org.tensorflow.TensorFlow;

/**
 * The {@link Fingerprint} of a trial as the current code and sweep file give it. Builds the trial's
 * graphs without training or running them (no session runs), on stand-in data of the real shape, so
 * it takes milliseconds per trial; {@code reproduce} records it with each new result and {@code
 * check-stale} compares it with the recorded one.
 *
 * <p>What each part covers, and what it cannot see:
 *
 * <ul>
 *   <li>graph: every graph the trial trains or evaluates with, as {@link GraphFingerprint} hashes
 *       it (names and creation order left out, so refactors keep it). Java-side numerics outside
 *       the graphs (the batch sampler, the PCA fit, the Hebbian update, t-SNE, the classifier
 *       grids' use) are not seen: a change to them must bump {@link #SCHEME}.
 *   <li>data: the checksums the loaders enforce and the validation split size; the sphere's
 *       generated points themselves. A --data-dir with non-standard MNIST files (the loader only
 *       warns) is not told apart.
 *   <li>inputs: for tables that read another table's trials ({@code codes_from}), the current
 *       fingerprint of the trial read, so a change upstream makes them stale too.
 * </ul>
 */
public final class TrialFingerprints implements Fingerprints {
  /**
   * The sampler and seed scheme and the Java-side numerics. Bump it with any change that alters
   * numbers without showing in a graph (batch order, seeding, Hebbian rule, PCA, t-SNE,
   * classifiers).
   */
  public static final String SCHEME = "trial-scheme-1";

  private static final int CLASSES = 10;
  private static final ThreadSettings ONE_THREAD = new ThreadSettings(1, 1);

  private final Path harnessDir;
  private final int validationSize;
  private final Map<String, SweepSpec> specs = new HashMap<>();
  private final Map<String, Fingerprint> cache = new HashMap<>();
  private String versions;

  /**
   * @param harnessDir where the sweep files of tables read by other tables are
   * @param validationSize the validation split size the data are loaded with
   */
  public TrialFingerprints(Path harnessDir, int validationSize) {
    this.harnessDir = harnessDir;
    this.validationSize = validationSize;
  }

  @Override
  public Fingerprint of(SweepSpec spec, String budget, Trial trial) {
    String key = spec.table() + "/" + budget + "/" + trial.id();
    Fingerprint cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    String model = spec.model();
    Experiment experiment = Experiments.forModel(model);
    String graph;
    String inputs = Fingerprint.NONE;
    String data = dataOf(experiment, trial);
    if (experiment instanceof ClassifierExperiment classifier) {
      graph = classifierGraph(classifier, trial);
    } else if (experiment instanceof OvrEncoderExperiment) {
      graph = ovrEncoderGraph(trial);
    } else if (experiment instanceof LcaLinkedExperiment) {
      graph = lcaGraph(trial);
    } else if (experiment instanceof LinkedTable1Experiment) {
      graph = Fingerprint.NONE; // classifiers and t-SNE in Java: SCHEME and the versions cover them
      inputs = upstream(trial, budget);
    } else {
      throw new IllegalArgumentException(
          "no fingerprint defined for model '"
              + model
              + "'; add it to "
              + TrialFingerprints.class.getSimpleName());
    }
    String libraries =
        versions() + (experiment instanceof LinkedTable1Experiment ? classifierVersions() : "");
    Fingerprint f = new Fingerprint(graph, params(trial), data, SCHEME, libraries, inputs);
    cache.put(key, f);
    return f;
  }

  /**
   * Sorted keys and the sweep files' canonical values (so 1.0e-5 and 0.00001, or a list and the
   * same comma-separated text, agree): the order of the file's keys does not matter.
   */
  static String params(Trial trial) {
    Map<String, String> sorted = new TreeMap<>();
    trial.params().forEach((k, v) -> sorted.put(k, SweepSpec.formatValue(v)));
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return Fingerprint.sha256(sb.toString());
  }

  // ---------------------------------------------------------------- graphs

  private String classifierGraph(ClassifierExperiment experiment, Trial trial) {
    Splits data = experiment.data(trial, standInContext());
    try (ModelGraph graph = new ModelGraph(ONE_THREAD)) {
      ClassifierGraph model = experiment.build(graph, trial, data);
      new ClassifierMetrics(graph.tf(), model); // the evaluation ops that give the accuracy and AVR
      return GraphFingerprint.of(graph.graph());
    }
  }

  private String ovrEncoderGraph(Trial trial) {
    var features = TrialNames.OvrEncoder.Features.parse(trial.stringParam("features"));
    int inputs = shapeOf(datasetName(trial)).featureSize();
    List<String> hashes = new ArrayList<>();
    int width = inputs;
    if (features != TrialNames.OvrEncoder.Features.RAW) {
      int k = trial.intParam("pca_components");
      Dataset standIn = standIn(datasetName(trial) + "-train", inputs);
      Standardizer standardizer =
          Standardizer.fit(standIn, OvrEncoderExperiment.booleanParam(trial, "standardize"));
      Pca pca = Pca.of(standardizer, k, new float[inputs * k], new double[k]);
      try (ModelGraph graph = new ModelGraph(ONE_THREAD)) {
        width =
            switch (features) {
              case PCA -> FeatureGraph.build(graph, inputs, pca, k).width();
              case RANDOM_RELU ->
                  RandomReluFeatures.build(
                          graph,
                          inputs,
                          pca,
                          k,
                          trial.intParam("units"),
                          (float) trial.doubleParam("init_stddev"),
                          trial.longParam("seed"))
                      .width();
              case OVR_ENCODER ->
                  OvrEncoder.build(
                          graph,
                          inputs,
                          pca,
                          k,
                          OvrEncoderExperiment.ovrConfig(trial),
                          OvrEncoderExperiment.encoderOptimizer(trial))
                      .codeUnits();
              case L1_AUTOENCODER ->
                  L1Autoencoder.build(
                          graph,
                          inputs,
                          pca,
                          k,
                          OvrEncoderExperiment.autoencoderConfig(trial),
                          OvrEncoderExperiment.encoderOptimizer(trial))
                      .codeUnits();
              case RAW -> throw new AssertionError("handled above");
            };
        hashes.add(GraphFingerprint.of(graph.graph()));
      }
    }
    try (ModelGraph graph = new ModelGraph(ONE_THREAD)) {
      ClassifierGraph probe =
          LinearProbe.build(
              graph, width, CLASSES, (float) trial.doubleParam("probe_learning_rate"));
      new ClassifierMetrics(graph.tf(), probe);
      hashes.add(GraphFingerprint.of(graph.graph()));
    }
    return Fingerprint.sha256(String.join("\n", hashes));
  }

  /** The inference graphs of learning (all modalities, the driver) and of coding (MNIST alone). */
  private static String lcaGraph(Trial trial) {
    LcaLinkedExperiment.Settings s = LcaLinkedExperiment.Settings.from(trial);
    int pixels = shapeOf("mnist").featureSize();
    // The stacked width LinkedLearning infers over: each modality, plus the driver as a modality.
    int learningWidth =
        pixels * s.features().modalities()
            + (s.features() == LcaFeatures.ORDINAL_MODALITY ? s.neurons() : 0);
    boolean driven = s.features() == LcaFeatures.ORDINAL_CURRENT;
    try (CodeInference learning =
            new CodeInference(learningWidth, s.neurons(), s.lca(), driven, ONE_THREAD);
        CodeInference coding = new CodeInference(pixels, s.neurons(), s.lca(), false, ONE_THREAD)) {
      return Fingerprint.sha256(
          GraphFingerprint.of(learning.graph()) + "\n" + GraphFingerprint.of(coding.graph()));
    }
  }

  /**
   * The current fingerprint of the trial of {@code codes_from} whose codes a Table I trial reads.
   */
  private String upstream(Trial trial, String budget) {
    String features = trial.stringParam("features");
    if (features.equals(Table1.RAW)) {
      return Fingerprint.NONE;
    }
    SweepSpec source =
        specs.computeIfAbsent(trial.stringParam("codes_from"), t -> SweepSpec.load(harnessDir, t));
    for (Trial t : source.expand(budget)) {
      if (LinkedTable1Experiment.readsCodesOf(trial, t)) {
        return of(source, budget, t).value();
      }
    }
    throw new IllegalArgumentException(
        "trial "
            + trial.id()
            + " of "
            + trial.table()
            + " reads the codes of the "
            + features
            + " trial with seed "
            + trial.params().get(SweepSpec.SEED)
            + " of "
            + source.table()
            + ", which harness/"
            + source.table()
            + ".yaml does not have; add it there or fix features");
  }

  // ---------------------------------------------------------------- data

  private String dataOf(Experiment experiment, Trial trial) {
    if (experiment instanceof OvrSphereExperiment sphere) {
      return sphereData(sphere.data(trial, standInContext()));
    }
    String name = datasetName(trial);
    StringBuilder sb =
        new StringBuilder(name).append(" validation_size=").append(validationSize).append('\n');
    sums(name).forEach((file, sum) -> sb.append(file).append(' ').append(sum).append('\n'));
    if (experiment instanceof LcaLinkedExperiment || experiment instanceof LinkedTable1Experiment) {
      sb.append("labels as rendered digits (DigitGlyphs; covered by the scheme)\n");
    }
    return Fingerprint.sha256(sb.toString());
  }

  private static String datasetName(Trial trial) {
    Object name = trial.params().get(ExperimentContext.DATASET);
    return name == null ? DataSets.MNIST : name.toString();
  }

  /** The checksums the loader enforces for a named data set. */
  private static Map<String, String> sums(String name) {
    Map<String, String> out = new TreeMap<>();
    switch (name) {
      case DataSets.MNIST -> {
        for (MnistFile f : MnistFile.values()) {
          out.put(f.fileName(), f.sha256());
        }
      }
      case FashionMnist.NAME ->
          FashionMnist.standardSums().forEach((f, s) -> out.put(f.fileName(), s));
      case Cifar10.NAME ->
          out.put("cifar-10-binary", "no published checksum; the loader checks sizes only");
      default -> throw new IllegalArgumentException("unknown dataset '" + name + "'");
    }
    return out;
  }

  /** Generated data: the values themselves (a few thousand points, hashed in microseconds). */
  private static String sphereData(Splits splits) {
    MessageDigest d = Fingerprint.digest();
    for (Dataset part : List.of(splits.train(), splits.validation(), splits.test())) {
      ByteBuffer bytes =
          ByteBuffer.allocate(4 * (part.features().length + part.labels().length + 2))
              .order(ByteOrder.LITTLE_ENDIAN);
      bytes.putInt(part.featureSize()).putInt(part.numClasses());
      for (float v : part.features()) {
        bytes.putFloat(v);
      }
      for (int l : part.labels()) {
        bytes.putInt(l);
      }
      d.update(bytes.array());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  // ---------------------------------------------------------------- stand-in data

  private record Shape(int featureSize) {}

  private static Shape shapeOf(String dataset) {
    return switch (dataset) {
      case DataSets.MNIST, FashionMnist.NAME -> new Shape(784);
      case Cifar10.NAME -> new Shape(Cifar10.PIXELS);
      default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "'");
    };
  }

  /** Two examples of zeros: enough for the builders, which read only sizes. */
  private static Dataset standIn(String name, int featureSize) {
    return new Dataset(name, new float[2 * featureSize], new int[] {0, 1}, featureSize, CLASSES);
  }

  private static ExperimentContext standInContext() {
    Map<String, Supplier<Splits>> loaders = new HashMap<>();
    for (String name : List.of(DataSets.MNIST, FashionMnist.NAME, Cifar10.NAME)) {
      int d = shapeOf(name).featureSize();
      loaders.put(
          name,
          () ->
              new Splits(
                  standIn(name + "-train", d),
                  standIn(name + "-validation", d),
                  standIn(name + "-test", d)));
    }
    return new ExperimentContext(
        DataSets.loadedBy(loaders),
        ONE_THREAD,
        ExperimentContext.nowhere(),
        ExperimentContext.nowhere(),
        ExperimentContext.nowhere(),
        t -> TrainingListener.NONE);
  }

  // ---------------------------------------------------------------- versions

  private String versions() {
    if (versions == null) {
      versions =
          "tensorflow "
              + TensorFlow.version()
              + "; tensorflow-java "
              + mavenVersion(TensorFlow.class, "org.tensorflow", "tensorflow-core-api");
    }
    return versions;
  }

  private static String classifierVersions() {
    return "; liblinear "
        + mavenVersion(de.bwaldvogel.liblinear.Linear.class, "de.bwaldvogel", "liblinear")
        + "; libsvm "
        + mavenVersion(libsvm.svm.class, "tw.edu.ntu.csie", "libsvm")
        // RBF selection fits and every RBF prediction read float32 squared distances.
        + "; svm_rbf selection on precomputed kernels, prediction from float32 distances";
  }

  /** The version in the jar's Maven metadata, else its manifest, else "unknown". */
  static String mavenVersion(Class<?> type, String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    return Optional.ofNullable(type.getPackage())
        .map(Package::getImplementationVersion)
        .orElse("unknown");
  }
}
