package org.sparsecode.model;

import java.util.Locale;

/** How the joint autoencoder maps the sparse code back to the image. */
public enum Decoder {
  /** Transposed convolution 3x3, filters -> 1 channel, stride 2, SAME, plus one bias. */
  CONV_TRANSPOSE,
  /**
   * Convolution 3x3, filters -> 4 channels, stride 1, SAME, plus bias, then a periodic shuffle (r =
   * 2).
   */
  SUBPIXEL,
  /**
   * The blog's transposed-convolution model with its two bugs, for comparing like with like: the
   * encoder's biases are added to the reconstruction (broadcasting it to one copy per filter, each
   * compared with the image) and the L1 term is counted twice.
   */
  CONV_TRANSPOSE_BLOG_BUGS;

  /**
   * @return the name sweep files use: conv_transpose, subpixel, conv_transpose_blog_bugs
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a sweep file's value.
   *
   * @param id conv_transpose, subpixel or conv_transpose_blog_bugs
   * @return the decoder
   * @throws IllegalArgumentException naming the choices
   */
  public static Decoder parse(String id) {
    for (Decoder d : values()) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown decoder '"
            + id
            + "'; choose conv_transpose, subpixel or conv_transpose_blog_bugs");
  }
}
