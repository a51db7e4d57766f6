package org.sparsecode.glyphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rendered digits against MNIST's preparation: 20 x 20 box, centre of mass, ink in [0, 1]. */
class DigitGlyphsTest {
  private static final int SIDE = DigitGlyphs.SIDE;

  @Test
  void everyGlyphHasInkInRangeAndFitsTheBox() {
    float[][] glyphs = DigitGlyphs.all();
    assertEquals(10, glyphs.length);
    for (int d = 0; d < 10; d++) {
      float[] g = glyphs[d];
      assertEquals(SIDE * SIDE, g.length);
      double mass = 0;
      int top = SIDE, bottom = -1, left = SIDE, right = -1;
      int full = 0;
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          float v = g[r * SIDE + c];
          assertTrue(v >= 0 && v <= 1, "digit " + d + " pixel " + r + "," + c + " = " + v);
          mass += v;
          full += v > 0.99f ? 1 : 0;
          if (v > 0) {
            top = Math.min(top, r);
            bottom = Math.max(bottom, r);
            left = Math.min(left, c);
            right = Math.max(right, c);
          }
        }
      }
      assertTrue(mass > 20, "digit " + d + " has ink " + mass);
      assertTrue(
          full > 10, "digit " + d + ": strokes should have fully covered pixels, got " + full);
      int height = bottom - top + 1, width = right - left + 1;
      assertTrue(height <= 20 && width <= 20, "digit " + d + " ink box " + height + " x " + width);
      // The longer side of the outline fills the box: every digit of this font is taller than wide.
      assertEquals(20, height, "digit " + d + " height");
      assertTrue(width >= 8, "digit " + d + " width " + width);
    }
  }

  @Test
  void centreOfMassWithinHalfAPixelOfFourteen() {
    for (int d = 0; d < 10; d++) {
      double[] com = DigitGlyphs.centreOfMass(DigitGlyphs.glyph(d));
      assertEquals(DigitGlyphs.CENTRE, com[0], 0.5, "digit " + d + " row");
      assertEquals(DigitGlyphs.CENTRE, com[1], 0.5, "digit " + d + " column");
    }
  }

  @Test
  void centreOfMassByHand() {
    float[] image = new float[SIDE * SIDE];
    image[2 * SIDE + 3] = 1;
    image[4 * SIDE + 7] = 3;
    // Rows (2*1 + 4*3)/4 = 3.5, columns (3*1 + 7*3)/4 = 6.
    assertArrayEquals(new double[] {3.5, 6}, DigitGlyphs.centreOfMass(image), 1e-12);
  }

  @Test
  void tenDistinctGlyphs() {
    float[][] glyphs = DigitGlyphs.all();
    for (int a = 0; a < 10; a++) {
      for (int b = a + 1; b < 10; b++) {
        double sq = 0;
        for (int i = 0; i < SIDE * SIDE; i++) {
          double e = glyphs[a][i] - glyphs[b][i];
          sq += e * e;
        }
        assertTrue(sq > 5, "digits " + a + " and " + b + " differ by only " + sq);
      }
    }
  }

  @Test
  void deterministicAndCopied() {
    float[][] again = DigitGlyphs.renderAll();
    for (int d = 0; d < 10; d++) {
      assertArrayEquals(DigitGlyphs.glyph(d), again[d], "a second rendering of digit " + d);
    }
    float[] first = DigitGlyphs.glyph(7);
    first[0] = 42;
    assertArrayEquals(DigitGlyphs.all()[7], DigitGlyphs.glyph(7));
    assertEquals(0f, DigitGlyphs.glyph(7)[0], "callers get copies");
    float[] byLabel = DigitGlyphs.forLabels(new int[] {3, 0, 3});
    float[] three = DigitGlyphs.glyph(3);
    for (int i = 0; i < SIDE * SIDE; i++) {
      assertEquals(three[i], byLabel[i]);
      assertEquals(DigitGlyphs.glyph(0)[i], byLabel[SIDE * SIDE + i]);
      assertEquals(three[i], byLabel[2 * SIDE * SIDE + i]);
    }
    var e =
        assertThrows(IllegalArgumentException.class, () -> DigitGlyphs.forLabels(new int[] {10}));
    assertTrue(e.getMessage().contains("0..9"), e.getMessage());
  }
}
