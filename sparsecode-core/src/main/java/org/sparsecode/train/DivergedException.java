package org.sparsecode.train;

/** The training loss became NaN or infinite: the trial stops and is recorded as diverged. */
public class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int step;
  private final float loss;

  public DivergedException(int step, float loss) {
    super(
        "training diverged: the loss became " + loss + " at step " + step
            + "; lower the learning rate or lambda, or check the input data");
    this.step = step;
    this.loss = loss;
  }

  public int step() {
    return step;
  }

  public float loss() {
    return loss;
  }
}
