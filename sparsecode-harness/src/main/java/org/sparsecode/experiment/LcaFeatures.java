package org.sparsecode.experiment;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.lca.LinkedLearning.DriveKind;

/**
 * The dictionaries of the linking document, by the {@code features} value of a trial: which
 * modalities are linked while learning and which ordinal driver, if any, pushes the class blocks.
 * Codes for classification are always inferred from the MNIST image alone.
 */
public enum LcaFeatures {
  /** An MNIST-only dictionary: the baseline. */
  SINGLE(LcaLinked.SINGLE, 1, DriveKind.NONE),
  /** MNIST linked with the rendered digit of its class. */
  LINKED(LcaLinked.LINKED, 2, DriveKind.NONE),
  /** Linked, plus the class-block driver as a third modality (identity dictionary, fixed). */
  ORDINAL_MODALITY(LcaLinked.ORDINAL_MODALITY, 2, DriveKind.MODALITY),
  /** Linked, plus the class-block driver as a current added to the drive b. */
  ORDINAL_CURRENT(LcaLinked.ORDINAL_CURRENT, 2, DriveKind.CURRENT);

  private final String key;
  private final int modalities;
  private final DriveKind drive;

  LcaFeatures(String key, int modalities, DriveKind drive) {
    this.key = key;
    this.modalities = modalities;
    this.drive = drive;
  }

  /** The value sweep files use. */
  public String key() {
    return key;
  }

  /** 1 (MNIST) or 2 (MNIST and the rendered digits). */
  public int modalities() {
    return modalities;
  }

  public DriveKind drive() {
    return drive;
  }

  /**
   * The id of this kind's trial in a sweep whose only grid key is {@code features} (trial ids write
   * '_' inside values as '-': {@code features_ordinal-current}).
   */
  public String trialId() {
    return "features_" + key.replace('_', '-');
  }

  public static LcaFeatures parse(String key) {
    for (LcaFeatures f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown features '"
            + key
            + "'; choose one of "
            + Arrays.stream(values()).map(LcaFeatures::key).collect(Collectors.joining(", ")));
  }
}
