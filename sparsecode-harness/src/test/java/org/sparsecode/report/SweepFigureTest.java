package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFigureTest {
  @TempDir Path tmp;

  @Test
  void barsWithSpreadAndAMissingValueAreDrawn() throws Exception {
    // lca-linked's summary: the single dictionary has no cross-modal number, the others have a
    // mean and a spread over three seeds.
    List<String> kinds = List.of("single", "linked", "ordinal");
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("cross-modal accuracy", Arrays.asList(null, 0.93, 0.85));
    series.put("block purity", Arrays.asList(0.10, 0.12, 0.55));
    Map<String, List<Double>> spread = new LinkedHashMap<>();
    spread.put("cross-modal accuracy", Arrays.asList(null, 0.01, 0.05));
    spread.put("block purity", Arrays.asList(0.0, 0.01, 0.02));
    Path png = tmp.resolve("figure.png");
    SweepFigure.write(
        png,
        "features",
        kinds,
        List.of(
            new SweepFigure.Panel(
                "Shares", "share", false, series, spread, "features", kinds, true)),
        List.of("caption"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(Files.size(png) > 1000 && image.getWidth() > 100, "a figure was drawn");
  }
}
