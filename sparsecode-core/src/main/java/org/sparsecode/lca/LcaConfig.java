package org.sparsecode.lca;

import java.util.Objects;

/**
 * Settings of LCA inference.
 *
 * @param lambda threshold and L1 weight of the energy
 * @param tau time constant: each Euler step moves the potentials by 1/tau of the drive
 * @param iterations Euler steps, unrolled into the graph
 * @param threshold the transfer function a = T(u)
 */
public record LcaConfig(float lambda, float tau, int iterations, Threshold threshold) {

  /**
   * Checks every setting, with the fix in the message.
   *
   * @param lambda threshold and L1 weight, finite and &gt;= 0
   * @param tau time constant, &gt; 0, in Euler steps
   * @param iterations Euler steps, &gt;= 1
   * @param threshold the transfer function, not null
   */
  public LcaConfig {
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda must be a finite number >= 0 (open implementations use 0.05 .. 0.25), got "
              + lambda);
    }
    if (!(tau >= 1) || Float.isInfinite(tau)) {
      throw new IllegalArgumentException(
          "tau must be >= 1 and finite (open implementations use about 100), got " + tau);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException(
          "iterations must be >= 1 (open implementations use a few hundred to 1000), got "
              + iterations);
    }
    Objects.requireNonNull(
        threshold, "threshold must be one of HARD, SOFT_NONNEGATIVE, SOFT_SIGNED");
  }
}
