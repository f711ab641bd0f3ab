package gdbench.cli;

import gdbench.report.Charts;
import gdbench.report.Report;
import gdbench.report.ResultsIndex;
import gdbench.report.RunData;
import gdbench.report.RunFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    RunData data = RunData.load(run); // everything is read and checked before anything is written
    String markdown = Report.render(data);
    Map<String, byte[]> charts = Charts.draw(data);
    for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
      RunFiles.writeAtomically(run.resolve(chart.getKey()), chart.getValue());
    }
    RunFiles.writeAtomically(run.resolve("REPORT.md"), markdown);
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + run.resolve("REPORT.md") + " and " + charts.size() + " charts");
    Path root = ResultsIndex.rootOf(run);
    if (!noIndex && root != null) {
      RunFiles.writeAtomically(root.resolve("README.md"), ResultsIndex.render(root));
      out.println("updated " + root.resolve("README.md"));
    }
    return 0;
  }
}
