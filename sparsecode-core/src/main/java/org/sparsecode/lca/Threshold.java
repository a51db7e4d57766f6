package org.sparsecode.lca;

/** LCA transfer functions a = T(u) with threshold lambda. */
public enum Threshold {
  /** The paper's T: a = u * [u > lambda] (non-negative, keeps the full potential). */
  HARD,
  /** a = max(u - lambda, 0): LCA then minimises the L1 energy with a >= 0. */
  SOFT_NONNEGATIVE,
  /** a = sign(u) max(|u| - lambda, 0): LCA then minimises the L1 energy (the lasso). */
  SOFT_SIGNED
}
