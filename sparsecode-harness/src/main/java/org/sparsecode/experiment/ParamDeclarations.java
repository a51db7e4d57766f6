package org.sparsecode.experiment;

import static org.sparsecode.harness.Param.bool;
import static org.sparsecode.harness.Param.choice;
import static org.sparsecode.harness.Param.integer;
import static org.sparsecode.harness.Param.number;
import static org.sparsecode.harness.Param.numbers;
import static org.sparsecode.harness.Param.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsecode.harness.Param;
import org.sparsecode.harness.ParamSet;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialNames.OvrEncoder;
import org.sparsecode.harness.TrialNames.Table1;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.Regularizer;

/**
 * Every model's trial parameters, declared once: sweep files are checked against these before
 * anything trains, and the parameter tables of docs/sweep-files.md are printed from them ({@code
 * ./sparsecode params <table> --markdown}).
 */
public final class ParamDeclarations {
  private ParamDeclarations() {}

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Larger than any training split this project reads (MNIST's 60,000 images). */
  private static final int MAX_BATCH = 1_000_000;

  private static final int MAX_STEPS = 100_000_000;
  private static final List<String> DATASETS = List.of("mnist", "fashion-mnist", "cifar10");

  private static final Map<String, ParamSet> BY_MODEL = new LinkedHashMap<>();

  static {
    add(
        new ParamSet(
            "fc",
            join(
                classifier(),
                List.of(
                    integer("hidden", 1, 100_000, null, "hidden units of the 784-H-10 network"),
                    number(
                        "lambda",
                        0,
                        INF,
                        null,
                        "weight of the L1 penalty on the hidden activations"),
                    number("learning_rate", 0, INF, null, "Adam's learning rate"),
                    number(
                        "init_stddev",
                        0,
                        INF,
                        null,
                        "standard deviation of the truncated-normal initial weights"),
                    number("bias_init", -INF, INF, null, "initial value of every bias")))));
    add(new ParamSet("cnn", join(classifier(), cnn())));
    add(
        new ParamSet(
            "cnn_ae",
            join(
                classifier(),
                cnn(),
                List.of(
                    choice(
                        "decoder",
                        names(Decoder.values()),
                        null,
                        "the decoder: conv_transpose, subpixel, or conv_transpose_blog_bugs (the blog's two bugs)"),
                    number(
                        "max_kernel_norm",
                        0,
                        INF,
                        null,
                        "largest L2 norm of a decoder kernel (max-norm constraint)")))));
    add(
        new ParamSet(
            "mlp_regularized",
            join(
                classifier(),
                List.of(
                    integer("hidden", 1, 100_000, null, "hidden units"),
                    choice(
                        "regularizer",
                        names(Regularizer.values()),
                        null,
                        "what sparsifies the hidden layer"),
                    number("lambda", 0, INF, null, "weight of the l1 or ovr term (0: none)"),
                    number(
                        "dropout_rate",
                        0,
                        0.999,
                        null,
                        "share of hidden units dropped while training (dropout only)"),
                    number("learning_rate", 0, INF, null, "Adam's learning rate"),
                    number(
                        "init_stddev",
                        0,
                        INF,
                        null,
                        "standard deviation of the truncated-normal initial weights"),
                    number("bias_init", -INF, INF, null, "initial value of every bias")))));
    add(
        new ParamSet(
            "ovr_sphere",
            List.of(
                integer(
                    "points",
                    10,
                    10_000_000,
                    null,
                    "points drawn on the sphere (80/10/10 train/validation/test)"),
                integer(
                    "partitions",
                    1,
                    1_000_000,
                    null,
                    "sphere partitions, a square: sqrt bands times sqrt sectors"),
                integer("hidden", 1, 100_000, null, "hidden units"),
                number("lambda", 0, INF, null, "weight of the ovr penalty"),
                number("learning_rate", 0, INF, null, "Adam's learning rate"),
                integer("batch", 1, MAX_BATCH, null, "examples per training step"),
                integer("steps", 1, MAX_STEPS, null, "training steps"),
                integer("eval_every", 1, MAX_STEPS, null, "steps between validation evaluations"),
                integer(
                    "seed",
                    0,
                    Long.MAX_VALUE,
                    null,
                    "draws the class map, the points, the weights and the batch order"),
                integer("data_seed", 0, Long.MAX_VALUE, null, "draws the points instead of seed")
                    .optional("seed's value")),
            trial -> {
              OvrSphereExperiment.side(trial.intParam("partitions"));
              int train = trial.intParam("points") * 8 / 10;
              if (trial.intParam("batch") > train) {
                throw new IllegalArgumentException(
                    "batch "
                        + trial.intParam("batch")
                        + " is larger than the "
                        + train
                        + " training points; use a batch <= "
                        + train
                        + " or more points");
              }
            }));
    add(
        new ParamSet(
            LcaLinked.MODEL,
            List.of(
                choice(
                    "features",
                    Arrays.stream(LcaFeatures.values()).map(LcaFeatures::key).toList(),
                    null,
                    "which dictionaries are learnt and linked"),
                integer("neurons", 1, 100_000, null, "dictionary atoms"),
                number("lambda", 0, INF, null, "LCA threshold and L1 weight, on unit-norm images"),
                number("tau", 1e-9, INF, null, "Euler time constant (steps)"),
                integer("iterations", 1, 100_000, null, "LCA steps per inference, unrolled"),
                choice(
                    "threshold",
                    List.of("hard", "soft_nonnegative", "soft_signed"),
                    null,
                    "the LCA threshold function"),
                number("eta", 0, INF, null, "Hebbian rate; the update is averaged over the batch"),
                integer("batch", 1, MAX_BATCH, null, "images per Hebbian step"),
                integer("steps", 1, MAX_STEPS, null, "Hebbian steps"),
                integer(
                    "dead_window",
                    1,
                    MAX_STEPS,
                    null,
                    "atoms active on no example over this many steps are re-initialised"),
                choice(
                    "input_norm",
                    List.of("unit", "none"),
                    null,
                    "unit: each image divided by its L2 norm; none: raw pixels"),
                choice(
                    "init",
                    List.of("mean", "examples"),
                    null,
                    "atoms start as the mean image plus noise, or as training images"),
                number("init_noise", 0, INF, null, "noise norm relative to the mean image's"),
                number(
                    "driver_amplitude",
                    0,
                    INF,
                    null,
                    "value of the ordinal driver on the class's block"),
                integer(
                    "block_size",
                    1,
                    100_000,
                    null,
                    "neurons per class block of the ordinal driver"),
                integer(
                    "coded_train",
                    1,
                    MAX_BATCH,
                    null,
                    "training images (from the first) that get codes for the classifiers"),
                integer(
                    "inference_chunk",
                    1,
                    MAX_BATCH,
                    null,
                    "images per inference call when coding the splits"),
                integer(
                    "seed",
                    0,
                    Long.MAX_VALUE,
                    null,
                    "draws the initial atoms and the batch order")),
            LcaLinkedExperiment.Settings::from));
    List<String> table1Features = new ArrayList<>(List.of(Table1.RAW));
    table1Features.addAll(Arrays.stream(LcaFeatures.values()).map(LcaFeatures::key).toList());
    add(
        new ParamSet(
            Table1.MODEL,
            List.of(
                choice(
                    "features",
                    table1Features,
                    null,
                    "raw pixels, or the codes of that lca-linked trial"),
                text("codes_from", null, "the table whose trials' codes are classified"),
                numbers("lr_c", 0, INF, "C values logistic regression is selected from"),
                numbers("svm_linear_c", 0, INF, "C values the linear SVM is selected from"),
                numbers("svm_rbf_c", 0, INF, "C values the RBF SVM is selected from"),
                numbers(
                    "svm_rbf_gamma_factors",
                    0,
                    INF,
                    "RBF gammas tried, as multiples of 1 / (features x variance)"),
                bool(
                    "svm_rbf_refit",
                    false,
                    "refit the chosen RBF setting on all train_size examples"),
                integer(
                    "embed_per_class",
                    1,
                    100_000,
                    null,
                    "test examples per class in the PCA and t-SNE embeddings"),
                integer("knn_k", 1, 10_000, null, "neighbours of the k-NN score of an embedding"),
                number("tsne_perplexity", 1e-9, INF, null, "t-SNE perplexity"),
                integer("tsne_iterations", 1, 1_000_000, null, "t-SNE gradient steps"),
                integer("seed", 0, Long.MAX_VALUE, null, "draws subsamples and the t-SNE start"),
                integer(
                    "steps",
                    1,
                    1,
                    null,
                    "always 1: the classifiers train to convergence, not for steps"),
                integer(
                    Table1.TRAIN_SIZE, 1, MAX_BATCH, null, "training examples the classifiers see"),
                integer(
                    Table1.VALIDATION_SIZE,
                    1,
                    MAX_BATCH,
                    null,
                    "validation examples model selection uses"),
                integer(Table1.TEST_SIZE, 1, MAX_BATCH, null, "test examples scored"),
                integer(
                        Table1.RBF_TRAIN_SIZE,
                        1,
                        MAX_BATCH,
                        null,
                        "training examples the RBF SVM selection sees")
                    .optional("train_size"))));
    add(
        new ParamSet(
            "ovr_encoder",
            List.of(
                choice(
                    "features",
                    names(OvrEncoder.Features.values()),
                    null,
                    "the representation the linear probe reads"),
                choice("dataset", DATASETS, "mnist", "the data set"),
                integer("train_size", 0, MAX_BATCH, null, "first training examples used (0: all)"),
                integer("pca_components", 1, 100_000, null, "PCA components the encoders read"),
                bool("standardize", null, "standardise each pixel before PCA"),
                integer("units", 1, 1_000_000, null, "encoder units"),
                number(
                    "init_stddev",
                    0,
                    INF,
                    null,
                    "standard deviation of the initial encoder weights"),
                number("lambda", 0, INF, null, "weight of the ovr term"),
                number("activity_target", 0, 1, null, "target share of active units"),
                choice(
                    "update_rule",
                    List.of("autodiff", "explicit"),
                    null,
                    "autodiff: TensorFlow's gradient; explicit: the closed form"),
                integer("batch", 1, MAX_BATCH, null, "examples per encoder step"),
                number("learning_rate", 0, INF, null, "encoder learning rate"),
                integer(
                    "lr_patience",
                    1,
                    1_000_000,
                    null,
                    "epochs without improvement before the rate drops"),
                number("lr_factor", 1e-9, 1, null, "factor the rate drops by"),
                number("ae_l1", 0, INF, null, "L1 weight of the autoencoder baseline"),
                number(
                    "ae_decoder_stddev",
                    0,
                    INF,
                    null,
                    "initial decoder weight scale of the autoencoder baseline"),
                number("probe_learning_rate", 0, INF, null, "learning rate of the linear probe"),
                integer("probe_batch", 1, MAX_BATCH, null, "examples per probe step"),
                integer("probe_epochs", 1, 1_000_000, null, "probe epochs"),
                integer("epochs", 1, 1_000_000, null, "encoder epochs"),
                integer(
                    "steps",
                    1,
                    MAX_STEPS,
                    null,
                    "encoder steps (the smaller of this and epochs wins)"),
                integer(
                    "seed", 0, Long.MAX_VALUE, null, "draws the weights and the batch order"))));
  }

  /** The declarations of a model, or an error naming the known models. */
  public static ParamSet forModel(String model) {
    ParamSet p = BY_MODEL.get(model);
    if (p == null) {
      throw new IllegalArgumentException(
          "no parameter declarations for model '"
              + model
              + "'; known models: "
              + String.join(", ", BY_MODEL.keySet()));
    }
    return p;
  }

  /**
   * Whether the model trains on a named data set (MNIST by default), not on data it makes itself.
   */
  public static boolean readsDataSet(String model) {
    return !model.equals("ovr_sphere");
  }

  public static List<ParamSet> all() {
    return List.copyOf(BY_MODEL.values());
  }

  /** The parameters every {@link ClassifierExperiment} reads. */
  private static List<Param> classifier() {
    return List.of(
        choice("dataset", DATASETS, "mnist", "the data set"),
        integer("batch", 1, MAX_BATCH, null, "examples per training step"),
        integer("steps", 1, MAX_STEPS, null, "training steps"),
        integer("eval_every", 1, MAX_STEPS, null, "steps between validation evaluations"),
        integer("seed", 0, Long.MAX_VALUE, null, "draws the initial weights and the batch order"));
  }

  private static List<Param> cnn() {
    return List.of(
        integer("filters", 1, 100_000, null, "convolution filters"),
        integer("kernel", 1, 28, null, "kernel side"),
        integer("stride", 1, 28, null, "convolution stride"),
        number("lambda", 0, INF, null, "weight of the L1 penalty on the feature maps"),
        number("learning_rate", 0, INF, null, "Adam's learning rate"),
        number(
            "init_stddev",
            0,
            INF,
            null,
            "standard deviation of the truncated-normal initial weights"),
        number("bias_init", -INF, INF, null, "initial value of every bias"));
  }

  @SafeVarargs
  private static List<Param> join(List<Param>... parts) {
    List<Param> out = new ArrayList<>();
    for (List<Param> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
  }

  private static void add(ParamSet p) {
    BY_MODEL.put(p.model(), p);
  }
}
