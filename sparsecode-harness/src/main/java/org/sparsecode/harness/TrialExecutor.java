package org.sparsecode.harness;

/**
 * Runs one trial. Divergence is a result (status DIVERGED), not an exception: an exception stops
 * the sweep, keeping the trials already finished.
 */
@FunctionalInterface
public interface TrialExecutor {
  TrialResult run(Trial trial) throws Exception;
}
