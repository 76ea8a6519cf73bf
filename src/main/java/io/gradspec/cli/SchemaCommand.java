package io.gradspec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec schema}: prints the JSON Schema (draft 2020-12) of the spec format, for editors' YAML
 * support (schema/README.md says how to wire it in). The same file is committed as
 * schema/gradspec.schema.json.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = {
        "Prints the JSON Schema (draft 2020-12) of the spec format on standard output, for editors: "
            + "gradspec schema > gradspec.schema.json"},
    exitCodeListHeading = "%nExit codes:%n")
public final class SchemaCommand implements Callable<Integer>, ExitCode.Documented {
  /** The schema's file name, in schema/ and in a folder made by {@code init}. */
  static final String FILE_NAME = "gradspec.schema.json";
  /** The classpath resource holding the schema. */
  public static final String RESOURCE = "/gradspec.schema.json";

  @Spec CommandSpec spec;

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(ExitCode.OK, "the schema was printed"), ExitCode.OK, ExitCode.INTERNAL);
  }

  @Override public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.print(new String(schemaBytes(), StandardCharsets.UTF_8));
    out.flush();
    return ExitCode.OK;
  }

  static byte[] schemaBytes() throws IOException {
    return InitCommand.resource(RESOURCE);
  }
}
