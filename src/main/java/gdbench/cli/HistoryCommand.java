package gdbench.cli;

import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.report.History;
import gdbench.report.HistoryCharts;
import gdbench.report.ResultsIndex;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench history [MACHINE]}: every committed run of a machine in commit order, one chart per benchmark family, and the steps. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Draw every run of a machine in commit order: per benchmark family one chart (a panel per workload) of each cell's time"
        + " per step with its interval, and the steps found by binary segmentation, each named by the run and commit that first shows it."
        + " Runs whose fingerprint (CPU, SIMD set, native kernel, JDK, device) differs are drawn as separate series.",
        "Writes history-FAMILY.png and HISTORY.md into --out (default RESULTS/MACHINE/history/), and then links it from RESULTS/README.md."})
final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MACHINE", description = "A folder under --results; default: every machine.")
  String machine;

  @Option(names = "--results", defaultValue = "results", description = "The results root. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Option(names = "--out", description = "Where the charts and HISTORY.md go (with every machine: one folder per machine under it).")
  Path out;

  @Option(names = "--threshold", defaultValue = "10", description = "Smallest step to report, in percent. Default: ${DEFAULT-VALUE}.")
  double minStepPercent;

  @Option(names = "--no-index", description = "Do not update RESULTS/README.md.")
  boolean noIndex;

  @Override
  public Integer call() {
    if (!(minStepPercent > 0) || Double.isInfinite(minStepPercent)) {
      throw new GdbenchException("--threshold must be a percentage > 0, got " + minStepPercent);
    }
    if (!Files.isDirectory(results)) {
      throw new GdbenchException(results + ": no results folder");
    }
    List<String> machines = machines(results);
    if (machine != null && !machines.contains(machine)) {
      throw new GdbenchException("no machine '" + machine + "' under " + results + " (machines: "
          + (machines.isEmpty() ? "none" : String.join(", ", machines)) + ")");
    }
    if (machines.isEmpty()) {
      throw new GdbenchException("no runs under " + results);
    }
    Map<String, History.Commit> commits = git(results);
    Map<String, String> colours = new LinkedHashMap<>();
    Backends.all().stream().filter(b -> b.chartColour() != null).forEach(b -> colours.put(b.name(), b.chartColour()));
    PrintWriter pw = spec.commandLine().getOut();
    for (String m : machine != null ? List.of(machine) : machines) {
      List<RunData> runs = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (Path dir : runFolders(results.resolve(m))) {
        try {
          runs.add(RunFolderFiles.read(dir));
        } catch (GdbenchException e) {
          skipped.add(dir.getFileName() + ": " + e.getMessage());
        }
      }
      History.Model model = History.build(m, runs, commits, skipped, minStepPercent / 100);
      Map<String, Map.Entry<String, byte[]>> charts = HistoryCharts.draw(model, colours);
      Path dir = out == null ? results.resolve(m).resolve("history") : machine != null ? out : out.resolve(m);
      Map<String, String> names = new HashMap<>();
      charts.forEach((family, chart) -> {
        RunFolderFiles.writeAtomically(dir.resolve(chart.getKey()), chart.getValue());
        names.put(family, chart.getKey());
      });
      RunFolderFiles.writeAtomically(dir.resolve(ResultsIndex.HISTORY), History.render(model, names));
      int steps = model.withSteps().stream().mapToInt(s -> s.steps().size()).sum();
      pw.printf("wrote %s and %d chart(s): %d run(s), %d series, %d step(s)%s%n", dir.resolve(ResultsIndex.HISTORY), charts.size(),
          model.runs().size(), model.series().size(), steps, skipped.isEmpty() ? "" : ", " + skipped.size() + " run folder(s) skipped");
    }
    if (!noIndex && out == null) {
      RunFolderFiles.writeAtomically(results.resolve(RunFolderFiles.RESULTS_INDEX), ResultsIndex.render(results));
      pw.println("updated " + results.resolve(RunFolderFiles.RESULTS_INDEX));
    }
    return 0;
  }

  /** The machine folders that hold at least one run folder (one with an env.json). */
  private static List<String> machines(Path root) {
    return dirs(root).stream().filter(m -> !runFolders(m).isEmpty()).map(m -> m.getFileName().toString()).toList();
  }

  private static List<Path> runFolders(Path machineDir) {
    return dirs(machineDir).stream().filter(r -> Files.isRegularFile(r.resolve(RunFolderFiles.ENV))).toList();
  }

  private static List<Path> dirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new GdbenchException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Every commit git knows in the repository holding the results, oldest first, with its subject;
   * empty where git is missing or the folder is not in a repository (the history then orders runs by time).
   */
  static Map<String, History.Commit> git(Path root) {
    Map<String, History.Commit> commits = new HashMap<>();
    try {
      Process p = new ProcessBuilder("git", "-C", root.toAbsolutePath().toString(), "log", "--all", "--topo-order", "--reverse",
          "--format=%H%x09%s").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            commits.put(line.substring(0, tab), new History.Commit(commits.size(), line.substring(tab + 1)));
          }
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return Map.of();
      }
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    return commits;
  }
}
