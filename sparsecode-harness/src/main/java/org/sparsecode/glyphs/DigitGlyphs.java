package org.sparsecode.glyphs;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import org.sparsecode.data.DataException;

/**
 * The ten digits rendered from Liberation Sans Regular (metric-compatible with Arial), prepared the
 * way MNIST prepared its digits: each glyph's outline is scaled, keeping its aspect ratio, so that
 * its longer side fills a 20 x 20 pixel box (centred in the box along the shorter side), rendered
 * anti-aliased, and the box is placed in a 28 x 28 field by a whole-pixel shift that brings its
 * centre of mass nearest to (14, 14).
 *
 * <p>Coordinates are those of pixel centres: pixel (r, c) sits at (r, c). On MNIST's 60,000
 * training digits the centre of mass averages (14.00, 14.01) with a spread of 0.29 per axis, the
 * spread of a uniform error on [-0.5, 0.5]: MNIST shifted by whole pixels towards (14, 14), and so
 * do we. Values are ink coverage in [0, 1], row-major, 784 per digit.
 */
public final class DigitGlyphs {
  public static final int SIDE = 28;
  public static final int BOX = 20;

  /**
   * Where the centre of mass is brought, to the nearest whole pixel, in pixel-centre coordinates.
   */
  public static final double CENTRE = 14.0;

  static final String FONT_RESOURCE = "/liberation/LiberationSans-Regular.ttf";

  /** Each box pixel is the mean of SUPERSAMPLE x SUPERSAMPLE anti-aliased samples. */
  private static final int SUPERSAMPLE = 8;

  private static float[][] cached;

  private DigitGlyphs() {}

  /** A copy of the glyph of {@code digit} (0..9), 784 values in [0, 1]. */
  public static float[] glyph(int digit) {
    if (digit < 0 || digit > 9) {
      throw new IllegalArgumentException("digit must be 0..9, got " + digit);
    }
    return all()[digit].clone();
  }

  /** Copies of the ten glyphs, indexed by digit. */
  public static synchronized float[][] all() {
    if (cached == null) {
      cached = renderAll();
    }
    float[][] out = new float[10][];
    for (int d = 0; d < 10; d++) {
      out[d] = cached[d].clone();
    }
    return out;
  }

  /** The glyph of each label, row-major [labels.length x 784]: a data set's second modality. */
  public static float[] forLabels(int[] labels) {
    float[][] glyphs = all();
    float[] out = new float[labels.length * SIDE * SIDE];
    for (int n = 0; n < labels.length; n++) {
      System.arraycopy(glyph(labels[n], glyphs), 0, out, n * SIDE * SIDE, SIDE * SIDE);
    }
    return out;
  }

  /** Centre of mass {row, column} of a 28 x 28 image in pixel-centre coordinates. */
  public static double[] centreOfMass(float[] image) {
    return centreOfMass(image, SIDE);
  }

  /** Renders the ten digits afresh (the public methods reuse one rendering). */
  static float[][] renderAll() {
    Font font = loadFont();
    float[][] glyphs = new float[10][];
    for (int d = 0; d < 10; d++) {
      glyphs[d] = render(font, (char) ('0' + d));
    }
    return glyphs;
  }

  private static float[] glyph(int label, float[][] glyphs) {
    if (label < 0 || label > 9) {
      throw new IllegalArgumentException(
          "label " + label + " has no digit glyph; labels must be 0..9");
    }
    return glyphs[label];
  }

  private static Font loadFont() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try (InputStream in = DigitGlyphs.class.getResourceAsStream(FONT_RESOURCE)) {
      if (in == null) {
        throw new DataException(
            FONT_RESOURCE
                + " is not on the classpath; it comes with the dependency"
                + " com.github.librepdf:openpdf-fonts-extra (rebuild with ./mvnw package)");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException | FontFormatException e) {
      throw new DataException("cannot read the font " + FONT_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static float[] render(Font font, char digit) {
    Font sized = font.deriveFont(100f);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    Shape outline = sized.createGlyphVector(frc, String.valueOf(digit)).getOutline();
    // An Area splits curves into monotonic pieces, so its bounds are those of the ink itself.
    Rectangle2D ink = new Area(outline).getBounds2D();
    double scale = BOX / Math.max(ink.getWidth(), ink.getHeight());
    double offsetX = (BOX - ink.getWidth() * scale) / 2;
    double offsetY = (BOX - ink.getHeight() * scale) / 2;

    int hi = BOX * SUPERSAMPLE;
    BufferedImage image = new BufferedImage(hi, hi, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, hi, hi);
      AffineTransform t = new AffineTransform();
      t.scale(SUPERSAMPLE, SUPERSAMPLE);
      t.translate(offsetX, offsetY);
      t.scale(scale, scale);
      t.translate(-ink.getX(), -ink.getY());
      g.setColor(Color.WHITE);
      g.fill(t.createTransformedShape(outline));
    } finally {
      g.dispose();
    }
    float[] box = new float[BOX * BOX];
    var raster = image.getRaster();
    for (int r = 0; r < BOX; r++) {
      for (int c = 0; c < BOX; c++) {
        int sum = 0;
        for (int y = 0; y < SUPERSAMPLE; y++) {
          for (int x = 0; x < SUPERSAMPLE; x++) {
            sum += raster.getSample(c * SUPERSAMPLE + x, r * SUPERSAMPLE + y, 0);
          }
        }
        box[r * BOX + c] = sum / (255f * SUPERSAMPLE * SUPERSAMPLE);
      }
    }
    double[] com = centreOfMass(box, BOX);
    int shiftRow = clampShift(Math.round(CENTRE - com[0]));
    int shiftCol = clampShift(Math.round(CENTRE - com[1]));
    float[] out = new float[SIDE * SIDE];
    for (int r = 0; r < BOX; r++) {
      System.arraycopy(box, r * BOX, out, (r + shiftRow) * SIDE + shiftCol, BOX);
    }
    return out;
  }

  private static int clampShift(long shift) {
    return (int) Math.max(0, Math.min(SIDE - BOX, shift));
  }

  private static double[] centreOfMass(float[] image, int side) {
    double mass = 0, row = 0, col = 0;
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        double v = image[r * side + c];
        mass += v;
        row += r * v;
        col += c * v;
      }
    }
    if (mass == 0) {
      throw new IllegalArgumentException("an empty image has no centre of mass");
    }
    return new double[] {row / mass, col / mass};
  }
}
