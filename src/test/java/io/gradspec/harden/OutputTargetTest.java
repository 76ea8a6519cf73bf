package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} writes to what is there (issue 14, item 3): a device, a FIFO, a link like
 * {@code /dev/stdout} is written through, never renamed over; only a regular file (or a new one) is
 * replaced atomically.
 */
@EnabledOnOs(OS.LINUX)
class OutputTargetTest {
  @TempDir Path dir;

  private static final String SPEC = "specs/seed/01-column-vectors.yaml";

  @Test
  void aFifoStaysAFifoAndItsReaderGetsTheReport() throws Exception {
    Path fifo = dir.resolve("report.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Cli r = Cli.run("check", SPEC, "--format", "json", "--output", fifo.toString());
    assertEquals(0, r.exitCode(), r.all());
    String got = reader.get(30, TimeUnit.SECONDS);
    assertTrue(got.startsWith("{") && got.contains("\"specs\""), got);
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "the FIFO was replaced by a file");
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aLinkToADeviceIsWrittenThroughAndStaysALink() throws Exception {
    Path link = dir.resolve("null-link");
    Files.createSymbolicLink(link, Path.of("/dev/null"));
    Cli r = Cli.run("check", SPEC, "--output", link.toString());
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(Files.isSymbolicLink(link), "the link to /dev/null was replaced");
    assertFalse(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aLinkToARegularFileReplacesTheFileAndKeepsTheLink() throws Exception {
    Path file = dir.resolve("real.txt");
    Files.writeString(file, "old\n");
    Path link = dir.resolve("report.txt");
    Files.createSymbolicLink(link, file);
    Cli r = Cli.run("check", SPEC, "--output", link.toString());
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(file).startsWith("PASS  specs/seed/01-column-vectors.yaml"), Files.readString(file));
  }

  @Test
  void devStdoutReachesStandardOutput() throws Exception {
    // a real process, so that /dev/stdout is its own standard output (a pipe here)
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", SPEC, "--format", "json",
        "--output", "/dev/stdout")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertTrue(out.startsWith("{") && out.contains("\"specs\""), out);
    assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")), "/dev/stdout was replaced");
  }
}
