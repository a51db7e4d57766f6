package org.sparsecode.embed;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How well labelled classes separate among points (an embedding's, or any others), with Euclidean
 * distances. Both scores visit every pair: O(n^2).
 */
public final class Separation {
  private Separation() {}

  /** {@link #silhouette(double[], int, int[])} of a 2-D embedding. */
  public static double silhouette(Embedding embedding, int[] labels) {
    return silhouette(embedding.coordinates(), 2, labels);
  }

  /** {@link #knnAccuracy(double[], int, int[], int)} of a 2-D embedding. */
  public static double knnAccuracy(Embedding embedding, int[] labels, int k) {
    return knnAccuracy(embedding.coordinates(), 2, labels, k);
  }

  /**
   * The mean silhouette (Rousseeuw, 1987) over all points: for point i, a = its mean distance to
   * the other members of its class, b = the smallest mean distance to the members of another class,
   * s = (b - a) / max(a, b); s = 0 for the only member of a class. From -1 (points sit among
   * another class) to 1 (tight classes far apart).
   *
   * @param points row-major n x dim coordinates
   */
  public static double silhouette(double[] points, int dim, int[] labels) {
    int n = checkPoints(points, dim, labels);
    int[] cls = denseClasses(labels);
    int classes = Arrays.stream(cls).max().orElse(0) + 1;
    if (classes < 2 || classes > n - 1) {
      throw new IllegalArgumentException(
          "the silhouette needs between 2 and n - 1 = " + (n - 1) + " classes, got " + classes);
    }
    int[] sizes = new int[classes];
    for (int c : cls) {
      sizes[c]++;
    }
    double total = 0;
    double[] distanceSums = new double[classes];
    for (int i = 0; i < n; i++) {
      Arrays.fill(distanceSums, 0);
      for (int j = 0; j < n; j++) {
        if (j != i) {
          distanceSums[cls[j]] += distance(points, dim, i, j);
        }
      }
      if (sizes[cls[i]] == 1) {
        continue; // s = 0
      }
      double a = distanceSums[cls[i]] / (sizes[cls[i]] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        if (c != cls[i]) {
          b = Math.min(b, distanceSums[c] / sizes[c]);
        }
      }
      double larger = Math.max(a, b);
      total += larger > 0 ? (b - a) / larger : 0;
    }
    return total / n;
  }

  /**
   * Leave-one-out k-nearest-neighbour accuracy: the fraction of points whose class wins the vote of
   * their k nearest other points. Equal distances are ordered by point index; a tied vote goes to
   * the tied class whose member comes nearest.
   *
   * @param points row-major n x dim coordinates
   * @param k neighbours per vote, 1 .. n - 1
   */
  public static double knnAccuracy(double[] points, int dim, int[] labels, int k) {
    int n = checkPoints(points, dim, labels);
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException(
          "k must be in 1.." + (n - 1) + " for " + n + " points, got " + k);
    }
    int[] cls = denseClasses(labels);
    int classes = Arrays.stream(cls).max().orElse(0) + 1;
    int correct = 0;
    Integer[] order = new Integer[n];
    double[] d = new double[n];
    int[] votes = new int[classes];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        order[j] = j;
        d[j] = j == i ? Double.POSITIVE_INFINITY : distance(points, dim, i, j);
      }
      Arrays.sort(
          order, (u, v) -> d[u] != d[v] ? Double.compare(d[u], d[v]) : Integer.compare(u, v));
      Arrays.fill(votes, 0);
      int winner = -1;
      for (int r = 0; r < k; r++) {
        votes[cls[order[r]]]++;
      }
      // Walking the neighbours from the nearest, the first with the top count is the winner.
      int top = Arrays.stream(votes).max().orElseThrow();
      for (int r = 0; r < k && winner < 0; r++) {
        if (votes[cls[order[r]]] == top) {
          winner = cls[order[r]];
        }
      }
      if (winner == cls[i]) {
        correct++;
      }
    }
    return (double) correct / n;
  }

  private static int checkPoints(double[] points, int dim, int[] labels) {
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(labels, "labels");
    if (dim < 1 || points.length % dim != 0) {
      throw new IllegalArgumentException(
          points.length + " coordinates do not make points of " + dim + " dimensions");
    }
    int n = points.length / dim;
    if (labels.length != n) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + n + " points; pass one label per point");
    }
    if (n < 2) {
      throw new IllegalArgumentException("separation needs at least 2 points, got " + n);
    }
    for (double v : points) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("coordinate " + v + " is not finite");
      }
    }
    return n;
  }

  /** Labels renumbered 0, 1, ... in increasing order of the original labels. */
  private static int[] denseClasses(int[] labels) {
    TreeMap<Integer, Integer> index = new TreeMap<>();
    for (int label : labels) {
      index.put(label, 0);
    }
    int next = 0;
    for (var e : index.entrySet()) {
      e.setValue(next++);
    }
    return Arrays.stream(labels).map(index::get).toArray();
  }

  private static double distance(double[] points, int dim, int i, int j) {
    double sum = 0;
    for (int c = 0; c < dim; c++) {
      double diff = points[i * dim + c] - points[j * dim + c];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  }
}
