package org.sparsecode.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sparsecode.io.AtomicFiles;

/** Writes a figure as PNG atomically: a failed write leaves no half-written file. */
final class PngFile {
  private PngFile() {}

  static void write(Path png, BufferedImage image) throws IOException {
    AtomicFiles.write(
        png,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available in this JVM");
          }
        });
  }
}
