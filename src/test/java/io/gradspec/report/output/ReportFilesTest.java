package io.gradspec.report.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
  @TempDir Path dir;

  @Test void writesCreatesFoldersReplacesAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("a/b/report.txt");
    ReportFiles.writeString(target, "one\n");
    ReportFiles.writeString(target, "two\n");
    assertEquals("two\n", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test void aFailedWriteSaysWhyInAFewWordsAndKeepsNothingHalfWritten() throws IOException {
    Path blocker = dir.resolve("reports");
    Files.writeString(blocker, "a file where a folder should be");
    IOException e = assertThrows(IOException.class, () -> ReportFiles.writeString(blocker.resolve("report.md"), "x"));
    assertEquals("a file is in the way where a folder is needed", io.gradspec.spec.IoWords.of(e));
    assertEquals("a file where a folder should be", Files.readString(blocker));
  }
}
