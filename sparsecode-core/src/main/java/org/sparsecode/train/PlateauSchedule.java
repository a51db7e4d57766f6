package org.sparsecode.train;

/**
 * Lowers the learning rate when the validation loss stops improving (as Keras's ReduceLROnPlateau
 * with min_delta 0 and no cooldown): after {@code patience} epochs in a row without a new best
 * loss, the rate is multiplied by {@code factor} and the count starts again.
 */
public final class PlateauSchedule {
  private final float factor;
  private final int patience;
  private float rate;
  private double best = Double.POSITIVE_INFINITY;
  private int epochsWithoutImprovement;

  /**
   * @param initialRate the first rate, finite and &gt; 0
   * @param factor multiplies the rate on a plateau, in (0, 1)
   * @param patience epochs without a new best loss before the rate drops, &gt;= 1
   */
  public PlateauSchedule(float initialRate, float factor, int patience) {
    if (!(initialRate > 0) || Float.isInfinite(initialRate)) {
      throw new IllegalArgumentException(
          "the initial learning rate must be finite and > 0, got " + initialRate);
    }
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException(
          "lr_factor must lie strictly between 0 and 1, got "
              + factor
              + " (the document divides by 10: 0.1)");
    }
    if (patience < 1) {
      throw new IllegalArgumentException(
          "lr_patience must be >= 1 epoch, got " + patience + " (the document uses 5)");
    }
    this.rate = initialRate;
    this.factor = factor;
    this.patience = patience;
  }

  /**
   * The rate for the next epoch, given this epoch's validation loss (NaN counts as no improvement).
   *
   * @param validationLoss this epoch's validation loss
   * @return the rate for the next epoch, the current one or lowered by the factor
   */
  public float afterEpoch(double validationLoss) {
    if (validationLoss < best) {
      best = validationLoss;
      epochsWithoutImprovement = 0;
    } else {
      epochsWithoutImprovement++;
      if (epochsWithoutImprovement >= patience) {
        rate *= factor;
        epochsWithoutImprovement = 0;
      }
    }
    return rate;
  }

  /**
   * @return the current rate
   */
  public float rate() {
    return rate;
  }

  /**
   * @return the lowest validation loss seen so far (infinite before the first epoch)
   */
  public double best() {
    return best;
  }
}
