package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The Wilson interval against values worked out by hand from its formula (z = 1.959964). */
class WilsonIntervalTest {

  @Test
  void noneRightOfTen() {
    // p = 0: centre = half = (z^2/2n) / (1 + z^2/n); high = (z^2/n) / (1 + z^2/n) = 0.384146 /
    // 1.384146.
    WilsonInterval w = WilsonInterval.of(0, 10);
    assertEquals(0, w.low(), 1e-12);
    assertEquals(0.277533, w.high(), 1e-6);
  }

  @Test
  void halfOfTen() {
    // centre 0.5; half = z / 1.384146 * sqrt(0.025 + 0.3841459 / 400) = 1.415999 * 0.186021 =
    // 0.263407.
    WilsonInterval w = WilsonInterval.of(0.5, 10);
    assertEquals(0.5 - 0.263407, w.low(), 1e-6);
    assertEquals(0.5 + 0.263407, w.high(), 1e-6);
  }

  @Test
  void anMnistAccuracy() {
    // p = 0.9749, n = 10,000: d = 1.000384146, centre = 0.975092073 / d = 0.974717639,
    // half = z / d * sqrt(0.9749 * 0.0251 / 10^4 + 3.841459 / (4 * 10^8)) = 0.003071278.
    WilsonInterval w = WilsonInterval.of(0.9749, 10_000);
    assertEquals(0.971646, w.low(), 1e-6);
    assertEquals(0.977788, w.high(), 1e-6);
    assertEquals("[0.9716, 0.9778]", w.format());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0.5, 0));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(Double.NaN, 10));
  }
}
