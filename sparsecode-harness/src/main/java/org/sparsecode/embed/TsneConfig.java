package org.sparsecode.embed;

/**
 * How t-SNE runs. The defaults are those of van der Maaten and Hinton (2008) and their reference
 * implementation: perplexity 30, 1,000 iterations of gradient descent at learning rate 200 with
 * per-coordinate adaptive gains, P exaggerated 12-fold for the first 250 iterations, momentum 0.5
 * then 0.8 from iteration 250, start from a Gaussian of deviation 1e-4.
 *
 * @param perplexity the effective number of neighbours each point's Gaussian covers; below n - 1
 * @param iterations gradient steps in all
 * @param learningRate step size
 * @param earlyExaggeration factor on P during the first {@code exaggerationIterations}
 * @param exaggerationIterations how long P stays exaggerated
 * @param initialMomentum momentum before {@code momentumSwitchIteration}
 * @param finalMomentum momentum from {@code momentumSwitchIteration} on
 * @param momentumSwitchIteration when the momentum changes
 * @param seed seeds the starting positions
 * @param klEvery the KL divergence is recorded every this many iterations (and after the last)
 */
public record TsneConfig(
    double perplexity,
    int iterations,
    double learningRate,
    double earlyExaggeration,
    int exaggerationIterations,
    double initialMomentum,
    double finalMomentum,
    int momentumSwitchIteration,
    long seed,
    int klEvery) {

  /** The deviation of the Gaussian the starting positions are drawn from. */
  public static final double INITIAL_DEVIATION = 1e-4;

  public TsneConfig {
    if (!(perplexity >= 1) || Double.isInfinite(perplexity)) {
      throw new IllegalArgumentException(
          "perplexity must be at least 1, got "
              + perplexity
              + "; 5 to 50 is usual, 30 the default");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, got " + iterations);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    if (!(earlyExaggeration >= 1) || Double.isInfinite(earlyExaggeration)) {
      throw new IllegalArgumentException(
          "early exaggeration must be at least 1 (1 = none), got " + earlyExaggeration);
    }
    if (exaggerationIterations < 0 || momentumSwitchIteration < 0) {
      throw new IllegalArgumentException(
          "iteration counts must not be negative, got "
              + exaggerationIterations
              + " and "
              + momentumSwitchIteration);
    }
    if (!(initialMomentum >= 0 && initialMomentum < 1 && finalMomentum >= 0 && finalMomentum < 1)) {
      throw new IllegalArgumentException(
          "momentum must be in [0, 1), got " + initialMomentum + " and " + finalMomentum);
    }
    if (klEvery < 1) {
      throw new IllegalArgumentException("klEvery must be positive, got " + klEvery);
    }
  }

  /** The published defaults with seed 0. */
  public static TsneConfig defaults() {
    return new TsneConfig(30, 1000, 200, 12, 250, 0.5, 0.8, 250, 0, 50);
  }

  public TsneConfig withPerplexity(double newPerplexity) {
    return new TsneConfig(
        newPerplexity,
        iterations,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        momentumSwitchIteration,
        seed,
        klEvery);
  }

  public TsneConfig withIterations(int newIterations) {
    return new TsneConfig(
        perplexity,
        newIterations,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        momentumSwitchIteration,
        seed,
        klEvery);
  }

  public TsneConfig withSeed(long newSeed) {
    return new TsneConfig(
        perplexity,
        iterations,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        momentumSwitchIteration,
        newSeed,
        klEvery);
  }

  /** One line for reports. */
  public String describe() {
    return "exact t-SNE perplexity="
        + perplexity
        + " iterations="
        + iterations
        + " learning_rate="
        + learningRate
        + " early_exaggeration="
        + earlyExaggeration
        + " for "
        + exaggerationIterations
        + " momentum="
        + initialMomentum
        + "->"
        + finalMomentum
        + " at "
        + momentumSwitchIteration
        + " seed="
        + seed;
  }
}
