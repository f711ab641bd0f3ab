package gdbench.cli;

import gdbench.core.GdbenchException;
import gdbench.report.Comparison;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench compare A B}: per result, B/A with a confidence interval; exit 1 on a marked regression. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two runs: the ratio B/A per benchmark with a 95% bootstrap interval from JMH's raw data. "
        + "Exit status 1 when a change is significant, worse, and larger than the threshold.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline run folder.")
  Path a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The run folder to compare with it.")
  Path b;

  @Option(names = "--threshold", defaultValue = "10", description = "Smallest change to mark, in percent. Default: ${DEFAULT-VALUE}.")
  double thresholdPercent;

  @Option(names = "--force", description = "Compare runs from different machines.")
  boolean force;

  @Override
  public Integer call() {
    if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
      throw new GdbenchException("--threshold must be a percentage >= 0, got " + thresholdPercent);
    }
    RunData runA = RunFolderFiles.read(a);
    RunData runB = RunFolderFiles.read(b);
    PrintWriter out = spec.commandLine().getOut();
    String difference = !runA.machine().equals(runB.machine()) ? runA.machine() + " and " + runB.machine()
        : !runA.hardware().equals(runB.hardware()) ? "both named " + runA.machine() + ", but " + runA.hardware() + " and " + runB.hardware()
        : null;
    if (difference != null) {
      if (!force) {
        throw new GdbenchException("the runs come from different machines (" + difference
            + "): their ratios would mix hardware with software changes; use --force to compare anyway");
      }
      out.println("WARNING: comparing runs from different machines (" + difference
          + "): the ratios mix hardware and software differences.");
    }
    Comparison.Outcome outcome = Comparison.compare(runA.results(), runB.results(), thresholdPercent / 100);
    out.printf(Locale.ROOT, "A: %s/%s (%s, %s)%nB: %s/%s (%s, %s)%n", runA.machine(), runA.run(), runA.device(), runA.complete() ? "complete" : "INCOMPLETE",
        runB.machine(), runB.run(), runB.device(), runB.complete() ? "complete" : "INCOMPLETE");
    if (!outcome.ignoredParams().isEmpty()) {
      out.println("matched ignoring " + outcome.ignoredParams() + " (constant within each run)");
    }
    out.printf(Locale.ROOT, "changes marked when the 95%% interval excludes 1 and the change exceeds %s%%%n", trim(thresholdPercent));
    if (runA.results().stream().anyMatch(r -> r.forks() < 2) || runB.results().stream().anyMatch(r -> r.forks() < 2)) {
      out.println("note: results from a single fork: their intervals cover the noise between iterations, not the JIT's variation"
          + " from one JVM to the next; runs meant to gate a build want -Dbench.forks=3 or more");
    }
    out.println();
    out.printf(Locale.ROOT, "%-16s %-28s %-8s %14s %14s %8s %19s  %s%n", "benchmark", "cell", "workload", "A", "B", "B/A", "95% interval", "");
    int regressions = 0;
    for (Comparison.Row r : outcome.rows()) {
      JmhResults.Result ra = r.a();
      String interval = Double.isNaN(r.low()) ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", r.low(), r.high());
      String mark = switch (r.verdict()) {
        case REGRESSION -> "REGRESSION";
        case IMPROVEMENT -> "improvement";
        case UNCERTAIN -> "too few samples";
        case UNCHANGED -> "";
      };
      if (r.verdict() == Comparison.Verdict.REGRESSION) {
        regressions++;
      }
      out.printf(Locale.ROOT, "%-16s %-28s %-8s %14s %14s %8.3f %19s  %s%n", ra.benchmarkClass(), ra.param("cell"), ra.param("workload"),
          score(ra.primary()), score(r.b().primary()), r.ratio(), interval, mark);
    }
    for (String k : outcome.onlyInA()) {
      out.println("only in A: " + k);
    }
    for (String k : outcome.onlyInB()) {
      out.println("only in B: " + k);
    }
    outcome.incomparable().forEach((k, why) -> out.println("not compared: " + k + ": " + why));
    out.printf(Locale.ROOT, "%n%d compared, %d regression(s)%n", outcome.rows().size(), regressions);
    return outcome.hasRegression() ? Main.EXIT_REGRESSION : 0;
  }

  private static String score(JmhResults.Metric m) {
    return String.format(Locale.ROOT, "%.4g %s", m.score(), m.unit());
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
