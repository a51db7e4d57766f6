package org.sparsecode.nn;

/**
 * Direct double-precision loops for NHWC convolutions, independent of TensorFlow, following its
 * SAME rule: pad_total = max((ceil(in / stride) - 1) * stride + k - in, 0), pad_before = pad_total
 * / 2 (the odd one goes after).
 */
final class ConvReference {
  private ConvReference() {}

  static int convSize(int in, int k, int s, Padding p) {
    return p == Padding.SAME ? (in + s - 1) / s : (in - k) / s + 1;
  }

  static int transposeSize(int in, int k, int s, Padding p) {
    return p == Padding.SAME ? in * s : (in - 1) * s + k;
  }

  /** Padding before the first row (column) of a convolution over {@code in} positions. */
  static int padBefore(int in, int k, int s, Padding p) {
    if (p == Padding.VALID) {
      return 0;
    }
    int out = (in + s - 1) / s;
    return Math.max((out - 1) * s + k - in, 0) / 2;
  }

  /** x [n, h, w, c], kernel [kh, kw, c, o], bias [o] or null: out [n, oh, ow, o]. */
  static double[] conv2d(
      double[] x,
      int n,
      int h,
      int w,
      int c,
      double[] kernel,
      int kh,
      int kw,
      int o,
      int s,
      Padding p,
      double[] bias) {
    int oh = convSize(h, kh, s, p), ow = convSize(w, kw, s, p);
    int top = padBefore(h, kh, s, p), left = padBefore(w, kw, s, p);
    double[] out = new double[n * oh * ow * o];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < oh; y++) {
        for (int z = 0; z < ow; z++) {
          for (int q = 0; q < o; q++) {
            double sum = bias == null ? 0 : bias[q];
            for (int a = 0; a < kh; a++) {
              for (int e = 0; e < kw; e++) {
                int iy = y * s + a - top, iz = z * s + e - left;
                if (iy < 0 || iy >= h || iz < 0 || iz >= w) {
                  continue;
                }
                for (int i = 0; i < c; i++) {
                  sum +=
                      x[((b * h + iy) * w + iz) * c + i] * kernel[((a * kw + e) * c + i) * o + q];
                }
              }
            }
            out[((b * oh + y) * ow + z) * o + q] = sum;
          }
        }
      }
    }
    return out;
  }

  /**
   * Scatter form of the transposed convolution: each input pixel adds kernel * value into the
   * output window it maps to. x [n, h, w, c], kernel [kh, kw, o, c], bias [o] or null.
   */
  static double[] convTranspose2d(
      double[] x,
      int n,
      int h,
      int w,
      int c,
      double[] kernel,
      int kh,
      int kw,
      int o,
      int s,
      Padding p,
      double[] bias) {
    int oh = transposeSize(h, kh, s, p), ow = transposeSize(w, kw, s, p);
    int top = padBefore(oh, kh, s, p), left = padBefore(ow, kw, s, p);
    double[] out = new double[n * oh * ow * o];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int z = 0; z < w; z++) {
          for (int a = 0; a < kh; a++) {
            for (int e = 0; e < kw; e++) {
              int ty = y * s + a - top, tz = z * s + e - left;
              if (ty < 0 || ty >= oh || tz < 0 || tz >= ow) {
                continue;
              }
              for (int q = 0; q < o; q++) {
                for (int i = 0; i < c; i++) {
                  out[((b * oh + ty) * ow + tz) * o + q] +=
                      x[((b * h + y) * w + z) * c + i] * kernel[((a * kw + e) * o + q) * c + i];
                }
              }
            }
          }
        }
      }
    }
    if (bias != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] += bias[i % o];
      }
    }
    return out;
  }
}
