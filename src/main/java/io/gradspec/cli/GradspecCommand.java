package io.gradspec.cli;

import io.gradspec.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: subcommands, {@code --help}, {@code --version} and the exit codes. */
@Command(name = "gradspec", mixinStandardHelpOptions = true,
    version = "gradspec " + Version.VERSION,
    description = "Checks claimed derivatives, written as YAML specs, against central differences.",
    subcommands = {CheckCommand.class, ValidateCommand.class},
    exitCodeOnInvalidInput = ExitCode.INVALID,
    // picocli's default for an exception is 1, which would make a crash look like "a claim failed"
    exitCodeOnExecutionException = ExitCode.INTERNAL,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:every claim passed or xfailed",
        " 1:some claim failed or xpassed",
        " 2:usage error, or some spec invalid",
        " 3:nothing failed, but some claim is inconclusive",
        " 4:no spec found under the given paths",
        "70:internal error: a bug in gradspec (--verbose shows the stack trace)"})
public final class GradspecCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: check or validate");
  }
}
