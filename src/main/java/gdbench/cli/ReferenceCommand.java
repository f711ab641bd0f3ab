package gdbench.cli;

import gdbench.core.GdbenchException;
import gdbench.measure.TutorialReference;
import gdbench.runfolder.RunFolderFiles;
import gdbench.runfolder.TutorialReferenceData;
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

  @Option(names = "--run", required = true, description = "Run folder to write " + RunFolderFiles.TUTORIAL_REFERENCE + " into.")
  Path run;

  @Option(names = "--quick", description = "Fewer, shorter samples.")
  boolean quick;

  @Option(names = "--force", description = "Replace an existing " + RunFolderFiles.TUTORIAL_REFERENCE + ".")
  boolean force;

  @Override
  public Integer call() {
    Path target = run.resolve(RunFolderFiles.TUTORIAL_REFERENCE);
    if (Files.exists(target) && !force) {
      throw new GdbenchException(target + " exists; a run's reference timings are not replaced (use a new run folder, or --force)");
    }
    TutorialReferenceData result = TutorialReference.measure(quick);
    RunFolderFiles.writeTutorialReference(run, result);
    spec.commandLine().getOut().println(result.status() + ": " + target + (result.reason() != null ? " (" + result.reason() + ")" : ""));
    return 0;
  }
}
