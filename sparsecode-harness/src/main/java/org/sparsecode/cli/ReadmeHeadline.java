package org.sparsecode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The README quotes the summary's headline (its counts in bold and the counts table under them)
 * between two markers; the summary command rewrites that quote, so the README never shows counts of
 * an older summary.
 */
final class ReadmeHeadline {
  static final String START = "<!-- headline";
  static final String END = "<!-- end of headline -->";

  private ReadmeHeadline() {}

  /**
   * The summary's headline: its first line in bold and, after one blank line, the table that
   * follows it; empty if it has no line in bold.
   */
  static Optional<String> of(String summaryMarkdown) {
    List<String> lines = summaryMarkdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("**")) {
        List<String> headline = new ArrayList<>(List.of(lines.get(i)));
        int t = i + 2;
        if (t < lines.size() && lines.get(i + 1).isBlank() && lines.get(t).startsWith("|")) {
          headline.add("");
          while (t < lines.size() && lines.get(t).startsWith("|")) {
            headline.add(lines.get(t++));
          }
        }
        return Optional.of(String.join("\n", headline));
      }
    }
    return Optional.empty();
  }

  /** The lines between the markers of {@code readme}, or empty if it has no markers. */
  static Optional<String> quoted(String readme) {
    List<String> lines = readme.lines().toList();
    int[] at = markers(lines);
    return at == null
        ? Optional.empty()
        : Optional.of(String.join("\n", lines.subList(at[0] + 1, at[1])));
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
    int[] at = markers(lines);
    if (at == null) {
      return false;
    }
    List<String> quote = headline.lines().toList();
    if (!lines.subList(at[0] + 1, at[1]).equals(quote)) {
      lines.subList(at[0] + 1, at[1]).clear();
      lines.addAll(at[0] + 1, quote);
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

  /** The indices of the start and end markers, or null when either is missing. */
  private static int[] markers(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(START)) {
        int end = lines.subList(i + 1, lines.size()).indexOf(END);
        return end < 0 ? null : new int[] {i, i + 1 + end};
      }
    }
    return null;
  }
}
