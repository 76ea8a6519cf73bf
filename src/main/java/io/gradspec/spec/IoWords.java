package io.gradspec.spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What went wrong with a file, in words ("permission denied", "file name too long"), never a Java
 * exception's name: the one wording of every "cannot read" and "cannot write" message; the caller
 * names the path.
 */
public final class IoWords {
  private IoWords() {}

  public static String of(Exception e) {
    if (e instanceof AccessDeniedException || e instanceof SecurityException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or folder";
    if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
      return "a file is in the way where a folder is needed";
    }
    if (e instanceof DirectoryNotEmptyException) return "the folder is not empty";
    if (e instanceof FileSystemLoopException) return "its symbolic links form a loop";
    String m = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
    if (m == null || m.isBlank()) return e instanceof IOException ? "an input/output error" : "an unexpected error";
    m = m.strip();
    // ENOTDIR from createDirectories under a file comes as a plain FileSystemException
    if (m.equalsIgnoreCase("Not a directory")) return "a file is in the way where a folder is needed";
    if (m.equalsIgnoreCase("Input/output error")) return "an input/output error (the device or file could not be read)";
    // the operating system's own words, as strerror gives them: "File name too long" -> "file name too long"
    return m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))
        ? m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1) : m;
  }
}
