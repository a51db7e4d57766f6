package org.sparsecode.lca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Class blocks, drivers and block purity against hand computation. */
class OrdinalBlocksTest {

  @Test
  void documentLayout() {
    OrdinalBlocks b = OrdinalBlocks.document(256);
    assertEquals(0, b.classOf(0));
    assertEquals(0, b.classOf(24));
    assertEquals(1, b.classOf(25));
    assertEquals(9, b.classOf(249));
    assertEquals(-1, b.classOf(250));
    assertEquals(-1, b.classOf(255));
    float[] d = b.driver(3, 1f);
    for (int j = 0; j < 256; j++) {
      assertEquals(j >= 75 && j < 100 ? 1f : 0f, d[j], "neuron " + j);
    }
    float[] two = b.drivers(new int[] {0, 9}, 0.5f);
    assertEquals(0.5f, two[0]);
    assertEquals(0f, two[25]);
    assertEquals(0.5f, two[256 + 225]);
    assertEquals(0.5f, two[256 + 249]);
    assertEquals(0f, two[256 + 250]);
  }

  @Test
  void purityByHand() {
    // 3 classes, blocks of 2 over 7 neurons (neuron 6 in no block).
    OrdinalBlocks b = new OrdinalBlocks(7, 3, 2);
    float[] codes = {
      1, 1, 0, 0, 0, 0, 2, // class 0: own 2 of 4
      0, 0, 0, 0, 0, 0, 0, // class 0, silent: adds nothing
      0, -3, 1, 0, 0, 0, 0, // class 1: own |1| of |-3| + 1 = 4
      0, 0, 0.5f, 0.5f, 0, 0, 0, // class 1: own 1 of 1
      0, 0, 0, 0, 0, 0, 0 // class 2: no mass
    };
    int[] labels = {0, 0, 1, 1, 2};
    double[] p = b.purity(codes, labels);
    assertEquals(0.5, p[0], 1e-12);
    assertEquals(2.0 / 5, p[1], 1e-12, "class 1: (1 + 1) of (4 + 1)");
    assertTrue(Double.isNaN(p[2]), "class 2 has no activity");
    assertEquals((0.5 + 0.4) / 2, p[3], 1e-12, "mean over the classes with mass");
  }

  @Test
  void badLayoutsAndLabelsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new OrdinalBlocks(200, 10, 25));
    assertTrue(e.getMessage().contains("250 neurons"), e.getMessage());
    OrdinalBlocks b = OrdinalBlocks.document(256);
    assertThrows(IllegalArgumentException.class, () -> b.driver(10, 1));
    assertThrows(IllegalArgumentException.class, () -> b.purity(new float[256], new int[] {0, 1}));
    e = assertThrows(IllegalArgumentException.class, () -> b.drivers(new int[] {0, -1}, 1f));
    assertTrue(e.getMessage().contains("labels must be 0..9"), e.getMessage());
  }
}
