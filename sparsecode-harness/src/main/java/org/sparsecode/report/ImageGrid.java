package org.sparsecode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG grid of small grayscale images (for example test digits and their reconstructions), one
 * labelled row per model, with a caption saying how it was produced.
 */
public final class ImageGrid {
  private static final int SCALE = 3;
  private static final int GAP = 4;
  private static final int LABEL_WIDTH = 300;
  private static final int LINE = 18;

  /** One row: a label and its images, each {@code height * width} values in [0, 1], row-major. */
  public record Row(String label, List<float[]> images) {}

  private ImageGrid() {}

  public static void write(
      Path png, String title, int height, int width, List<Row> rows, List<String> caption)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int columns = rows.stream().mapToInt(r -> r.images().size()).max().orElse(0);
    int cellW = width * SCALE + GAP;
    int cellH = height * SCALE + GAP;
    int top = LINE * 2;
    BufferedImage image =
        new BufferedImage(
            LABEL_WIDTH + columns * cellW + GAP,
            top + rows.size() * cellH + LINE * (caption.size() + 1),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, GAP, LINE + 2);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        int y0 = top + r * cellH;
        g.setColor(Color.BLACK);
        g.drawString(row.label(), GAP, y0 + cellH / 2 + 4);
        for (int c = 0; c < row.images().size(); c++) {
          float[] pixels = row.images().get(c);
          if (pixels.length != height * width) {
            throw new IllegalArgumentException(
                "image "
                    + c
                    + " of row '"
                    + row.label()
                    + "' has "
                    + pixels.length
                    + " values, not "
                    + height * width);
          }
          int x0 = LABEL_WIDTH + c * cellW;
          for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
              float v = Math.max(0f, Math.min(1f, pixels[y * width + x]));
              int grey = Math.round(255 * (1 - v)); // ink dark on white, like a printed digit
              g.setColor(new Color(grey, grey, grey));
              g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
            }
          }
        }
      }
      g.setColor(Color.DARK_GRAY);
      int y = top + rows.size() * cellH + LINE;
      for (String line : caption) {
        g.drawString(line, GAP, y);
        y += LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }
}
