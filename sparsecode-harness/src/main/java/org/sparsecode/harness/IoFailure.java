package org.sparsecode.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A file could not be read or written: one line naming the path, the cause (read-only file system,
 * full disk, permission) and the fix. Finished trials are never lost by it: results are written
 * whole or not at all.
 */
public final class IoFailure extends HarnessException {
  private static final long serialVersionUID = 1L;

  private IoFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** Wraps {@code e}, met while writing or reading {@code path}. */
  public static IoFailure of(Path path, IOException e) {
    return new IoFailure(describe(path, e), e);
  }

  /** The I/O problem at the root of {@code t}, described in one line, if there is one. */
  public static Optional<String> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IoFailure f) {
        return Optional.of(f.getMessage());
      }
      if (c instanceof UncheckedIOException u) {
        return Optional.of(describe(null, u.getCause()));
      }
      if (c instanceof IOException io) {
        return Optional.of(describe(null, io));
      }
    }
    return Optional.empty();
  }

  /** "cannot write results/x/.lock: the file system is read-only; ..." */
  public static String describe(Path path, IOException e) {
    Path where = path;
    String reason = e.getMessage();
    if (e instanceof FileSystemException fse) {
      if (fse.getFile() != null) {
        where = Path.of(fse.getFile());
      }
      reason = fse.getReason();
    }
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    String cause;
    String fix;
    if (r.contains("read-only")) {
      cause = "the file system is read-only";
      fix = "give a folder on a writable disk (e.g. --results-dir DIR)";
    } else if (r.contains("no space") || r.contains("quota")) {
      cause = "the disk is full";
      fix =
          "free some space there, or give a folder on another disk (e.g. --results-dir DIR), and run the same command again";
    } else if (e instanceof AccessDeniedException
        || r.contains("permission")
        || r.contains("not permitted")) {
      cause = "permission denied";
      fix =
          "make it writable for this user, or give a folder you can write (e.g. --results-dir DIR)";
    } else if (r.contains("not a directory")
        || e instanceof java.nio.file.FileAlreadyExistsException) {
      cause = "a file is in the way where a folder is needed";
      fix = "give a folder path (e.g. --results-dir DIR), or move that file";
    } else if (e instanceof java.nio.file.NoSuchFileException) {
      cause = "it does not exist";
      fix = "check the path";
    } else {
      cause = reason == null ? e.getClass().getSimpleName() : reason;
      fix = "check that the path is a folder you can write, on a disk with free space";
    }
    return "cannot use "
        + (where == null ? "a file" : where.toString())
        + ": "
        + cause
        + "; "
        + fix;
  }
}
