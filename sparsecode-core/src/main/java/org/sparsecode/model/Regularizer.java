package org.sparsecode.model;

import java.util.Locale;

/** What keeps the hidden layer of a {@link MlpClassifier} in check besides the task loss. */
public enum Regularizer {
  /** Nothing: the mean cross-entropy alone. */
  NONE,
  /** The blog's L1 activity penalty, {@code lambda * sum(hidden)} over the batch. */
  L1,
  /** Doc 001's One-vs-Rest loss on the batch's hidden codes, {@code lambda * ||sum_i Hn_i||^2}. */
  OVR,
  /** Dropout on the hidden layer while training; evaluation uses every unit. */
  DROPOUT;

  /**
   * @return the name sweep files use: none, l1, ovr, dropout
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return whether lambda weights a penalty term (true for L1 and OVR)
   */
  public boolean usesLambda() {
    return this == L1 || this == OVR;
  }

  /**
   * Reads a sweep file's value.
   *
   * @param id none, l1, ovr or dropout
   * @return the regularizer
   * @throws IllegalArgumentException naming the choices
   */
  public static Regularizer parse(String id) {
    for (Regularizer r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown regularizer '" + id + "'; choose none, l1, ovr or dropout");
  }
}
