package org.sparsecode.lca;

/**
 * How well reconstructions in one modality match the class targets of another (for example Phi_2 a,
 * with a inferred from an MNIST digit alone, against the ten rendered digits).
 *
 * @param nearestClassAccuracy share of reconstructions whose nearest target (Euclidean, ties to the
 *     lower class) is their own class's
 * @param meanSquaredError mean over reconstructions of the per-value squared error against their
 *     own class's target, each class's error multiplied by {@code scale[class]^2}
 */
public record CrossModalScore(double nearestClassAccuracy, double meanSquaredError) {

  /**
   * Scores reconstructions [labels.length x width] (row-major) against {@code targets} [classes x
   * width]. Distances for the nearest class are taken as given; {@code scale[k]} (null: all 1)
   * converts class k's errors to another unit, for example back to pixels when the targets were
   * divided by their norms.
   *
   * @param reconstructions row-major [labels.length, width]
   * @param labels each reconstruction's class, in [0, classes)
   * @param targets one target per class, [classes][width]
   * @param scale a factor per class, or null for 1
   * @return the nearest-class accuracy and the mean squared error
   */
  public static CrossModalScore of(
      float[] reconstructions, int[] labels, float[][] targets, double[] scale) {
    int classes = targets.length;
    int width = Lca.columns(targets, "targets");
    if (reconstructions.length != (long) labels.length * width) {
      throw new IllegalArgumentException(
          "reconstructions have "
              + reconstructions.length
              + " values, not "
              + labels.length
              + " rows of "
              + width);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("need at least one reconstruction to score");
    }
    if (scale != null && scale.length != classes) {
      throw new IllegalArgumentException(
          "need one scale per class (" + classes + "), got " + scale.length);
    }
    int correct = 0;
    double mse = 0;
    for (int n = 0; n < labels.length; n++) {
      if (labels[n] < 0 || labels[n] >= classes) {
        throw new IllegalArgumentException(
            "label " + labels[n] + " has no target; labels must be 0.." + (classes - 1));
      }
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      double own = 0;
      for (int k = 0; k < classes; k++) {
        double d = 0;
        for (int i = 0; i < width; i++) {
          double e = reconstructions[n * width + i] - targets[k][i];
          d += e * e;
        }
        if (d < best) {
          best = d;
          nearest = k;
        }
        if (k == labels[n]) {
          own = d;
        }
      }
      correct += nearest == labels[n] ? 1 : 0;
      double s = scale == null ? 1 : scale[labels[n]];
      mse += s * s * own / width;
    }
    return new CrossModalScore((double) correct / labels.length, mse / labels.length);
  }
}
