package org.sparsecode.harness;

/**
 * What gives a trial its {@link Fingerprint} as the current code and sweep file make it; {@link
 * Staleness} compares it with the one stored with the trial's result.
 */
@FunctionalInterface
public interface Fingerprints {
  /** The fingerprint of {@code trial} of {@code spec} under {@code budget}. */
  Fingerprint of(SweepSpec spec, String budget, Trial trial);
}
