package org.sparsecode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRollbackTest {
  @Test
  void restoreLeavesThePreviousReportWhole(@TempDir Path tmp) throws IOException {
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    Path graphs = Files.createDirectories(tmp.resolve("graphs"));
    Files.writeString(reports.resolve("blog-fc.csv"), "old csv");
    Files.writeString(reports.resolve("blog-fc.md"), "old md");
    Files.writeString(reports.resolve("blog-cnn.csv"), "another table");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    Files.write(graphs.resolve("blog-fc.png"), png);

    ReportRollback before = ReportRollback.snapshot("blog-fc", reports, graphs);
    // a rewrite that stops part way: a new CSV, a new figure, then a failure
    Files.writeString(reports.resolve("blog-fc.csv"), "new csv");
    Files.writeString(graphs.resolve("blog-fc-curves.png"), "half a figure");
    Files.writeString(reports.resolve("blog-cnn.csv"), "changed by someone else");
    before.restore();

    assertEquals("old csv", Files.readString(reports.resolve("blog-fc.csv")));
    assertEquals("old md", Files.readString(reports.resolve("blog-fc.md")));
    assertArrayEquals(png, Files.readAllBytes(graphs.resolve("blog-fc.png")));
    assertFalse(Files.exists(graphs.resolve("blog-fc-curves.png")));
    // other tables' files are not the rollback's business
    assertEquals("changed by someone else", Files.readString(reports.resolve("blog-cnn.csv")));
  }

  @Test
  void folderThatDidNotExistEndsEmpty(@TempDir Path tmp) throws IOException {
    Path reports = tmp.resolve("reports");
    ReportRollback before = ReportRollback.snapshot("t", reports);
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("t.csv"), "partial");
    before.restore();
    assertFalse(Files.exists(reports.resolve("t.csv")));
  }
}
