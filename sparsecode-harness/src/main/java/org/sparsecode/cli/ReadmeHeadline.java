package org.sparsecode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The README quotes the summary's opening line (its counts) between two markers; the summary
 * command rewrites that quote, so the README never shows counts of an older summary.
 */
final class ReadmeHeadline {
  static final String START = "<!-- headline";
  static final String END = "<!-- end of headline -->";

  private ReadmeHeadline() {}

  /** The summary's opening line: its first line in bold, or empty if it has none. */
  static Optional<String> of(String summaryMarkdown) {
    return summaryMarkdown.lines().filter(l -> l.startsWith("**")).findFirst();
  }

  /** The line between the markers of {@code readme}, or empty if it has no markers. */
  static Optional<String> quoted(String readme) {
    List<String> lines = readme.lines().toList();
    for (int i = 0; i + 2 < lines.size(); i++) {
      if (lines.get(i).startsWith(START) && lines.get(i + 2).equals(END)) {
        return Optional.of(lines.get(i + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Puts {@code headline} between the markers of {@code readme}; returns false (and changes
   * nothing) when the file or its markers are missing.
   */
  static boolean refresh(Path readme, String headline) throws IOException {
    if (!Files.isRegularFile(readme)) {
      return false;
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(readme));
    for (int i = 0; i + 2 < lines.size(); i++) {
      if (lines.get(i).startsWith(START) && lines.get(i + 2).equals(END)) {
        if (!lines.get(i + 1).equals(headline)) {
          lines.set(i + 1, headline);
          Path tmp = readme.resolveSibling(readme.getFileName() + ".tmp");
          Files.write(tmp, lines);
          Files.move(
              tmp,
              readme,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
      }
    }
    return false;
  }
}
