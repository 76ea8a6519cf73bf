package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nearly full disk, for real: a 256 KiB tmpfs mounted for the test (it needs root, as CI runs it; on a
 * machine where mounting is not allowed the test is skipped by an assumption, never passed silently).
 * A run that cannot write all its reports writes none of them and leaves no temporary file, so the
 * reports of the last good run stay together (issue 14, item 8).
 */
class DiskFullTest {
  @TempDir Path dir;
  private Path disk;
  private boolean mounted;

  @BeforeEach void mount() throws Exception {
    disk = dir.resolve("disk");
    Files.createDirectories(disk);
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(root, "mounting a tmpfs needs root (CI runs as root)");
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "mount -t tmpfs is not allowed here");
    mounted = true;
  }

  @AfterEach void unmount() throws Exception {
    if (mounted) new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
  }

  @Test void aRunThatCannotWriteEveryReportWritesNoneAndLeavesTheLastGoodOnes() throws IOException {
    Path pass = Cli.write(dir, "specs/pass.yaml", "name: ok\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    Path reports = disk.resolve("reports");
    Cli good = Cli.run("check", pass.toString(), "--reports", reports.toString());
    assertEquals(0, good.exitCode(), good.all());
    Map<String, String> before = contents(reports);
    assertEquals(6, before.size(), before.keySet().toString());
    assertTrue(before.get("report.md").contains("passed"), before.get("report.md"));

    // fill the disk, leaving less than the failing run's reports need
    Path filler = disk.resolve("filler");
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(filler)) {
      while (true) out.write(block);
    } catch (IOException full) {
      // the disk is full now
    }
    Files.write(filler, new byte[(int) Math.max(0, Files.size(filler) - 8192)]);

    StringBuilder wide = new StringBuilder("name: wrong\ndims: {N: 40}\ninputs: {x: [N]}\ndefine: {y: x .* x}\nclaims:\n");
    wide.append("  - {wrt: x, claim: \"3 * diag(x)\"}\n");
    Path fail = Cli.write(dir, "specs/fail.yaml", wide.toString());
    Cli bad = Cli.run("check", fail.toString(), "--max-offenders", "1000", "--reports", reports.toString());
    assertEquals(2, bad.exitCode(), bad.all());
    assertTrue(bad.stderr().contains("no space"), bad.all());
    assertEquals(before, contents(reports), "every report is the last good run's, none half-written or new");

    Cli output = Cli.run("check", fail.toString(), "--max-offenders", "1000", "--format", "html", "--output",
        disk.resolve("one.html").toString());
    assertEquals(2, output.exitCode(), output.all());
    assertTrue(Files.notExists(disk.resolve("one.html")));
    try (Stream<Path> left = Files.list(disk)) {
      assertEquals(List.of("filler", "reports"), left.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file is left");
    }
  }

  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) out.put(f.getFileName().toString(), Files.readString(f));
    }
    return out;
  }
}
