package org.sparsecode.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader (or a process killed mid-write) sees either the old file or the
 * complete new one, never a half-written file: write a sibling temporary file, force it to disk,
 * then rename it over the target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes the whole content of a file to a stream. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the file's bytes.
     *
     * @param out the stream to write to
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} as UTF-8 to {@code target}, atomically.
   *
   * @param target the file to write
   * @param content the text
   * @throws IOException if writing or renaming fails
   */
  public static void writeString(Path target, String content) throws IOException {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a text file through {@code writer}, atomically: a temporary file in the same folder,
   * then a rename, so a reader never sees half a file.
   *
   * @param target the file to write
   * @param writer writes the content
   * @throws IOException if writing or renaming fails
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      readableByAll(tmp);
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        writer.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Temporary files are created owner-only; reports and results are meant to be shared. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Other file systems keep their own default permissions.
    }
  }

  /**
   * Renames {@code source} over {@code target} atomically where the file system allows it.
   *
   * @param source the file to move, usually a temporary file beside {@code target}
   * @param target the destination, replaced if it exists
   * @throws IOException when the move fails
   */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
