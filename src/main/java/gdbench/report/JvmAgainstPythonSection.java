package gdbench.report;

import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.runfolder.TutorialReferenceData;
import gdbench.stats.ForkInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM cells against the Python code that runs the same algorithm the same way, as
 * tutorial-reference.json pairs them, on every step workload, each side with its interval; then
 * the cost of one element-wise op on both sides, and the builds and kernels each side runs. Runs
 * whose reference file predates the pairs (schema 1) get nothing here, so their pages stay as they were.
 */
final class JvmAgainstPythonSection {
  private JvmAgainstPythonSection() {}

  /** An estimate of steps (or ops) per second with its interval, and how the interval was taken. */
  record Estimate(double rate, double lower, double upper, String how) {
    double seconds() {
      return 1 / rate;
    }

    /** Half the interval's width relative to the rate. */
    double halfWidth() {
      return (upper - lower) / 2 / rate;
    }

    boolean overlaps(Estimate o) {
      return Double.isFinite(lower) && Double.isFinite(o.lower) && lower <= o.upper && o.lower <= upper;
    }

    String text() {
      return Markdown.duration(seconds()) + " ± " + Markdown.percent(halfWidth()) + how;
    }
  }

  static void render(RunResults results, StringBuilder md) {
    TutorialReferenceData ref = results.run().reference();
    if (ref == null || !ref.complete() || ref.pairs().isEmpty()) {
      return;
    }
    md.append("## JVM against Python\n\n");
    int python = Markdown.or(ref.threads(), 0);
    int jvm = results.env().threads() == null ? python : Markdown.or(results.env().threads().threads(), python);
    md.append("Each JVM cell next to the Python code that runs the same algorithm the same way: tuned with an "
        + "expert's numpy or PyTorch, idiomatic with the tutorial's code, autograd, loss-optimizer and full-library with the "
        + "tutorial's PyTorch of that stage; a manual cell pairs with torch where its backend runs libtorch, with numpy otherwise. "
        + "Both sides train on the same data values, ")
        .append(python == jvm ? "with " + python + " thread(s). " : "Python with " + python + " thread(s), the JVM cells with " + jvm + ". ");
    md.append(plusMinus(ref, results)).append("\n\n");
    pairs(results, ref, md);
    perOp(ref, md);
    builds(results.env(), ref, md);
  }

  /** What ± means on each side, said once. */
  private static String plusMinus(TutorialReferenceData ref, RunResults results) {
    TutorialReferenceData.Statistic s = ref.statistic();
    int processes = s == null ? 0 : s.processes();
    String confidence = s == null ? "99%" : Markdown.percent(s.confidence()).replace(".0%", "%");
    return String.format(Locale.ROOT, "± is half the width of a %s Student t interval of the mean: over the fork means of a JMH result "
        + "(where it has one fork, JMH's own 99.9%% error within that fork, marked ¹), and over %d fresh Python processes, each the mean "
        + "of its timed batches. Ratios below 1 mean the JVM cell is faster; ≈ marks a pair whose intervals overlap, a difference this "
        + "run cannot tell from noise.", confidence, processes);
  }

  private static void pairs(RunResults results, TutorialReferenceData ref, StringBuilder md) {
    Map<String, Map<String, TutorialReferenceData.Row>> python = new LinkedHashMap<>();
    for (TutorialReferenceData.Row r : ref.rows()) {
      python.computeIfAbsent(r.id(), k -> new LinkedHashMap<>()).put(r.workload(), r);
    }
    Markdown.Table t = new Markdown.Table("workload", "JVM cell", ">JVM", "Python", ">Python", ">JVM ÷ Python");
    for (String w : results.stepWorkloads()) {
      for (TutorialReferenceData.Pair pair : ref.pairs()) {
        CellId cell = CellId.parse(pair.cell());
        if (!results.cells().contains(cell)) {
          continue; // not served in this run
        }
        Estimate jvm = jvm(results.step(cell, w));
        TutorialReferenceData.Row row = python.getOrDefault(pair.python(), Map.of()).get(w);
        Estimate py = row == null ? null : python(row);
        t.row(w, "`" + cell + "`", jvm == null ? results.missingStep(cell, w) : jvm.text(), "`" + Markdown.text(pair.python()) + "`",
            py == null ? "not run" : py.text(), jvm == null || py == null ? "-" : ratio(jvm, py));
      }
    }
    md.append(t.render()).append('\n');
    faults(ref, md);
  }

  /** Rows of this many minor page faults per step or more in some process are named: their time is the allocator's. */
  static final double FAULTS_NAMED = 100;

  /**
   * Python rows whose temporaries went back to the operating system and came back as fresh pages
   * on every step (glibc trims or unmaps large freed blocks; a page fault is expensive in a VM):
   * their time is the allocator's more than the library's, and may differ from one process to the next.
   */
  private static void faults(TutorialReferenceData ref, StringBuilder md) {
    List<String> named = new ArrayList<>();
    for (TutorialReferenceData.Row r : ref.rows()) {
      double[] f = r.minorFaultsPerStep();
      if (f == null) {
        continue;
      }
      long faulting = Arrays.stream(f).filter(v -> v >= FAULTS_NAMED).count();
      if (faulting > 0) {
        double max = Arrays.stream(f).max().orElse(0);
        named.add(String.format(Locale.ROOT, "`%s` on %s (up to %s per step, in %d of %d processes)", r.id(), r.workload(),
            Markdown.sig(max), faulting, f.length));
      }
    }
    if (!named.isEmpty()) {
      md.append("Python rows that took at least ").append(Markdown.sig(FAULTS_NAMED)).append(" minor page faults per step, their "
          + "temporaries handed back to the operating system and faulted in again each step (the allocator's cost more than the "
          + "library's): ").append(String.join("; ", named)).append(".\n\n");
    }
  }

  private static String ratio(Estimate jvm, Estimate python) {
    String r = Markdown.times(jvm.seconds() / python.seconds());
    return jvm.overlaps(python) ? "≈ " + r : r;
  }

  /** A JMH step result in steps per second: over fork means where there are several forks, else JMH's error. */
  static Estimate jvm(JmhResults.Result r) {
    if (r == null) {
      return null;
    }
    JmhResults.Metric m = r.primary();
    double[] forkMeans = new double[m.raw().length];
    for (int f = 0; f < forkMeans.length; f++) {
      double sum = 0;
      for (double v : m.raw()[f]) {
        sum += v;
      }
      forkMeans[f] = rate(m, sum / m.raw()[f].length);
    }
    if (forkMeans.length >= 2) {
      ForkInterval i = ForkInterval.of(forkMeans);
      return new Estimate(i.mean(), i.lower(), i.upper(), "");
    }
    double score = rate(m, m.score());
    double a = rate(m, m.score() - m.error());
    double b = rate(m, m.score() + m.error());
    return new Estimate(score, Math.min(a, b), Math.max(a, b), " ¹");
  }

  /** A value of the metric in steps per second, whether JMH measured a rate or a time. */
  private static double rate(JmhResults.Metric m, double value) {
    String unit = m.unit();
    if (m.higherIsBetter()) {
      return switch (unit) {
        case "ops/ms" -> value * 1e3;
        case "ops/us" -> value * 1e6;
        case "ops/ns" -> value * 1e9;
        default -> value;
      };
    }
    double seconds = new JmhResults.Metric(value, 0, unit, new double[0][]).seconds();
    return 1 / seconds;
  }

  static Estimate python(TutorialReferenceData.Row row) {
    if (!row.repeated()) {
      return null;
    }
    ForkInterval i = ForkInterval.of(row.processMeans());
    return new Estimate(i.mean(), i.lower(), i.upper(), "");
  }

  private static void perOp(TutorialReferenceData ref, StringBuilder md) {
    TutorialReferenceData.PerOp perOp = ref.perOp();
    if (perOp == null || perOp.rows().isEmpty()) {
      return;
    }
    md.append("### Cost of one operation on `").append(Markdown.text(perOp.workload())).append("`\n\n");
    md.append(String.format(Locale.ROOT, "One element-wise op on %d floats, from Python and through the JVM libraries' native calls "
        + "(JNI), each repeated in %d fresh processes: `c = a + b` into a new array freed at once, and `a += b` in place. %s. "
        + "± as above, over the processes.%n%n", perOp.n(), perOp.processes(), capitalised(Markdown.text(perOp.rule()))));
    Markdown.Table t = new Markdown.Table("library", "side", ">c = a + b", ">a += b");
    Map<String, Map<String, TutorialReferenceData.PerOpRow>> byLibrary = new LinkedHashMap<>();
    double loop = Double.NaN;
    for (TutorialReferenceData.PerOpRow r : perOp.rows()) {
      if ("empty-loop".equals(r.op())) {
        loop = r.nsPerOp();
        continue;
      }
      byLibrary.computeIfAbsent(r.side() + "|" + r.library(), k -> new LinkedHashMap<>()).put(r.op(), r);
    }
    for (Map<String, TutorialReferenceData.PerOpRow> ops : byLibrary.values()) {
      TutorialReferenceData.PerOpRow any = ops.values().iterator().next();
      t.row(Markdown.text(any.library()), Markdown.text(any.side()), nanos(ops.get("add")), nanos(ops.get("add-inplace")));
    }
    md.append(t.render()).append('\n');
    if (Double.isFinite(loop)) {
      md.append(String.format(Locale.ROOT, "The Python figures include the loop around the op: an empty Python loop takes %s per "
          + "iteration.%n%n", Markdown.duration(loop * 1e-9)));
    }
  }

  private static String nanos(TutorialReferenceData.PerOpRow r) {
    if (r == null) {
      return "-";
    }
    String text = Markdown.duration(r.nsPerOp() * 1e-9);
    double[] medians = r.processMedians();
    if (medians != null && medians.length >= 2) {
      ForkInterval i = ForkInterval.of(medians);
      text += " ± " + Markdown.percent(i.relativeHalfWidth());
    }
    return text;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Which builds each side runs: where a difference may be the build (BLAS, PyTorch version) rather than the language. */
  private static void builds(RunEnvironment env, TutorialReferenceData ref, StringBuilder md) {
    md.append("### Builds and kernels\n\n");
    List<String> jvm = new ArrayList<>();
    for (RunEnvironment.Backend b : env.backends()) {
      if (b.versions() == null) {
        continue; // a backend that could not describe itself
      }
      b.versions().forEach((k, v) -> {
        String key = k.toLowerCase(Locale.ROOT);
        if (key.contains("pytorch") || key.contains("blas") || key.contains("mkl")) {
          jvm.add(Markdown.text(b.name()) + ": " + k + " " + v);
        }
      });
    }
    md.append("- Python ").append(Markdown.text(ref.python())).append(" (`").append(Markdown.text(ref.interpreter()))
        .append("`): numpy ").append(Markdown.text(ref.numpy())).append(", PyTorch ").append(Markdown.text(ref.torch()))
        .append(torchBuild(ref)).append(".\n");
    List<String> libs = loadedLibraries(ref);
    if (!libs.isEmpty()) {
      md.append("- Native libraries the Python processes mapped: ").append(String.join(", ", libs)).append(".\n");
    }
    if (!jvm.isEmpty()) {
      md.append("- JVM side: ").append(String.join("; ", jvm)).append(".\n");
    }
    if (ref.environment() != null && !ref.environment().isEmpty()) {
      List<String> vars = new ArrayList<>();
      new java.util.TreeMap<>(ref.environment()).forEach((k, v) -> vars.add("`" + k + "=" + v + "`"));
      md.append("- Kernel environment of the Python processes: ").append(String.join(", ", vars)).append(".\n");
    }
    if (ref.data() != null) {
      md.append("- Data: ").append(ref.data()).append(".\n");
    }
    String when = whenTimed(env, ref);
    if (!when.isEmpty()) {
      md.append("- ").append(when).append("\n");
    }
    md.append("\nThe full configuration (numpy's build, `torch.__config__.show()`, threadpoolctl's view) is in `tutorial-reference.json`.\n\n");
  }

  /**
   * When the Python side ran against when JMH ended: the pairs compare like with like only when
   * both ran on the same host in the same hour, so a reference timed later says so.
   */
  static String whenTimed(RunEnvironment env, TutorialReferenceData ref) {
    if (ref.startedAt() == null || ref.finishedAt() == null) {
      return "";
    }
    try {
      Instant start = Instant.parse(ref.startedAt());
      String span = "Timed from " + ref.startedAt() + " to " + ref.finishedAt();
      if (env.finishedAt() == null) {
        return span + ".";
      }
      Duration after = Duration.between(Instant.parse(env.finishedAt()), start);
      if (after.toMinutes() <= 10) {
        return span + ", right after JMH.";
      }
      return String.format(Locale.ROOT, "%s, %s after JMH ended (%s), not right after it: a later hour of a shared host, so pairs "
          + "within about 25%% are not a finding.", span, after.toHours() >= 2 ? after.toHours() + " h" : after.toMinutes() + " min",
          env.finishedAt());
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** BLAS and CPU capability from {@code torch.__config__.show()}, where the file has it. */
  private static String torchBuild(TutorialReferenceData ref) {
    String config = ref.kernels() == null ? "" : ref.kernels().path("torch").path("config").asText("");
    List<String> found = new ArrayList<>();
    for (String pattern : List.of("CPU capability usage: [A-Za-z0-9_]+", "BLAS_INFO=[^,\\s]+", "LAPACK_INFO=[^,\\s]+")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(config);
      if (m.find()) {
        found.add(m.group());
      }
    }
    return found.isEmpty() ? "" : " (" + String.join(", ", found) + ")";
  }

  private static List<String> loadedLibraries(TutorialReferenceData ref) {
    List<String> libs = new ArrayList<>();
    if (ref.kernels() != null) {
      ref.kernels().path("loadedLibraries").forEach(n -> {
        libs.add("`" + n.asText() + "`"); // the whole path: Debian's alternatives tell BLAS builds apart by folder
      });
    }
    return libs;
  }
}
