package gdbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GdbenchException;
import gdbench.report.RunFiles;
import gdbench.report.TutorialReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench reference}: the tutorial's numpy/PyTorch code timed on the same workloads. */
@Command(name = "reference", mixinStandardHelpOptions = true,
    description = "Time the tutorial's own numpy and PyTorch loops on the benchmark workloads (needs python3 with numpy and torch).")
final class ReferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "Run folder to write " + TutorialReference.FILE + " into.")
  Path run;

  @Option(names = "--quick", description = "Fewer, shorter samples.")
  boolean quick;

  @Option(names = "--force", description = "Replace an existing " + TutorialReference.FILE + ".")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path target = run.resolve(TutorialReference.FILE);
    if (Files.exists(target) && !force) {
      throw new GdbenchException(target + " exists; a run's reference timings are not replaced (use a new run folder, or --force)");
    }
    JsonNode result = TutorialReference.measure(quick);
    RunFiles.writeAtomically(target, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    spec.commandLine().getOut().println(result.path("status").asText() + ": " + target
        + (result.has("reason") ? " (" + result.get("reason").asText() + ")" : ""));
    return 0;
  }
}
