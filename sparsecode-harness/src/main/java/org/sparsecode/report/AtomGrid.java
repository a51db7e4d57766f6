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
 * A PNG of dictionaries drawn as grids of their atoms, panels side by side. Each atom is shown on
 * its own scale, its smallest value white and its largest black, because atoms have unit norm but
 * no common range.
 */
public final class AtomGrid {
  private static final int SCALE = 2;
  private static final int GAP = 2;
  private static final int PANEL_GAP = 24;
  private static final int LABEL_WIDTH = 28;
  private static final int LINE = 18;

  /**
   * One dictionary: a title, its rows of atoms (each {@code side * side} values, row-major), and a
   * label per row (null for no labels).
   */
  public record Panel(String title, List<List<float[]>> rows, List<String> rowLabels) {
    public Panel {
      if (rowLabels != null && rowLabels.size() != rows.size()) {
        throw new IllegalArgumentException(
            rows.size() + " rows but " + rowLabels.size() + " row labels");
      }
    }
  }

  private AtomGrid() {}

  /** The atoms (columns of {@code phi} [side*side x atoms]) in rows of {@code perRow}. */
  public static List<List<float[]>> rows(float[][] phi, int from, int to, int perRow) {
    List<List<float[]>> out = new java.util.ArrayList<>();
    for (int start = from; start < to; start += perRow) {
      List<float[]> row = new java.util.ArrayList<>();
      for (int j = start; j < Math.min(to, start + perRow); j++) {
        float[] atom = new float[phi.length];
        for (int i = 0; i < phi.length; i++) {
          atom[i] = phi[i][j];
        }
        row.add(atom);
      }
      out.add(row);
    }
    return out;
  }

  public static void write(
      Path png, String title, int side, List<Panel> panels, List<String> caption)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int cell = side * SCALE + GAP;
    int top = LINE * 3;
    int[] widths = new int[panels.size()];
    int height = 0;
    int totalWidth = GAP;
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int columns = panel.rows().stream().mapToInt(List::size).max().orElse(0);
      widths[p] = (panel.rowLabels() == null ? 0 : LABEL_WIDTH) + columns * cell;
      totalWidth += widths[p] + PANEL_GAP;
      height = Math.max(height, panel.rows().size() * cell);
    }
    int captionTop = top + height + LINE;
    BufferedImage image =
        new BufferedImage(
            Math.max(totalWidth, 640),
            captionTop + LINE * (caption.size() + 1),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, GAP, LINE);
      int x0 = GAP;
      for (int p = 0; p < panels.size(); p++) {
        Panel panel = panels.get(p);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(panel.title(), x0, LINE * 2 + 4);
        int atomsX = x0 + (panel.rowLabels() == null ? 0 : LABEL_WIDTH);
        for (int r = 0; r < panel.rows().size(); r++) {
          int y0 = top + r * cell;
          if (panel.rowLabels() != null) {
            g.setColor(Color.BLACK);
            g.drawString(panel.rowLabels().get(r), x0, y0 + cell / 2 + 4);
          }
          List<float[]> row = panel.rows().get(r);
          for (int c = 0; c < row.size(); c++) {
            drawAtom(g, row.get(c), side, atomsX + c * cell, y0);
          }
        }
        x0 += widths[p] + PANEL_GAP;
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int y = captionTop;
      for (String line : caption) {
        g.drawString(line, GAP, y);
        y += LINE;
      }
    } finally {
      g.dispose();
    }
    PngFile.write(png, image);
  }

  private static void drawAtom(Graphics2D g, float[] atom, int side, int x0, int y0) {
    if (atom.length != side * side) {
      throw new IllegalArgumentException(
          "an atom has " + atom.length + " values, not " + side * side);
    }
    float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
    for (float v : atom) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float range = max > min ? max - min : 1;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int grey = Math.round(255 * (1 - (atom[y * side + x] - min) / range));
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
      }
    }
  }
}
