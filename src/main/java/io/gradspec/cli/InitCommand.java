package io.gradspec.cli;

import io.gradspec.report.CommandName;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec init [DIR]}: writes a starter folder (default {@code specs}, what {@code check} reads when
 * given no path): one passing spec whose comments explain every key, one {@code expect: fail} mistake, and
 * the JSON Schema the specs' modelines point at. Never overwrites a file: if any of them exists, nothing
 * is written and the exit code is 2.
 */
@Command(name = "init", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = {
        "Writes a starter spec folder: a passing spec with a comment on every key, a known mistake marked "
            + "`expect: fail`, and gradspec.schema.json for editors. Existing files are never overwritten."},
    exitCodeListHeading = "%nExit codes:%n")
public final class InitCommand implements Callable<Integer>, ExitCode.Documented {
  /** Resource name under io/gradspec/init/ -> file name in DIR. */
  static final List<String> FILES = List.of("01-linear.yaml", "02-mistake.yaml");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the folder to write (default: specs)")
  Path dir = Path.of("specs");

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(ExitCode.OK, "the folder was written",
        ExitCode.INVALID, "usage error, or a file to write exists already (nothing was written)"),
        ExitCode.OK, ExitCode.INVALID, ExitCode.INTERNAL);
  }

  @Override public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
      // createDirectories would fail with FileAlreadyExistsException on the link itself
      err.println("gradspec: `" + Suite.display(dir) + "` is a symbolic link to `" + Files.readSymbolicLink(dir)
          + "`, which does not exist; nothing was written");
      err.println("Try creating the folder it points to, removing the link, or '" + CommandName.get()
          + " init OTHER-DIR'.");
      return ExitCode.INVALID;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      err.println("gradspec: `" + Suite.display(dir) + "` exists and is not a folder");
      return ExitCode.INVALID;
    }
    List<Path> targets = new ArrayList<>();
    for (String f : FILES) targets.add(dir.resolve(f));
    targets.add(dir.resolve(SchemaCommand.FILE_NAME));
    List<String> existing = new ArrayList<>();
    // a link counts as there even when it dangles: writing through it would create a file elsewhere
    for (Path t : targets) if (Files.exists(t, LinkOption.NOFOLLOW_LINKS)) existing.add("`" + Suite.display(t) + "`");
    if (!existing.isEmpty()) {
      err.println("gradspec: not overwriting " + String.join(", ", existing) + "; nothing was written");
      err.println("Try '" + CommandName.get() + " init OTHER-DIR', or move the files away first.");
      return ExitCode.INVALID;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      err.println("gradspec: cannot create the folder `" + Suite.display(dir) + "`: " + io.gradspec.spec.IoWords.of(e));
      return ExitCode.INVALID;
    }
    List<Path> written = new ArrayList<>();
    try {
      for (int i = 0; i < FILES.size(); i++) {
        write(targets.get(i), resource("/io/gradspec/init/" + FILES.get(i)));
        written.add(targets.get(i));
      }
      write(targets.get(FILES.size()), SchemaCommand.schemaBytes());
      written.add(targets.get(FILES.size()));
    } catch (FileAlreadyExistsException e) {
      // created by someone else since the check above: undo ours, keep theirs
      for (Path w : written) Files.deleteIfExists(w);
      err.println("gradspec: not overwriting `" + e.getFile() + "`; nothing was written");
      return ExitCode.INVALID;
    }
    for (Path w : written) out.println("wrote " + Suite.display(w));
    out.println();
    out.println("Next: " + CommandName.get() + " check " + CommandName.shellWord(Suite.display(dir))
        + "   (one claim is a known mistake: it is `xfailed`, and the run passes)");
    out.flush();
    return ExitCode.OK;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = InitCommand.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return in.readAllBytes();
    }
  }
}
