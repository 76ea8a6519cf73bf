package io.gradspec.report;

import io.gradspec.check.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes report files atomically: the bytes go to a temporary file in the target's own folder, which is
 * then renamed over the target. A reader (a CI upload step, a browser reloading report.html) sees the old
 * file or the new one, never half of one, and a failed write leaves the old file in place.
 */
public final class ReportFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReportFiles() {}

  /** Writes {@code reporter}'s report of {@code run} to {@code target}, creating its folder if needed. */
  public static void write(Path target, Reporter reporter, RunResult run) throws IOException {
    writeString(target, reporter.render(run));
  }

  /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
  public static void writeString(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: that makes the file private (0600), and the rename would keep it so
    Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // a file system without atomic rename in one folder (rare: some network mounts); a plain replace
        // is still better than no report
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The reason a write failed, in a few words for a one-line message ("permission denied"), rather than
   * the exception's own text, which is often just a path.
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or folder";
    if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
      return "a file is in the way where a folder is needed";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
