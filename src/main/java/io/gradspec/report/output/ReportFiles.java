package io.gradspec.report.output;

import io.gradspec.report.Reporter;
import io.gradspec.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * Writes {@code text} as UTF-8 to {@code target}: atomically (temporary file and rename) when the target
   * is a regular file or does not exist yet; through the target when it is anything else. Renaming over a
   * device, a FIFO or a link such as {@code /dev/stdout} would replace it (as root, even {@code /dev/null})
   * instead of writing to it. A symbolic link to a regular file is followed, and the file it names is
   * replaced atomically, so the link stays a link.
   */
  public static void writeString(Path target, String text) throws IOException {
    if (Files.isSymbolicLink(target)) {
      Path real = realRegularFile(target);
      if (real != null) {
        atomically(real, text);
      } else {
        writeThrough(target, text);
      }
    } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      writeThrough(target, text);
    } else {
      atomically(target, text);
    }
  }

  /** The regular file a link finally names, or null (a device, a pipe behind /proc/self/fd, a dangling link). */
  private static Path realRegularFile(Path link) {
    try {
      Path real = link.toRealPath();
      return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? real : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Opens what is there (a device, a FIFO, a pipe or terminal behind /dev/stdout) and writes to it. */
  private static void writeThrough(Path target, String text) throws IOException {
    try (var out = Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void atomically(Path target, String text) throws IOException {
    Path temp = stage(target, text);
    try {
      rename(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A write of one of {@link #writeAll}'s files failed: which, and why. */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    public final transient Path target;
    public final IOException cause;

    Failure(Path target, IOException cause) {
      super(cause.getMessage(), cause);
      this.target = target;
      this.cause = cause;
    }
  }

  /**
   * Writes several report files as one: every temporary file first, then every rename, so that a full disk
   * or an unwritable target leaves all the old files (and no temporary one) instead of a mix of two runs.
   * Targets that are not regular files (a device, a FIFO) are written through after the renames.
   */
  public static void writeAll(Map<Path, String> files) throws Failure {
    Map<Path, Path> staged = new LinkedHashMap<>();
    Map<Path, String> through = new LinkedHashMap<>();
    Path at = null;
    try {
      for (Map.Entry<Path, String> e : files.entrySet()) {
        at = e.getKey();
        Path target = at;
        if (Files.isSymbolicLink(target)) target = realRegularFile(target);
        boolean special = target == null || (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS));
        if (special) through.put(at, e.getValue());
        else staged.put(target, stage(target, e.getValue()));
      }
      for (Map.Entry<Path, Path> s : staged.entrySet()) {
        at = s.getKey();
        rename(s.getValue(), s.getKey());
      }
      for (Map.Entry<Path, String> t : through.entrySet()) {
        at = t.getKey();
        writeThrough(t.getKey(), t.getValue());
      }
    } catch (IOException e) {
      throw new Failure(at, e);
    } finally {
      for (Path temp : staged.values()) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // renamed already, or the folder went away: nothing left to clean
        }
      }
    }
  }

  /** Writes {@code text} to a new temporary file beside {@code target} (creating the folder) and returns it. */
  private static Path stage(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // a folder in the target's place cannot be replaced by a rename: say so before anything is written
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(target.toString());
    // not Files.createTempFile: that makes the file private (0600), and the rename would keep it so
    Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static void rename(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // a file system without atomic rename in one folder (rare: some network mounts); a plain replace
      // is still better than no report
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

}
