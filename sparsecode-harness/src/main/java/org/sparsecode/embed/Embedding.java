package org.sparsecode.embed;

import java.util.Objects;

/**
 * Points in the plane, with the KL divergence of the t-SNE run that placed them.
 *
 * @param coordinates row-major n x 2: point i at (coordinates[2i], coordinates[2i + 1])
 * @param klIterations after which iterations (1-based) the KL divergence was recorded
 * @param klDivergences KL(P || Q) at those iterations, with the un-exaggerated P
 * @param config how the run was configured
 */
public record Embedding(
    double[] coordinates, int[] klIterations, double[] klDivergences, TsneConfig config) {

  public Embedding {
    Objects.requireNonNull(coordinates, "coordinates");
    if (coordinates.length % 2 != 0 || klIterations.length != klDivergences.length) {
      throw new IllegalArgumentException(
          "an embedding needs 2 coordinates per point and one KL"
              + " value per recorded iteration");
    }
  }

  /** Number of points. */
  public int size() {
    return coordinates.length / 2;
  }

  public double x(int i) {
    return coordinates[2 * i];
  }

  public double y(int i) {
    return coordinates[2 * i + 1];
  }

  /** The KL divergence after the last iteration. */
  public double finalKl() {
    return klDivergences[klDivergences.length - 1];
  }
}
