package gdbench.cli;

import gdbench.core.GdbenchException;
import gdbench.core.Workload;
import gdbench.measure.TutorialReference;
import gdbench.runfolder.RunFolderFiles;
import gdbench.runfolder.TutorialReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench reference}: the tutorial's numpy/PyTorch code, and an expert's, timed on the same workloads. */
@Command(name = "reference", mixinStandardHelpOptions = true,
    description = "Time the tutorial's own numpy and PyTorch loops, and an expert's, on the benchmark workloads, each in several "
        + "fresh processes, and the per-op cost of numpy, torch, DJL and ND4J on seed (needs python3 with numpy and torch).")
final class ReferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "Run folder to write " + RunFolderFiles.TUTORIAL_REFERENCE + " into.")
  Path run;

  @Option(names = "--quick", description = "Shorter batches.")
  boolean quick;

  @Option(names = "--threads", description = "Threads for numpy's BLAS and torch, as the run's -Dbench.threads (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(names = "--processes", description = "Fresh processes per row (default: ${DEFAULT-VALUE}).")
  int processes = TutorialReference.Options.DEFAULT_PROCESSES;

  @Option(names = "--workloads", split = ",", description = "Workloads to time, comma-separated (default: all).")
  List<String> workloads;

  @Option(names = "--no-per-op", description = "Leave out the per-op table (one element-wise op per library on seed).")
  boolean noPerOp;

  @Option(names = "--force", description = "Replace an existing " + RunFolderFiles.TUTORIAL_REFERENCE + ".")
  boolean force;

  @Override
  public Integer call() {
    Path target = run.resolve(RunFolderFiles.TUTORIAL_REFERENCE);
    if (Files.exists(target) && !force) {
      throw new GdbenchException(target + " exists; a run's reference timings are not replaced (use a new run folder, or --force)");
    }
    if (processes < 2) {
      throw new GdbenchException("--processes must be at least 2: the interval is taken over processes");
    }
    TutorialReference.Options options = TutorialReference.Options.defaults(quick).withThreads(threads).withProcesses(processes)
        .withPerOp(!noPerOp);
    if (workloads != null) {
      options = options.withWorkloads(workloads.stream().map(Workload::parse).toList());
    }
    TutorialReferenceData result = TutorialReference.measure(options);
    RunFolderFiles.writeTutorialReference(run, result);
    spec.commandLine().getOut().println(result.status() + ": " + target + (result.reason() != null ? " (" + result.reason() + ")" : ""));
    return 0;
  }
}
