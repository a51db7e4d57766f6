package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * The same C-SVM with the RBF kernel as {@link RbfSvmClassifier}, trained by LIBSVM's own solver on
 * kernel matrices built from squared distances computed once ({@link SquaredDistances}). LIBSVM
 * trains a multi-class C-SVM as one binary problem per pair of classes and recomputes every kernel
 * value from the sparse feature rows in each fit; a model selection over C and gamma fits the same
 * training set many times, and that recomputation was most of its time.
 *
 * <p>This class does what LIBSVM's multi-class training does, on a precomputed kernel: classes in
 * order of first appearance, one binary problem per pair (i, j), i before j, class i's examples
 * (+1) then class j's (-1), each in training order; prediction by one-vs-one votes, a decision
 * value above 0 voting for class i, the earliest class among equal votes. Its models equal LIBSVM's
 * up to the rounding of the kernel values (see {@code PrecomputedRbfSvmTest}).
 */
final class PrecomputedRbfSvm implements Classifier {
  /** Rows of a prediction scored at a time: bounds the distances held to rows x support vectors. */
  private static final int PREDICT_CHUNK = 1000;

  private final ClassifierSettings settings;
  private final int[] classes;
  private final FeatureMatrix supportVectors;
  private final List<PairModel> pairs;

  /**
   * The binary model of classes (first, second): decision(x) = sum_k coef[k] K(x, sv_k) - rho, with
   * sv_k = supportVectors row {@code sv[k]}.
   */
  private record PairModel(int first, int second, int[] sv, double[] coef, double rho) {}

  private PrecomputedRbfSvm(
      ClassifierSettings settings,
      int[] classes,
      FeatureMatrix supportVectors,
      List<PairModel> pairs) {
    this.settings = settings;
    this.classes = classes;
    this.supportVectors = supportVectors;
    this.pairs = pairs;
  }

  /**
   * Trains on {@code x} and {@code labels}, reading the kernel from {@code distances}: the
   * row-major |x_a - x_b|^2 of {@link SquaredDistances#within}{@code (x)}.
   */
  static PrecomputedRbfSvm fit(
      ClassifierSettings settings, FeatureMatrix x, int[] labels, float[] distances) {
    Checks.checkTrainable(x, labels);
    if (settings.kind() != ClassifierKind.SVM_RBF) {
      throw new IllegalArgumentException(
          "a precomputed RBF kernel cannot train " + settings.kind());
    }
    int n = x.rows();
    if (distances.length != (long) n * n) {
      throw new IllegalArgumentException(
          distances.length + " distances do not match " + n + " training rows (" + n + "^2)");
    }
    LibraryOutput.silence();
    Map<Integer, List<Integer>> members = new LinkedHashMap<>(); // first-appearance order
    for (int r = 0; r < n; r++) {
      members.computeIfAbsent(labels[r], k -> new ArrayList<>()).add(r);
    }
    int[] classes = members.keySet().stream().mapToInt(Integer::intValue).toArray();
    int[][] rowsOf = members.values().stream().map(PrecomputedRbfSvm::ints).toArray(int[][]::new);
    int largestPair = 0;
    for (int i = 0; i < classes.length; i++) {
      for (int j = i + 1; j < classes.length; j++) {
        largestPair = Math.max(largestPair, rowsOf[i].length + rowsOf[j].length);
      }
    }
    svm_node[][] kernelRows = nodes(largestPair);
    svm_parameter parameter = RbfSvmClassifier.parameter(settings);
    parameter.kernel_type = svm_parameter.PRECOMPUTED;

    List<int[]> pairRows = new ArrayList<>();
    List<double[]> pairCoef = new ArrayList<>();
    List<Double> pairRho = new ArrayList<>();
    TreeSet<Integer> supportRows = new TreeSet<>();
    for (int i = 0; i < classes.length; i++) {
      for (int j = i + 1; j < classes.length; j++) {
        int[] rows = concat(rowsOf[i], rowsOf[j]);
        svm_problem problem = new svm_problem();
        problem.l = rows.length;
        problem.x = kernelRows;
        problem.y = new double[rows.length];
        for (int a = 0; a < rows.length; a++) {
          problem.y[a] = a < rowsOf[i].length ? +1 : -1;
        }
        fillKernel(kernelRows, rows, distances, n, settings.gamma());
        svm_model model = svm.svm_train(problem, parameter);
        // The model's support vectors are the reused kernel rows: keep only indices and weights.
        double sign = model.label[0] == +1 ? 1 : -1;
        int count = model.sv_indices.length;
        int[] sv = new int[count];
        double[] coef = new double[count];
        for (int k = 0; k < count; k++) {
          sv[k] = rows[model.sv_indices[k] - 1];
          coef[k] = sign * model.sv_coef[0][k];
          supportRows.add(sv[k]);
        }
        pairRows.add(sv);
        pairCoef.add(coef);
        pairRho.add(sign * model.rho[0]);
      }
    }

    // Support vectors as rows of one smaller matrix; pair models point into it.
    int[] position = new int[n];
    float[] values = new float[supportRows.size() * x.cols()];
    int p = 0;
    for (int row : supportRows) {
      position[row] = p;
      System.arraycopy(x.values(), row * x.cols(), values, p * x.cols(), x.cols());
      p++;
    }
    List<PairModel> pairs = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < classes.length; i++) {
      for (int j = i + 1; j < classes.length; j++, k++) {
        int[] sv = pairRows.get(k).clone();
        for (int s = 0; s < sv.length; s++) {
          sv[s] = position[sv[s]];
        }
        pairs.add(new PairModel(i, j, sv, pairCoef.get(k), pairRho.get(k)));
      }
    }
    FeatureMatrix supportVectors = new FeatureMatrix(values, supportRows.size(), x.cols());
    return new PrecomputedRbfSvm(settings, classes, supportVectors, pairs);
  }

  /**
   * LIBSVM's trained multi-class model as the same pair models, so that it predicts from dense
   * distances too: LIBSVM's own prediction recomputes each test row's kernel with every support
   * vector from the sparse rows, which took minutes for a model of 55,000 codes.
   */
  static PrecomputedRbfSvm fromLibsvm(ClassifierSettings settings, svm_model model, int cols) {
    int[] start = new int[model.nr_class];
    for (int c = 1; c < model.nr_class; c++) {
      start[c] = start[c - 1] + model.nSV[c - 1];
    }
    float[] values = new float[model.l * cols];
    for (int s = 0; s < model.l; s++) {
      for (svm_node node : model.SV[s]) {
        values[s * cols + node.index - 1] = (float) node.value;
      }
    }
    List<PairModel> pairs = new ArrayList<>();
    int p = 0;
    for (int i = 0; i < model.nr_class; i++) {
      for (int j = i + 1; j < model.nr_class; j++, p++) {
        // LIBSVM keeps class i's weights against class j in row j - 1, class j's in row i.
        int ni = model.nSV[i];
        int nj = model.nSV[j];
        int[] sv = new int[ni + nj];
        double[] coef = new double[ni + nj];
        for (int t = 0; t < ni; t++) {
          sv[t] = start[i] + t;
          coef[t] = model.sv_coef[j - 1][start[i] + t];
        }
        for (int t = 0; t < nj; t++) {
          sv[ni + t] = start[j] + t;
          coef[ni + t] = model.sv_coef[i][start[j] + t];
        }
        pairs.add(new PairModel(i, j, sv, coef, model.rho[p]));
      }
    }
    return new PrecomputedRbfSvm(
        settings, model.label.clone(), new FeatureMatrix(values, model.l, cols), pairs);
  }

  /** The number of support vectors, all classes together. */
  int supportVectorCount() {
    return supportVectors.rows();
  }

  @Override
  public ClassifierSettings settings() {
    return settings;
  }

  @Override
  public int featureCount() {
    return supportVectors.cols();
  }

  @Override
  public int[] predict(FeatureMatrix x) {
    double[][] decisions = decisionValues(x);
    int[] predicted = new int[x.rows()];
    int[] votes = new int[classes.length];
    for (int r = 0; r < predicted.length; r++) {
      Arrays.fill(votes, 0);
      for (int p = 0; p < pairs.size(); p++) {
        votes[decisions[r][p] > 0 ? pairs.get(p).first() : pairs.get(p).second()]++;
      }
      int best = 0;
      for (int c = 1; c < votes.length; c++) {
        if (votes[c] > votes[best]) {
          best = c;
        }
      }
      predicted[r] = classes[best];
    }
    return predicted;
  }

  /**
   * Every pair model's decision value for every row of {@code x}, as [row][pair] with the pairs in
   * LIBSVM's order ((0, 1), (0, 2), ..., classes in order of first appearance in training).
   */
  double[][] decisionValues(FeatureMatrix x) {
    Checks.checkFeatures(x, featureCount());
    double[][] decisions = new double[x.rows()][pairs.size()];
    int m = supportVectors.rows();
    double[] kernel = new double[m];
    for (int from = 0; from < x.rows(); from += PREDICT_CHUNK) {
      int count = Math.min(PREDICT_CHUNK, x.rows() - from);
      FeatureMatrix chunk =
          new FeatureMatrix(
              Arrays.copyOfRange(x.values(), from * x.cols(), (from + count) * x.cols()),
              count,
              x.cols());
      float[] d = SquaredDistances.between(chunk, supportVectors, 1);
      for (int r = 0; r < count; r++) {
        for (int s = 0; s < m; s++) {
          kernel[s] = Math.exp(-settings.gamma() * d[r * m + s]);
        }
        for (int p = 0; p < pairs.size(); p++) {
          PairModel pair = pairs.get(p);
          double decision = -pair.rho();
          for (int k = 0; k < pair.sv().length; k++) {
            decision += pair.coef()[k] * kernel[pair.sv()[k]];
          }
          decisions[from + r][p] = decision;
        }
      }
    }
    return decisions;
  }

  /**
   * Writes the kernel of the examples {@code rows} into LIBSVM's precomputed format: node 0 holds
   * the example's 1-based position in the problem, node b + 1 the kernel value with example b.
   */
  private static void fillKernel(
      svm_node[][] kernelRows, int[] rows, float[] distances, int n, double gamma) {
    for (int a = 0; a < rows.length; a++) {
      svm_node[] row = kernelRows[a];
      row[0].value = a + 1;
      int base = rows[a] * n;
      row[a + 1].value = Math.exp(-gamma * distances[base + rows[a]]);
      for (int b = a + 1; b < rows.length; b++) {
        double k = Math.exp(-gamma * distances[base + rows[b]]);
        row[b + 1].value = k;
        kernelRows[b][a + 1].value = k;
      }
    }
  }

  /** size rows of size + 1 nodes, indexed 0..size as LIBSVM's precomputed kernel expects. */
  private static svm_node[][] nodes(int size) {
    svm_node[][] rows = new svm_node[size][size + 1];
    for (svm_node[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        row[c] = new svm_node();
        row[c].index = c;
      }
    }
    return rows;
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] concat(int[] a, int[] b) {
    int[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
