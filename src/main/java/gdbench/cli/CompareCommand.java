package gdbench.cli;

import gdbench.core.GdbenchException;
import gdbench.report.Comparison;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench compare A B}: per result, B/A over fork means, corrected for the number of results; exit 1 on a marked regression. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare two runs, or two sets of runs (A1,A2,... B1,B2,...: their forks are pooled per side), result by result.",
        "",
        "Method: the fork is the unit. Per result, each side's fork means (the mean of each fork's measured iterations) are compared by"
            + " Welch's t-test on their logarithms, giving B/A (ratio of geometric means) with an interval. A result's noise floor is the"
            + " standard deviation of its log fork means within the sides (about their coefficient of variation); its threshold is"
            + " max(--threshold, 3 x that). The p-value of 'the change is within the threshold' is corrected by Holm over all results"
            + " tested (--alpha family-wise), and a change is marked only when its whole corrected interval lies beyond the threshold."
            + " A result with fewer than 3 forks on a side, or whose iterations trend or are bimodal (as the run marked them, or as"
            + " computed from the raw data), is 'uncertain': printed, never a failure. Results measured in another mode or unit are not"
            + " compared.",
        "",
        "Exit status 1 when a regression is marked, 0 otherwise, 2 on bad input.",
        "",
        "--normalize floor divides each result by its own run's floor (gdbench.bench.Floor.pass, same workload), --normalize canary"
            + " by its run's canary level, before comparing: this cancels a host that is uniformly faster or slower (another VM of the"
            + " same kind, a busier minute), not a host whose caches, memory bandwidth or SIMD differ (which move some cells and not"
            + " others), nor noise that hits one cell and not the floor. Runs without a floor (or canary) are refused."},
    sortOptions = false)
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline run folder, or several separated by commas (their forks are pooled).")
  String a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The run folder(s) to compare with it.")
  String b;

  @Option(names = "--threshold", defaultValue = "10", description = "Smallest change to mark, in percent. Default: ${DEFAULT-VALUE}.")
  double thresholdPercent;

  @Option(names = "--alpha", defaultValue = "5",
      description = "Family-wise error rate in percent: the chance that any result is marked by noise alone. Default: ${DEFAULT-VALUE}.")
  double alphaPercent;

  @Option(names = "--normalize", defaultValue = "none", paramLabel = "none|floor|canary",
      description = "Compare each result relative to its own run's floor of the same workload, or its canary. Default: ${DEFAULT-VALUE}.")
  String normalize;

  @Option(names = "--force", description = "Compare runs from different machines.")
  boolean force;

  @Override
  public Integer call() {
    if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
      throw new GdbenchException("--threshold must be a percentage >= 0, got " + thresholdPercent);
    }
    if (!(alphaPercent > 0 && alphaPercent < 100)) {
      throw new GdbenchException("--alpha must be a percentage between 0 and 100, got " + alphaPercent);
    }
    Comparison.Normalize mode = switch (normalize) {
      case "none" -> Comparison.Normalize.NONE;
      case "floor" -> Comparison.Normalize.FLOOR;
      case "canary" -> Comparison.Normalize.CANARY;
      default -> throw new GdbenchException("--normalize must be none, floor or canary, got '" + normalize + "'");
    };
    List<RunData> runsA = read(a, "RUN_A");
    List<RunData> runsB = read(b, "RUN_B");
    PrintWriter out = spec.commandLine().getOut();
    RunData first = runsA.get(0);
    List<RunData> all = new ArrayList<>(runsA);
    all.addAll(runsB);
    String difference = null;
    for (RunData other : all) {
      difference = !first.machine().equals(other.machine()) ? first.machine() + " and " + other.machine()
          : !first.hardware().equals(other.hardware()) ? "both named " + first.machine() + ", but " + first.hardware() + " and " + other.hardware()
          : null;
      if (difference != null) {
        if (!force) {
          throw new GdbenchException("the runs come from different machines (" + difference
              + "): their ratios would mix hardware with software changes; use --force to compare anyway");
        }
        break;
      }
    }
    // compared before anything is printed: a run without the floor or canary asked for is one error line
    Comparison.Outcome outcome = Comparison.compare(Comparison.Side.of(runsA), Comparison.Side.of(runsB),
        new Comparison.Options(thresholdPercent / 100, alphaPercent / 100, mode));
    if (difference != null) {
      out.println("WARNING: comparing runs from different machines (" + difference
          + "): the ratios mix hardware and software differences" + (mode == Comparison.Normalize.NONE ? "."
          : "; normalizing cancels a uniformly faster or slower host, not one whose caches or SIMD differ."));
    }
    out.printf(Locale.ROOT, "A: %s%nB: %s%n", describe(runsA), describe(runsB));
    String kernels = kernelEnvironmentDifference(first, all);
    if (kernels != null) {
      out.println("note: the runs' native-kernel settings differ (" + kernels + "): OpenBLAS (ND4J) may run other kernels on each"
          + " side, so a change in a BLAS-bound cell can be the setting, not the code");
    }
    if (!outcome.ignoredParams().isEmpty()) {
      out.println("matched ignoring " + outcome.ignoredParams() + " (constant within each run)");
    }
    out.println(Comparison.method(outcome));
    outcome.notes().forEach(out::println);
    for (RunData r : all) {
      var extras = gdbench.report.RunExtras.read(r);
      if (extras.canary() != null && extras.canary().noisy()) {
        out.printf(Locale.ROOT, "note: %s/%s: the host canary moved beyond its bound (drift %+.1f%%, spread %.1f%%, bound %.0f%%):"
            + " this host was not quiet during the run%n", r.machine(), r.run(), 100 * extras.canary().drift(), 100 * extras.canary().spread(),
            100 * extras.canary().bound());
      }
    }
    long fewForks = outcome.rows().stream().filter(r -> r.forksA() < Comparison.MIN_FORKS || r.forksB() < Comparison.MIN_FORKS).count();
    if (fewForks > 0) {
      out.printf(Locale.ROOT, "note: %d result(s) with fewer than %d forks on a side are uncertain: one JVM per side shows nothing of the"
          + " variation from one JVM to the next; a gate wants -Dbench.forks=%d or more, or scripts/ab%n", fewForks, Comparison.MIN_FORKS,
          Comparison.MIN_FORKS);
    }
    out.println();
    out.printf(Locale.ROOT, "%-16s %-28s %-8s %18s %18s %8s %19s %9s %5s  %s%n", "benchmark", "cell", "workload", "A", "B", "B/A",
        "corrected interval", "threshold", "forks", "");
    for (Comparison.Row r : outcome.rows()) {
      JmhResults.Result ra = r.a();
      String interval = Double.isNaN(r.low()) ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", r.low(), r.high());
      String mark = switch (r.verdict()) {
        case REGRESSION -> "REGRESSION";
        case IMPROVEMENT -> "improvement";
        case UNCERTAIN -> "uncertain: " + r.reason();
        case UNCHANGED -> "";
      };
      out.printf(Locale.ROOT, "%-16s %-28s %-8s %18s %18s %8.3f %19s %8.0f%% %5s  %s%n", ra.benchmarkClass(), cell(ra),
          ra.param("workload"), value(r.valueA(), r.unit()), value(r.valueB(), r.unit()), r.ratio(), interval, 100 * r.threshold(),
          r.forksA() + "/" + r.forksB(), mark);
    }
    for (String k : outcome.onlyInA()) {
      out.println("only in A: " + k);
    }
    for (String k : outcome.onlyInB()) {
      out.println("only in B: " + k);
    }
    outcome.incomparable().forEach((k, why) -> out.println("not compared: " + k + ": " + why));
    out.printf(Locale.ROOT, "%n%d compared, %d regression(s), %d improvement(s), %d uncertain%n", outcome.rows().size(),
        outcome.count(Comparison.Verdict.REGRESSION), outcome.count(Comparison.Verdict.IMPROVEMENT), outcome.count(Comparison.Verdict.UNCERTAIN));
    int[] overlap = outcome.overlapping();
    if (runsA.size() == 1 && runsB.size() == 1 && overlap[1] > 0) {
      out.printf(Locale.ROOT, "agreement: the two runs' 99%% intervals over their fork means (not normalized) overlap for %d of %d results "
          + "with 2 or more forks a side (%.0f%%)%n", overlap[0], overlap[1], 100.0 * overlap[0] / overlap[1]);
    }
    outcome.rows().stream().filter(r -> r.verdict() == Comparison.Verdict.REGRESSION).forEach(r -> out.printf(Locale.ROOT,
        "regression: %s %s %s: B/A %.3f, interval [%.3f, %.3f] beyond %.0f%%%n", r.a().benchmarkClass(), cell(r.a()), r.a().param("workload"),
        r.ratio(), r.low(), r.high(), 100 * r.threshold()));
    return outcome.hasRegression() ? Main.EXIT_REGRESSION : 0;
  }

  /** A result's cell, or "-" for a benchmark without one (the floor). */
  private static String cell(JmhResults.Result r) {
    return Objects.requireNonNullElse(r.param("cell"), "-");
  }

  /**
   * The variables that choose native kernels (OPENBLAS_CORETYPE and the like; thread counts are a
   * result's own parameter) where two runs that both recorded their environment disagree; null if
   * none do, or a run predates the record.
   */
  static String kernelEnvironmentDifference(RunData first, List<RunData> all) {
    Map<String, String> a = kernelEnvironment(first);
    for (RunData other : all) {
      Map<String, String> b = kernelEnvironment(other);
      if (a != null && b != null && !a.equals(b)) {
        return first.env().run() + " " + (a.isEmpty() ? "none" : a) + ", " + other.env().run() + " " + (b.isEmpty() ? "none" : b);
      }
    }
    return null;
  }

  private static Map<String, String> kernelEnvironment(RunData run) {
    Map<String, String> all = run.env().nativeEnvironment();
    if (all.isEmpty()) {
      return null;
    }
    Map<String, String> kernel = new TreeMap<>(all);
    // thread counts are a result's parameter; OPENBLAS_VERBOSE only makes OpenBLAS name its kernel
    kernel.keySet().removeIf(k -> k.endsWith("_NUM_THREADS") || k.equals("OPENBLAS_VERBOSE"));
    return kernel;
  }

  private static List<RunData> read(String folders, String what) {
    List<RunData> runs = new ArrayList<>();
    for (String f : folders.split(",")) {
      if (!f.isBlank()) {
        runs.add(RunFolderFiles.read(Path.of(f.trim())));
      }
    }
    if (runs.isEmpty()) {
      throw new GdbenchException(what + " names no run folder");
    }
    return runs;
  }

  /** {@code machine/run (cpu, complete)}, or the runs of one side joined by {@code +}. */
  private static String describe(List<RunData> runs) {
    return runs.stream().map(r -> String.format(Locale.ROOT, "%s/%s (%s, %s)", r.machine(), r.run(), r.device(),
        r.complete() ? "complete" : "INCOMPLETE")).collect(Collectors.joining(" + "));
  }

  private static String value(double v, String unit) {
    return String.format(Locale.ROOT, "%.4g %s", v, unit);
  }
}
