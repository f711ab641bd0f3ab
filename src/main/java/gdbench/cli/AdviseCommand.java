package gdbench.cli;

import gdbench.core.GdbenchException;
import gdbench.report.Advice;
import gdbench.report.RunResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gdbench advise --n N [--d D]}: which cell to pick for a problem size, from a run's size or feature sweep. */
@Command(name = "advise", mixinStandardHelpOptions = true,
    description = {"Rank the cells for N samples of D features on a run's machine: one feature from its size sweep (-Dbench.sweep=size),"
        + " interpolated in log N between the neighbouring points; several from its feature sweep (-Dbench.sweep=features), which"
        + " varies D at one N·D, interpolated in log D. Each cell's time per step with its bounds, and which cell to pick where it wins"
        + " beyond both intervals. Sizes outside the sweeps, and threads they did not vary, are refused."})
final class AdviseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--n", required = true, description = "Samples per step.")
  long n;

  @Option(names = "--d", defaultValue = "1", description = "Features. Default: ${DEFAULT-VALUE}.")
  int d;

  @Option(names = "--threads", description = "Threads (default: the run's).")
  Integer threads;

  @Option(names = "--run", description = "A run folder with a size sweep (default: the newest under --results).")
  Path run;

  @Option(names = "--results", defaultValue = "results", description = "Where to look for runs. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() {
    if (n < 1 || d < 1) {
      throw new GdbenchException("--n and --d must be at least 1, got N = " + n + ", D = " + d);
    }
    Path dir = run != null ? run : newestSweep(results);
    if (!Files.isRegularFile(dir.resolve(RunFolderFiles.ENV))) {
      throw new GdbenchException(dir + ": not a run folder (no " + RunFolderFiles.ENV + ")");
    }
    RunData data = RunFolderFiles.read(dir);
    spec.commandLine().getOut().print(Advice.render(RunResults.of(data), dir.toString(), n, d, threads));
    return 0;
  }

  /** The newest run folder (by its timestamp name, over every machine) whose env.json records a size sweep. */
  static Path newestSweep(Path root) {
    if (!Files.isDirectory(root)) {
      throw new GdbenchException(root + ": no results folder");
    }
    try (Stream<Path> s = Files.find(root, 2, (p, a) -> a.isDirectory() && Files.isRegularFile(p.resolve(RunFolderFiles.ENV)))) {
      List<Path> runs = s.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
      for (Path r : runs) {
        if (Files.readString(r.resolve(RunFolderFiles.ENV)).contains("\"sweeps\"")) {
          return r;
        }
      }
    } catch (IOException e) {
      throw new GdbenchException("cannot search " + root + ": " + e.getMessage());
    }
    throw new GdbenchException("no run under " + root + " has a size sweep (run the benchmarks with -Dbench.sweep=size, or pass --run)");
  }
}
