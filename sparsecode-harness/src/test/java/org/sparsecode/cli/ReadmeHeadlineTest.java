package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeHeadlineTest {
  @Test
  void theReadmeQuotesTheCommittedSummarysCounts() throws IOException {
    Optional<String> summary = ReadmeHeadline.of(Files.readString(Path.of("reports/summary.md")));
    assertTrue(summary.isPresent(), "reports/summary.md has no opening line in bold");
    assertEquals(
        summary,
        ReadmeHeadline.quoted(Files.readString(Path.of("README.md"))),
        "README.md quotes other counts than reports/summary.md: run ./sparsecode summary");
  }

  @Test
  void refreshReplacesOnlyTheLinesBetweenTheMarkers(@TempDir Path tmp) throws IOException {
    Path readme = tmp.resolve("README.md");
    Files.writeString(
        readme,
        "# title\n<!-- headline: quoted -->\n**old counts**\n<!-- end of headline -->\ntext\n");
    String headline = "**1 published number: 1 reproduced.**\n\n| table | numbers |\n| `t` | 1 |";
    assertTrue(ReadmeHeadline.refresh(readme, headline));
    assertEquals(
        "# title\n<!-- headline: quoted -->\n" + headline + "\n<!-- end of headline -->\ntext\n",
        Files.readString(readme));
    assertEquals(Optional.of(headline), ReadmeHeadline.quoted(Files.readString(readme)));
    // A shorter headline replaces every line of the longer one.
    assertTrue(ReadmeHeadline.refresh(readme, "**2 rows**"));
    assertEquals(
        "# title\n<!-- headline: quoted -->\n**2 rows**\n<!-- end of headline -->\ntext\n",
        Files.readString(readme));
  }

  @Test
  void theHeadlineIsTheLineInBoldAndTheTableUnderIt() {
    assertEquals(
        Optional.of("**2 rows** and more\n\n| a | b |\n| 1 | 2 |"),
        ReadmeHeadline.of("# Summary\n\n**2 rows** and more\n\n| a | b |\n| 1 | 2 |\n\n- note\n"));
    assertEquals(
        Optional.of("**2 rows** and more"),
        ReadmeHeadline.of("# Summary\n\n**2 rows** and more\nx\n"));
    assertEquals(Optional.empty(), ReadmeHeadline.of("# Summary\n\nno counts\n"));
  }

  @Test
  void aReadmeWithoutMarkersIsLeftAlone(@TempDir Path tmp) throws IOException {
    Path readme = tmp.resolve("README.md");
    Files.writeString(readme, "# title\nno markers\n");
    assertFalse(ReadmeHeadline.refresh(readme, "**x**"));
    assertEquals("# title\nno markers\n", Files.readString(readme));
    assertFalse(ReadmeHeadline.refresh(tmp.resolve("missing.md"), "**x**"));
  }
}
