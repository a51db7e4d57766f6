package org.sparsecode.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Figure captions wrapped to the figure's width, in the captions' font. */
final class Captions {
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private Captions() {}

  static List<String> wrap(List<String> caption, int width) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      FontMetrics fm = g.getFontMetrics(FONT);
      List<String> out = new ArrayList<>();
      for (String line : caption) {
        out.addAll(ErrorMapGrid.wrap(line, fm, width));
      }
      return out;
    } finally {
      g.dispose();
    }
  }
}
