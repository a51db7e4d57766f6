package org.sparsecode.train;

/** The training loss became NaN or infinite: the trial stops and is recorded as diverged. */
public class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The step whose loss was not finite. */
  private final int step;

  /** That loss. */
  private final float loss;

  /**
   * @param step the step whose loss was not finite (1-based)
   * @param loss that loss
   */
  public DivergedException(int step, float loss) {
    super(
        "training diverged: the loss became "
            + loss
            + " at step "
            + step
            + "; lower the learning rate or lambda, or check the input data");
    this.step = step;
    this.loss = loss;
  }

  /**
   * @return the step whose loss was not finite (1-based)
   */
  public int step() {
    return step;
  }

  /**
   * @return the loss that was not finite
   */
  public float loss() {
    return loss;
  }
}
