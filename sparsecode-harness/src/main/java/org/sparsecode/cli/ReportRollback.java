package org.sparsecode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A table's report files as they were before a rewrite ({@code <table>*} in the reports and graphs
 * folders), so that a rewrite that fails part way (a figure that cannot be drawn, a full disk)
 * leaves the previous report whole instead of a new CSV beside an old figure.
 */
final class ReportRollback {
  private final List<Path> dirs;
  private final String prefix;
  private final Map<Path, byte[]> before = new LinkedHashMap<>();

  private ReportRollback(List<Path> dirs, String prefix) {
    this.dirs = dirs;
    this.prefix = prefix;
  }

  /** Reads every file of {@code dirs} whose name starts with {@code prefix}. */
  static ReportRollback snapshot(String prefix, Path... dirs) throws IOException {
    ReportRollback r = new ReportRollback(List.of(dirs), prefix);
    for (Path f : r.files()) {
      r.before.put(f, Files.readAllBytes(f));
    }
    return r;
  }

  /** Puts back the files as they were and removes the ones the failed rewrite created. */
  void restore() throws IOException {
    for (Path f : files()) {
      if (!before.containsKey(f)) {
        Files.delete(f);
      }
    }
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      Files.write(e.getKey(), e.getValue());
    }
  }

  private List<Path> files() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().startsWith(prefix))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }
}
