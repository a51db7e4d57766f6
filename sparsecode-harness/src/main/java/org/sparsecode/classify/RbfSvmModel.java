package org.sparsecode.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A trained multi-class C-SVM with the RBF kernel in LIBSVM's one-vs-one form: one binary model per
 * pair of classes (i, j), classes in order of first appearance in training, i before j; prediction
 * by votes, a decision value above 0 voting for class i, the earliest class among equal votes. It
 * predicts from kernels computed once per row and support vector from dense squared distances
 * ({@link SquaredDistances}), where LIBSVM recomputes each from the sparse rows.
 */
final class RbfSvmModel implements Classifier {
  /** Rows of a prediction scored at a time: bounds the distances held to rows x support vectors. */
  private static final int PREDICT_CHUNK = 1000;

  private final ClassifierSettings settings;
  private final int[] classes;
  private final FeatureMatrix supportVectors;
  private final List<PairModel> pairs;

  /**
   * One pair's binary model as trained: decision(x) = sum_k coef[k] K(x, row sv[k]) - rho, with
   * {@code sv} the training rows of its support vectors.
   */
  record PairFit(int[] sv, double[] coef, double rho) {}

  /** A pair's model over the rows of {@code supportVectors}. */
  private record PairModel(int first, int second, int[] sv, double[] coef, double rho) {}

  /** The classes in order of first appearance, and the training rows of each, in order. */
  record ClassGroups(int[] classes, int[][] rows) {
    static ClassGroups of(int[] labels) {
      Map<Integer, List<Integer>> members = new LinkedHashMap<>();
      for (int r = 0; r < labels.length; r++) {
        members.computeIfAbsent(labels[r], k -> new ArrayList<>()).add(r);
      }
      return new ClassGroups(
          members.keySet().stream().mapToInt(Integer::intValue).toArray(),
          members.values().stream()
              .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
              .toArray(int[][]::new));
    }

    /** Class i's rows then class j's: the examples of pair (i, j) in LIBSVM's order. */
    int[] pairRows(int i, int j) {
      int[] joined = Arrays.copyOf(rows[i], rows[i].length + rows[j].length);
      System.arraycopy(rows[j], 0, joined, rows[i].length, rows[j].length);
      return joined;
    }
  }

  private RbfSvmModel(
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
   * The model of {@code fits}, one per pair (0, 1), (0, 2), ..., (1, 2), ... of {@code
   * groups.classes()}, whose support vectors are rows of {@code x}.
   */
  static RbfSvmModel of(
      ClassifierSettings settings, FeatureMatrix x, ClassGroups groups, List<PairFit> fits) {
    TreeSet<Integer> supportRows = new TreeSet<>();
    for (PairFit fit : fits) {
      for (int row : fit.sv()) {
        supportRows.add(row);
      }
    }
    int[] position = new int[x.rows()];
    float[] values = new float[supportRows.size() * x.cols()];
    int p = 0;
    for (int row : supportRows) {
      position[row] = p;
      System.arraycopy(x.values(), row * x.cols(), values, p * x.cols(), x.cols());
      p++;
    }
    List<PairModel> pairs = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < groups.classes().length; i++) {
      for (int j = i + 1; j < groups.classes().length; j++, k++) {
        PairFit fit = fits.get(k);
        int[] sv = fit.sv().clone();
        for (int s = 0; s < sv.length; s++) {
          sv[s] = position[sv[s]];
        }
        pairs.add(new PairModel(i, j, sv, fit.coef(), fit.rho()));
      }
    }
    return new RbfSvmModel(
        settings, groups.classes(), new FeatureMatrix(values, supportRows.size(), x.cols()), pairs);
  }

  /** The number of support vectors, all classes together. */
  int supportVectorCount() {
    return supportVectors.rows();
  }

  /** Each pair's rho, in pair order. */
  double[] rhos() {
    return pairs.stream().mapToDouble(PairModel::rho).toArray();
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
   * LIBSVM's order.
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
}
