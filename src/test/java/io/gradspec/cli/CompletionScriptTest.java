package io.gradspec.cli;

import io.gradspec.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * completions/gradspec.bash is what picocli's AutoComplete generates from the commands: regenerate it with
 * {@code mvn test -Dtest=CompletionScriptTest -Dgradspec.updateGolden=true} after changing an option.
 */
class CompletionScriptTest {
  @Test
  void theCommittedScriptIsUpToDate() {
    String script = AutoComplete.bash("gradspec", GradspecCommand.commandLine());
    Golden.assertMatches(Path.of("completions/gradspec.bash"), script);
  }
}
