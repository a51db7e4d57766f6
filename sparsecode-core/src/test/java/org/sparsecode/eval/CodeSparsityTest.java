package org.sparsecode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;

class CodeSparsityTest {
  /**
   * Three examples of four units: (0, 0.05, 0.1, 2) below 0.1: 2, zeros: 1, active: 3 (0, 0, 0,
   * 0.5) below 0.1: 3, zeros: 3, active: 1 (-0.2, 0, 0.09, 0) below 0.1: 4, zeros: 2, active: 1
   * (the negative value is below but not active) below = 9/12, zeros = 6/12, AVR = 5/3; unit 0 is
   * never > 0, so 1 of 4 units is dead.
   */
  @Test
  void handCountedMatrix() {
    float[] codes = {0, 0.05f, 0.1f, 2, 0, 0, 0, 0.5f, -0.2f, 0, 0.09f, 0};
    CodeSparsity s = CodeSparsity.measure(new Dataset("codes", codes, new int[3], 4, 1), 0.1);
    assertEquals(9.0 / 12, s.belowThreshold(), 1e-12);
    assertEquals(6.0 / 12, s.zeroFraction(), 1e-12);
    assertEquals(5.0 / 3, s.avr(), 1e-12);
    assertEquals(0.25, s.deadFraction(), 1e-12);
    assertEquals(0.1, s.threshold());
  }
}
