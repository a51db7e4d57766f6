package org.sparsecode.bench;

import java.util.List;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.CnnClassifier;
import org.sparsecode.model.CnnConfig;
import org.sparsecode.model.ConvAutoencoderClassifier;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;

/**
 * The models whose training step is benchmarked, each with the same model's name in the PyTorch
 * peer and its arithmetic per step (batch {@link #BATCH}).
 */
public enum BenchModel {
  FC("fc", "blog-fc") {
    @Override
    ClassifierGraph build(ModelGraph graph) {
      return MlpClassifier.build(graph, MlpConfig.l1(FcConfig.blog(1), 1e-5f));
    }

    @Override
    double flopsPerStep() {
      // Layer 1: forward and weight gradient (nothing asks for the images' gradient);
      // layer 2: forward, weight gradient and the hidden gradient.
      return 2.0 * BATCH * (2 * 784.0 * 784 + 3 * 784.0 * 10);
    }

    @Override
    String flopFormula() {
      return "2 B (2 * 784 * 784 + 3 * 784 * 10), B = 100: the first layer's forward and weight-gradient products, "
          + "the second layer's forward, weight- and hidden-gradient products; no gradient for the images";
    }
  },
  CNN("cnn", "blog-cnn") {
    @Override
    ClassifierGraph build(ModelGraph graph) {
      return CnnClassifier.build(graph, CnnConfig.blog(1e-5f, 1));
    }

    @Override
    double flopsPerStep() {
      return cnnFlops();
    }

    @Override
    String flopFormula() {
      return CNN_FORMULA;
    }
  },
  CNN_AE_CONV_TRANSPOSE("cnn_ae_convt", "blog-ae") {
    @Override
    ClassifierGraph build(ModelGraph graph) {
      return ConvAutoencoderClassifier.build(
          graph, CnnConfig.blog(1e-5f, 1), Decoder.CONV_TRANSPOSE, 1f);
    }

    @Override
    double flopsPerStep() {
      return cnnFlops() + decoderFlops(1);
    }

    @Override
    String flopFormula() {
      return CNN_FORMULA
          + ", + 3 * 2 B * 14 * 14 * 200 * 9 * 1 for the transposed convolution 200 -> 1 "
          + "(forward, kernel gradient and code gradient)";
    }
  },
  CNN_AE_SUBPIXEL("cnn_ae_subpixel", "blog-ae") {
    @Override
    ClassifierGraph build(ModelGraph graph) {
      return ConvAutoencoderClassifier.build(graph, CnnConfig.blog(1e-5f, 1), Decoder.SUBPIXEL, 1f);
    }

    @Override
    double flopsPerStep() {
      return cnnFlops() + decoderFlops(4);
    }

    @Override
    String flopFormula() {
      return CNN_FORMULA
          + ", + 3 * 2 B * 14 * 14 * 200 * 9 * 4 for the 3x3 convolution 200 -> 4 before the shuffle "
          + "(forward, kernel gradient and code gradient)";
    }
  };

  public static final int BATCH = 100;

  /** The model's name in harness/peers/torch_fc_step.py. */
  final String peerName;

  /** The table whose benchmark report lists this model. */
  final String table;

  BenchModel(String peerName, String table) {
    this.peerName = peerName;
    this.table = table;
  }

  abstract ClassifierGraph build(ModelGraph graph);

  abstract double flopsPerStep();

  /** {@link #flopsPerStep()} written out, for reports. Elementwise work is not counted. */
  abstract String flopFormula();

  private static final String CNN_FORMULA =
      "2 * 2 B * 14 * 14 * 200 * 9 (the 3x3 stride-2 convolution 1 -> 200: forward and kernel gradient; no image gradient) "
          + "+ 3 * 2 B * 39,200 * 10 (dense: forward, weight and input gradients), B = 100";

  static List<BenchModel> forTable(String table) {
    List<BenchModel> models =
        java.util.Arrays.stream(values()).filter(m -> m.table.equals(table)).toList();
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "no benchmark for table '"
              + table
              + "'; choose blog-fc, blog-cnn, blog-ae, lca or table1-selection");
    }
    return models;
  }

  /**
   * Conv 3x3x1x200 stride 2 (forward and kernel gradient) and dense 39,200 -> 10 (three products).
   */
  private static double cnnFlops() {
    double conv = 2.0 * BATCH * 14 * 14 * 200 * 9;
    double dense = 2.0 * BATCH * 14 * 14 * 200 * 10;
    return 2 * conv + 3 * dense;
  }

  /**
   * A 3x3 decoder between 200 maps of 14x14 and {@code outChannels}: forward, kernel and code
   * gradients.
   */
  private static double decoderFlops(int outChannels) {
    return 3 * 2.0 * BATCH * 14 * 14 * 200 * 9 * outChannels;
  }
}
