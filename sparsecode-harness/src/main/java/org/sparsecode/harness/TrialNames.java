package org.sparsecode.harness;

import java.util.List;
import java.util.Locale;
import org.sparsecode.classify.ClassifierKind;

/**
 * The names under which experiments store what reports read, model by model: sweep-file models and
 * grid values, metrics of a trial's result, and files among its artifacts. The metrics every
 * classifier shares are in {@link Metrics}.
 */
public final class TrialNames {
  private TrialNames() {}

  /** The blog's classifiers (fc, cnn, cnn_ae, mlp_regularized). */
  public static final class Classifier {
    private Classifier() {}

    /**
     * First evaluated step at which validation accuracy reached 0.97 (-1: never), a measure of how
     * fast a model learns; its resolution is the trial's eval_every.
     */
    public static final String STEPS_TO_97 = "steps_to_97_validation";

    /**
     * Seconds spent recording the learning curve beyond the periodic validation, inside the
     * training time.
     */
    public static final String CURVE_SECONDS = "curve_seconds";

    /**
     * Artifact of a {@code cnn_ae} trial: the first test images then their reconstructions, float32
     * little-endian, row-major.
     */
    public static final String RECONSTRUCTIONS_FILE = "reconstructions.f32";
  }

  /** The OVR sphere of Doc 001. */
  public static final class OvrSphere {
    private OvrSphere() {}

    public static final String MODEL = "ovr_sphere";
  }

  /** The OVR-Encoder of Doc 001 against its baselines. */
  public static final class OvrEncoder {
    private OvrEncoder() {}

    public static final String MODEL = "ovr_encoder";

    public static final String SPARSITY_BELOW_0_1 = "sparsity_below_0_1";
    public static final String ZERO_FRACTION = "zero_fraction";
    public static final String CODE_WIDTH = "code_width";
    public static final String ENCODER_EPOCHS = "encoder_epochs";
    public static final String ENCODER_VALIDATION_LOSS = "encoder_validation_loss";
    public static final String LR_DROPS = "lr_drops";
    public static final String ENCODER_SECONDS = "encoder_seconds";
    public static final String PROBE_EPOCHS = "probe_epochs";

    /** The logistic-regression probe's learning curve, in the trial's artifacts. */
    public static final String PROBE_CURVE = "probe_curve.csv";

    public static final String PROBE_SECONDS = "probe_seconds";

    /** The kinds of features a trial scores, by the {@code features} value of its trial. */
    public enum Features {
      RAW,
      PCA,
      RANDOM_RELU,
      L1_AUTOENCODER,
      OVR_ENCODER;

      public String key() {
        return name().toLowerCase(Locale.ROOT);
      }

      public static Features parse(String value) {
        for (Features f : values()) {
          if (f.key().equals(value)) {
            return f;
          }
        }
        throw new IllegalArgumentException(
            "unknown features '"
                + value
                + "'; use raw, pca, random_relu, l1_autoencoder or ovr_encoder");
      }
    }
  }

  /** The linked dictionaries of Doc 002. */
  public static final class LcaLinked {
    private LcaLinked() {}

    public static final String MODEL = "lca_linked";

    /** {@code features} values: the dictionaries learned. */
    public static final String SINGLE = "single";

    public static final String LINKED = "linked";
    public static final String ORDINAL_MODALITY = "ordinal_modality";
    public static final String ORDINAL_CURRENT = "ordinal_current";

    /** Artifacts: the dictionaries, [784 x neurons]. */
    public static final String DICTIONARY_MNIST = "dictionary_mnist.npy";

    public static final String DICTIONARY_GLYPH = "dictionary_glyph.npy";

    /** Test indices of the figure samples: the first two of each class. */
    public static final String SAMPLE_INDICES = "sample_indices.npy";

    /** The sample test digits, pixels in [0, 1]. */
    public static final String SAMPLE_DIGITS = "sample_digits.npy";

    /** Phi_1 a of each sample, on the pixel scale. */
    public static final String SAMPLE_RECONSTRUCTIONS = "sample_mnist_reconstructions.npy";

    /** Phi_2 a of each sample, a inferred from the MNIST digit alone, on the dictionary's scale. */
    public static final String SAMPLE_CROSS_MODAL = "sample_cross_modal.npy";

    /** Phi_2 a for each of the ten glyphs, a inferred from the glyph alone, on the pixel scale. */
    public static final String GLYPH_RECONSTRUCTIONS = "glyph_reconstructions.npy";

    /** Active atoms of each test digit's code (int32). */
    public static final String TEST_ACTIVE_COUNTS = "test_active_counts.npy";

    /** Active atoms per test digit, code from the MNIST image alone. */
    public static final String L0_MNIST = "l0_mnist";

    public static final String L0_FRACTION_MNIST = "l0_fraction_mnist";

    /** Active atoms per rendered digit, code from the glyph alone (mean over the ten). */
    public static final String L0_GLYPH = "l0_glyph";

    public static final String L0_FRACTION_GLYPH = "l0_fraction_glyph";

    /** Squared error per pixel on [0, 1] of Phi_1 a against the test digit. */
    public static final String MSE_MNIST = "mse_mnist";

    /** Squared error per pixel on [0, 1] of Phi_2 a against the glyph it was inferred from. */
    public static final String MSE_GLYPH = "mse_glyph";

    /** Atoms active on no test digit. */
    public static final String DEAD_ATOMS = "dead_atoms";

    public static final String REINITIALISED_ATOMS = "reinitialised_atoms";

    /** Share of test digits whose Phi_2 a is nearest to their own class's glyph. */
    public static final String CROSS_MODAL_ACCURACY = "cross_modal_accuracy";

    /** Squared error per pixel on [0, 1] of Phi_2 a against the own class's glyph. */
    public static final String CROSS_MODAL_MSE = "cross_modal_mse";

    /** Mean over classes of the share of test activation mass in the class's own block. */
    public static final String BLOCK_PURITY = "block_purity";

    /** Active atoms per example while learning (all modalities and the driver), last window. */
    public static final String TRAIN_L0 = "train_l0";

    public static final String LEARN_SECONDS = "learn_seconds";
    public static final String CODE_SECONDS = "code_seconds";

    /** Block purity of one class: {@code block_purity_<class>}. */
    public static String blockPurity(int label) {
      return BLOCK_PURITY + "_" + label;
    }
  }

  /** Table I of Doc 002: classifiers on raw pixels and on the codes of the linked dictionaries. */
  public static final class Table1 {
    private Table1() {}

    public static final String MODEL = "lca_table1";

    /** The {@code features} value of raw pixels. */
    public static final String RAW = "raw";

    /** The classifiers of Table I, in its column order. */
    public static final List<ClassifierKind> CLASSIFIERS =
        List.of(ClassifierKind.LR, ClassifierKind.SVM_LINEAR, ClassifierKind.SVM_RBF);

    public static final String TRAIN_SIZE = "train_size";

    /** Training examples of the RBF SVM: the first ones of the train_size used by the others. */
    public static final String RBF_TRAIN_SIZE = "svm_rbf_train_size";

    /** Metric: training examples of the RBF SVM scored on test (the refit's, if refitted). */
    public static final String RBF_REFIT_SIZE = "svm_rbf_refit_size";

    public static final String VALIDATION_SIZE = "validation_size";
    public static final String TEST_SIZE = "test_size";

    /** The RBF kernel width chosen, and the scale gamma of the features it is a multiple of. */
    public static final String RBF_GAMMA = "svm_rbf_gamma";

    public static final String RBF_SCALE_GAMMA = "svm_rbf_scale_gamma";

    /** Param: the RBF gamma grid as multiples of the scale gamma. */
    public static final String RBF_GAMMA_FACTORS = "svm_rbf_gamma_factors";

    public static final String PCA_SILHOUETTE = "pca_silhouette";
    public static final String PCA_KNN = "pca_knn_accuracy";
    public static final String TSNE_SILHOUETTE = "tsne_silhouette";
    public static final String TSNE_KNN = "tsne_knn_accuracy";
    public static final String EMBED_POINTS = "embedding_points";

    /** Artifacts: the embedded test points' labels [n] and coordinates [n x 2]. */
    public static final String EMBED_LABELS = "embedding_labels.npy";

    public static final String EMBED_PCA = "embedding_pca.npy";
    public static final String EMBED_TSNE = "embedding_tsne.npy";

    /** Artifact: every candidate's validation accuracy, per classifier. */
    public static final String SELECTION = "model_selection.txt";

    /** Test accuracy of a classifier: {@code lr_accuracy}. */
    public static String accuracy(ClassifierKind kind) {
      return kind.reportName() + "_accuracy";
    }

    /** Validation accuracy of the chosen settings: {@code lr_validation_accuracy}. */
    public static String validationAccuracy(ClassifierKind kind) {
      return kind.reportName() + "_validation_accuracy";
    }

    /** The chosen C: {@code lr_c}; also the param of its candidates. */
    public static String chosenC(ClassifierKind kind) {
      return kind.reportName() + "_c";
    }

    /** Seconds to fit and score every candidate: {@code lr_select_seconds}. */
    public static String selectSeconds(ClassifierKind kind) {
      return kind.reportName() + "_select_seconds";
    }

    /** Seconds to predict the test split: {@code lr_test_seconds}. */
    public static String testSeconds(ClassifierKind kind) {
      return kind.reportName() + "_test_seconds";
    }
  }
}
