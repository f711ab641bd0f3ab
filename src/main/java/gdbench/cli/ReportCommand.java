package gdbench.cli;

import gdbench.core.Backends;
import gdbench.report.Charts;
import gdbench.report.Report;
import gdbench.report.ResultsIndex;
import gdbench.report.RunResults;
import gdbench.runfolder.RunFolderFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench report RUN}: REPORT.md and charts into the run folder, and the results index. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Render a run folder's REPORT.md and charts from its JSON files, and update results/README.md.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_FOLDER", description = "e.g. results/amd-epyc-2c/2026-11-27T17-37-25Z")
  Path run;

  @Option(names = "--no-index", description = "Do not update results/README.md.")
  boolean noIndex;

  @Override
  public Integer call() {
    RunResults results = RunResults.of(RunFolderFiles.read(run)); // everything is read and checked before anything is written
    String markdown = Report.render(results);
    Map<String, String> colours = new LinkedHashMap<>();
    Backends.all().stream().filter(b -> b.chartColour() != null).forEach(b -> colours.put(b.name(), b.chartColour()));
    Map<String, byte[]> charts = Charts.draw(results, colours);
    for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
      RunFolderFiles.writeAtomically(run.resolve(chart.getKey()), chart.getValue());
    }
    RunFolderFiles.writeAtomically(run.resolve(RunFolderFiles.REPORT), markdown);
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + run.resolve(RunFolderFiles.REPORT) + " and " + charts.size() + " charts");
    Path root = ResultsIndex.rootOf(run);
    if (!noIndex && root != null) {
      RunFolderFiles.writeAtomically(root.resolve(RunFolderFiles.RESULTS_INDEX), ResultsIndex.render(root));
      out.println("updated " + root.resolve(RunFolderFiles.RESULTS_INDEX));
    }
    return 0;
  }
}
