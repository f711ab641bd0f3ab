package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks that time whole runs rather than steady steps: time to target, cold start, and
 * the data's way onto the device. One row per result, ordered by cell and workload.
 */
final class SingleRunSections {
  private SingleRunSections() {}

  static void timeToTarget(RunResults results, StringBuilder md) {
    List<JmhResults.Result> sorted = results.sorted(BenchmarkKind.TARGET);
    md.append("## Time to target (JMH)\n\n");
    if (sorted.isEmpty()) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    RunEnvironment.JmhBenchmark cfg = results.env().benchmark(BenchmarkKind.TARGET);
    double fraction = cfg == null || cfg.targetFraction() == null ? BenchmarkKind.TARGET_FRACTION : cfg.targetFraction();
    // runs before the "runs" counter timed one training run per iteration (single shot)
    boolean averaged = sorted.stream().anyMatch(r -> r.secondary().containsKey("runs"));
    md.append(String.format(Locale.ROOT, "From zero weights until the excess loss is at most %s of the initial excess (limit %d epochs); %s%n%n",
        Markdown.percent(fraction), cfg == null ? 0 : cfg.epochLimit(),
        averaged ? "the average over repeated runs of compiled code, each starting with the reset to zero weights."
            : "single-shot runs of compiled code."));
    if (results.forksAsUnit()) {
      md.append(Figure.share("time-to-target results", results.figures(BenchmarkKind.TARGET), results.confidence())).append("\n\n");
      boolean resetTimed = sorted.stream().anyMatch(r -> r.secondary().containsKey(RESET_NANOS));
      if (resetTimed) {
        md.append("`reset` is the reset to zero weights at the start of each run, timed on its own (with one clock read in it,"
            + " some 20 ns); `without reset` is the run's time less it, the mean over fork means with its interval.\n\n");
      }
      Markdown.Table t = resetTimed
          ? new Markdown.Table("cell", "workload", ">time", ">forks", ">reset", ">without reset", ">epochs", ">runs reaching the target")
          : new Markdown.Table("cell", "workload", ">time", ">forks", ">epochs", ">runs reaching the target");
      for (JmhResults.Result r : sorted) {
        Figure f = results.figure(BenchmarkKind.TARGET, r);
        List<Object> row = new ArrayList<>(List.of("`" + r.param("cell") + "`", workload(results, r), TimePerStepSection.withSpread(f),
            f == null ? 0 : f.forks()));
        if (resetTimed) {
          row.add(Markdown.duration(perRun(r, RESET_NANOS) * 1e-9));
          row.add(withoutReset(r, results.confidence()));
        }
        row.add(Markdown.sig(perRun(r, "epochs")));
        row.add(Markdown.percent(perRun(r, "reached")));
        t.row(row.toArray());
      }
      md.append(t.render()).append('\n');
      return;
    }
    Markdown.Table t = new Markdown.Table("cell", "workload", ">time", ">± error", ">epochs", ">runs reaching the target");
    for (JmhResults.Result r : sorted) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), Markdown.duration(r.primary().seconds()),
          Markdown.percent(r.primary().relativeError()), Markdown.sig(perRun(r, "epochs")), Markdown.percent(perRun(r, "reached")));
    }
    md.append(t.render()).append('\n');
  }

  static final String RESET_NANOS = "resetNanos";

  /** The run's time less its reset, per iteration, averaged per fork; the mean over forks with its interval. */
  static String withoutReset(JmhResults.Result r, double confidence) {
    JmhResults.Metric time = r.primary();
    JmhResults.Metric reset = r.secondary().get(RESET_NANOS);
    JmhResults.Metric runs = r.secondary().get("runs");
    double secondsPerUnit = time.seconds() / time.score();
    if (reset == null || runs == null || !Double.isFinite(secondsPerUnit)) {
      return "-";
    }
    List<Double> means = new ArrayList<>();
    for (int f = 0; f < time.raw().length && f < reset.raw().length && f < runs.raw().length; f++) {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < time.raw()[f].length && i < reset.raw()[f].length && i < runs.raw()[f].length; i++) {
        if (runs.raw()[f][i] > 0) {
          sum += time.raw()[f][i] * secondsPerUnit - reset.raw()[f][i] / runs.raw()[f][i] * 1e-9;
          n++;
        }
      }
      if (n > 0) {
        means.add(sum / n);
      }
    }
    if (means.isEmpty()) {
      return "-";
    }
    ForkInterval iv = ForkInterval.of(means.stream().mapToDouble(Double::doubleValue).toArray(), confidence);
    return Double.isFinite(iv.lower())
        ? Markdown.duration(iv.mean()) + " (" + Markdown.duration(Math.max(0, iv.lower())) + " to " + Markdown.duration(iv.upper()) + ")"
        : Markdown.duration(iv.mean());
  }

  /** A counter per training run: its sum over the sum of runs, or per shot where each iteration was one run. */
  private static double perRun(JmhResults.Result r, String counter) {
    JmhResults.Metric m = r.secondary().get(counter);
    if (m == null) {
      return Double.NaN;
    }
    JmhResults.Metric runs = r.secondary().get("runs");
    return runs == null ? m.rawMean() : m.rawSum() / runs.rawSum();
  }

  static void coldStart(RunResults results, StringBuilder md) {
    List<JmhResults.Result> sorted = results.sorted(BenchmarkKind.COLD);
    md.append("## Cold start (JMH)\n\n");
    if (sorted.isEmpty()) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    if (results.forksAsUnit()) {
      forkColdStart(results, sorted, md);
      return;
    }
    md.append("A fresh JVM per measurement: building the first trainer (engine load, data conversion) and its first step.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "workload", ">total", ">± error", ">build trainer", ">first step", ">RSS after");
    for (JmhResults.Result r : sorted) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), Markdown.duration(r.primary().seconds()),
          Markdown.percent(r.primary().relativeError()), millis(r, "openMs"), millis(r, "firstStepMs"), Markdown.bytes(r, "rss", 1024 * 1024));
    }
    md.append(t.render()).append('\n');
  }

  static void transfer(RunResults results, StringBuilder md) {
    List<JmhResults.Result> sorted = results.sorted(BenchmarkKind.TRANSFER);
    if (sorted.isEmpty()) {
      return; // measured on request on the CPU, by default on a GPU
    }
    md.append("## Data onto the device and first step (JMH)\n\n");
    md.append("Building a trainer on a warm engine (the data converted into the library's arrays: on a GPU, the host-to-device copy) "
        + "and its first step, whose loss comes back to the host. The step benchmarks above keep the data resident and leave this out.\n\n");
    if (results.forksAsUnit()) {
      Markdown.Table t = new Markdown.Table("cell", "workload", "device", ">time", ">forks", ">RSS after");
      for (JmhResults.Result r : sorted) {
        Figure f = results.figure(BenchmarkKind.TRANSFER, r);
        t.row("`" + r.param("cell") + "`", workload(results, r), r.param("device"), TimePerStepSection.withSpread(f), f == null ? 0 : f.forks(),
            Markdown.bytes(r, "rss", 1024 * 1024));
      }
      md.append(t.render()).append('\n');
      return;
    }
    Markdown.Table t = new Markdown.Table("cell", "workload", "device", ">time", ">± error", ">RSS after");
    for (JmhResults.Result r : sorted) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), r.param("device"), Markdown.duration(r.primary().seconds()),
          Markdown.percent(r.primary().relativeError()), Markdown.bytes(r, "rss", 1024 * 1024));
    }
    md.append(t.render()).append('\n');
  }

  /**
   * Cold start with the fork as the unit: one start per fork, so the median and range over the
   * forks describe it; the mean's interval stands beside them for the share line.
   */
  private static void forkColdStart(RunResults results, List<JmhResults.Result> sorted, StringBuilder md) {
    md.append("A fresh JVM per measurement: building the first trainer (engine load, data conversion) and its first step, once per "
        + "fork. **Cold means a new JVM here, not a new machine**: the operating system's page cache already holds the jars and "
        + "the data, and the native libraries (ND4J's OpenBLAS, PyTorch) were already extracted to their caches by earlier forks, so "
        + "the very first start on a fresh machine, which downloads or extracts them, takes longer. Each start is one sample: the "
        + "median and range over the forks, and the mean with its interval (marked results: the shape and its cause).\n\n");
    md.append(Figure.share("cold-start results", results.figures(BenchmarkKind.COLD), results.confidence())).append("\n\n");
    Markdown.Table t = new Markdown.Table("cell", "workload", ">median", ">range", ">forks", ">mean", ">build trainer", ">first step",
        ">RSS after");
    for (JmhResults.Result r : sorted) {
      Figure f = results.figure(BenchmarkKind.COLD, r);
      if (f == null) {
        t.row("`" + r.param("cell") + "`", workload(results, r), "no measurement");
        continue;
      }
      t.row("`" + r.param("cell") + "`", workload(results, r), Markdown.duration(f.interval().median() * f.secondsPerUnit()),
          Markdown.duration(f.interval().min() * f.secondsPerUnit()) + " – " + Markdown.duration(f.interval().max() * f.secondsPerUnit()), f.forks(),
          f.marked() ? f.shape() : f.time(), millis(r, "openMs"), millis(r, "firstStepMs"), Markdown.bytes(r, "rss", 1024 * 1024));
    }
    md.append(t.render()).append('\n');
  }

  /** The workload, with the heap where the result ran at a heap other than the run's. */
  private static String workload(RunResults results, JmhResults.Result r) {
    return r.param("workload") + (results.atRunHeap(r) ? "" : " (heap " + r.heap() + ")");
  }

  /** A counter recorded in milliseconds, averaged over every measurement. */
  private static String millis(JmhResults.Result r, String name) {
    JmhResults.Metric m = r.secondary().get(name);
    return m == null ? "-" : Markdown.duration(m.rawMean() / 1000);
  }
}
