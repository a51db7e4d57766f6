package org.sparsecode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Originals in a top row, then one row per model of (reconstruction, error map) pairs under each
 * original. The error map is red where the reconstruction is darker than the original (too little
 * ink), blue where it is brighter, at full colour from {@code fullScale}. Labels may hold several
 * lines ({@code \n}); the caption wraps to the figure's width.
 */
final class ErrorMapGrid {
  private static final int SCALE = 3;
  private static final int GAP = 4;
  private static final int PAIR_GAP = 10;
  private static final int LINE = 16;

  private ErrorMapGrid() {}

  static void write(
      Path png,
      String title,
      int side,
      List<float[]> originals,
      List<String> labels,
      List<List<float[]>> reconstructions,
      float fullScale,
      List<String> caption)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(labelFont);
    int labelWidth = GAP;
    for (String l : labels) {
      for (String line : l.split("\n")) {
        labelWidth = Math.max(labelWidth, fm.stringWidth(line) + 2 * GAP);
      }
    }
    int cell = side * SCALE;
    int pairWidth = 2 * cell + GAP + PAIR_GAP;
    int n = originals.size();
    int width = labelWidth + n * pairWidth + GAP;
    width = Math.max(width, pg.getFontMetrics(titleFont).stringWidth(title) + 2 * GAP);
    List<String> wrapped = new ArrayList<>();
    for (String line : caption) {
      wrapped.addAll(wrap(line, fm, width - 2 * GAP));
    }
    pg.dispose();
    int rowHeight = cell + GAP + 2;
    int top = LINE * 2;
    int height = top + (1 + labels.size()) * rowHeight + LINE * (wrapped.size() + 1);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(titleFont);
      g.drawString(title, GAP, LINE + 2);
      g.setFont(labelFont);
      drawLabel(g, "test digits", GAP, top, rowHeight);
      for (int i = 0; i < n; i++) {
        drawDigit(g, originals.get(i), side, labelWidth + i * pairWidth, top);
      }
      for (int r = 0; r < labels.size(); r++) {
        int y0 = top + (r + 1) * rowHeight;
        g.setColor(Color.BLACK);
        drawLabel(g, labels.get(r), GAP, y0, rowHeight);
        for (int i = 0; i < n; i++) {
          int x0 = labelWidth + i * pairWidth;
          drawDigit(g, reconstructions.get(r).get(i), side, x0, y0);
          drawError(
              g,
              originals.get(i),
              reconstructions.get(r).get(i),
              side,
              x0 + cell + GAP,
              y0,
              fullScale);
        }
      }
      g.setColor(Color.DARK_GRAY);
      int y = top + (1 + labels.size()) * rowHeight + LINE;
      for (String line : wrapped) {
        g.drawString(line, GAP, y);
        y += LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }

  private static void drawLabel(Graphics2D g, String label, int x, int y0, int rowHeight) {
    String[] lines = label.split("\n");
    int y = y0 + (rowHeight - lines.length * LINE) / 2 + LINE - 3;
    for (String line : lines) {
      g.drawString(line, x, y);
      y += LINE;
    }
  }

  private static void drawDigit(Graphics2D g, float[] pixels, int side, int x0, int y0) {
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float v = Math.max(0f, Math.min(1f, pixels[y * side + x]));
        int grey = Math.round(255 * (1 - v)); // ink dark on white, like a printed digit
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
      }
    }
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(x0 - 1, y0 - 1, side * SCALE + 1, side * SCALE + 1);
  }

  private static void drawError(
      Graphics2D g,
      float[] original,
      float[] reconstruction,
      int side,
      int x0,
      int y0,
      float fullScale) {
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float d = original[y * side + x] - reconstruction[y * side + x];
        float t = Math.min(1f, Math.abs(d) / fullScale);
        int fade = Math.round(255 * (1 - t));
        g.setColor(d > 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255));
        g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
      }
    }
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(x0 - 1, y0 - 1, side * SCALE + 1, side * SCALE + 1);
  }

  /** Splits a line at spaces (and after commas) so that each piece fits {@code width} pixels. */
  static List<String> wrap(String line, FontMetrics fm, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : line.split("(?<=[ ,])")) {
      if (current.length() > 0 && fm.stringWidth(current + word) > width) {
        out.add(current.toString().stripTrailing());
        current = new StringBuilder("    ");
      }
      current.append(word);
    }
    if (current.length() > 0) {
      out.add(current.toString().stripTrailing());
    }
    return out;
  }
}
