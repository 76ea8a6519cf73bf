package io.gradspec.harden;

import io.gradspec.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One in-process run of the command line, as bin/gradspec does it, with what the user sees. */
public record Cli(int exitCode, String stdout, String stderr, long millis) {
  public static Cli run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    long t0 = System.nanoTime();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Both streams, for assertions about messages wherever they are printed. */
  public String all() { return stdout + stderr; }

  public static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
