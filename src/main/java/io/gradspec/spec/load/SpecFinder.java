package io.gradspec.spec.load;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.IoWords;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Diagnostics;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds spec files under the paths a user gave (contract section 1): folders are searched recursively
 * for {@code *.yaml} and {@code *.yml}, hidden files and folders are skipped, and the result is in
 * sorted path order with duplicates removed. A path given as a file is taken as it is.
 */
public final class SpecFinder {
  private SpecFinder() {}

  /**
   * Recursively finds *.yaml / *.yml under each path (a file path is taken as is), sorted by path,
   * skipping hidden files and folders (name starts with '.'). Duplicates removed. Missing path -> reported
   * via the diagnostics as an error with no span (message "no such file or directory: `p`").
   */
  public static List<Path> find(List<Path> paths, Diagnostics problems) {
    List<Path> found = new ArrayList<>();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        problems.add(Diagnostic.error("not-found", null, "no such file or directory: `" + display(root) + "`"));
      } else if (Files.isDirectory(root)) {
        walk(root, found, problems);
      } else {
        found.add(root);
      }
    }
    // Sort on the displayed form, so the order is the same on every OS; then drop a file reached twice.
    found.sort(Comparator.comparing(SpecFinder::display));
    List<Path> result = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path p : found) {
      if (seen.add(identity(p))) result.add(p);
    }
    return result;
  }

  private static void walk(Path root, List<Path> found, Diagnostics problems) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          // The root itself is never skipped: `gradspec check .` must work.
          return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!hidden(file) && isYaml(file) && (attrs.isRegularFile() || Files.isRegularFile(file))) found.add(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (!hidden(file)) {
            problems.add(Diagnostic.error("io", null, "cannot read `" + display(file) + "`: " + IoWords.of(e)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      problems.add(Diagnostic.error("io", null, "cannot read `" + display(root) + "`: " + IoWords.of(e)));
    }
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static Path identity(Path p) {
    try {
      return p.toRealPath(LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static String display(Path p) { return SourceFile.display(p); }

}
