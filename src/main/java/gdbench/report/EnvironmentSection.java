package gdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The machine, the JDK, the libraries and JMH's settings: what a reader needs to judge or repeat the figures. */
final class EnvironmentSection {
  private EnvironmentSection() {}

  static void render(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    RunEnvironment.Hardware hw = env.hardware();
    md.append("## Environment\n\n");
    Markdown.Table t = new Markdown.Table("", "");
    t.row("CPU", Markdown.text(hw.cpuModel()) + ", " + Markdown.or(hw.logicalCores(), 0) + " logical / "
        + (hw.physicalCores() == null ? "?" : hw.physicalCores()) + " physical cores");
    t.row("Instruction sets", String.join(", ", hw.instructionSets()));
    List<String> caches = new ArrayList<>();
    hw.caches().forEach((level, size) -> caches.add(level + " " + size));
    t.row("Caches", String.join(", ", caches));
    t.row("Memory", Markdown.bytes(Markdown.or(hw.memoryBytes(), Double.NaN)));
    RunEnvironment.Os os = env.os();
    t.row("OS", Markdown.or(os.distribution(), "") + ", " + Markdown.text(os.name()) + " " + Markdown.text(os.version())
        + " (" + Markdown.text(os.arch()) + ")");
    RunEnvironment.Jdk jdk = env.jdk();
    t.row("JDK", Markdown.text(jdk.vendor()) + " " + Markdown.text(jdk.runtimeVersion()) + ", " + Markdown.text(jdk.vmName()));
    t.row("Vector API", Markdown.or(jdk.vectorSpecies(), "-"));
    t.row("JMH", Markdown.text(env.jmh().version()));
    t.row("Native flavour", results.run().device() + ", " + Markdown.or(env.nativeSetup().instructionSet(), "?"));
    List<String> threadEnv = new ArrayList<>();
    env.threads().environment().forEach((name, value) -> threadEnv.add(name + "=" + value)); // unset variables show as null
    t.row("Threads", Markdown.or(env.threads().threads(), 0) + " (" + String.join(", ", threadEnv) + ")");
    // the runner writes a null commit outside a git checkout; the page has always shown it as such
    t.row("Commit", "`" + env.git().commit() + "`" + (env.git().dirty() ? ", with uncommitted changes" : ", clean"));
    t.row("Run", Markdown.text(env.startedAt()) + " to " + Markdown.or(env.finishedAt(), "(unfinished)"));
    md.append(t.render()).append('\n');
    libraries(env, md);
    if (results.forksAsUnit()) {
      fingerprint(results, md);
    }
    jmhSettings(env, md);
    if (results.forksAsUnit()) {
      iterationLengths(env, md);
    }
  }

  /**
   * What the forks themselves reported: the native environment, each backend's thread settings
   * and native kernel as read back inside the forks (the distinct values seen), the threads that
   * used the CPU, the host's steal and load against their bounds, and the canary.
   */
  private static void fingerprint(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    md.append("### Fingerprint and host\n\n");
    Markdown.Table t = new Markdown.Table("", "");
    RunEnvironment.Statistic st = env.statistic();
    t.row("Statistic", "unit: " + Markdown.or(st.unit(), "fork") + "; " + Markdown.or(st.interval(), "student-t over fork means") + "; confidence "
        + Markdown.percent(results.confidence()).replace(".0%", "%"));
    List<String> vars = new ArrayList<>();
    new TreeMap<>(env.nativeEnvironment()).forEach((k, v) -> vars.add("`" + k + "=" + v + "`"));
    t.row("Native environment", vars.isEmpty() ? "none of OPENBLAS_*, MKL_*, OMP_*, KMP_*, DNNL_* set" : String.join(", ", vars));
    RunEnvironment.Host host = env.host();
    if (host != null) {
      t.row("CPU steal", "at most " + Markdown.percent(Markdown.or(host.maxSteal(), Double.NaN)) + " in any fork (bound "
          + Markdown.percent(Markdown.or(host.stealBound(), Double.NaN)) + ")" + (host.stealAbove() ? ": **above the bound**" : ""));
      t.row("Load average", "at most " + Markdown.sig(Markdown.or(host.maxLoad(), Double.NaN)) + " in any fork (bound "
          + Markdown.sig(Markdown.or(host.loadBound(), Double.NaN)) + ")" + (host.loadAbove() ? ": **above the bound**" : ""));
    }
    RunEnvironment.Canary c = env.canary();
    if (c != null) {
      t.row("Canary", String.format(java.util.Locale.ROOT, "%s per pass (median of %d check(s): at the start, between passes, at the end); "
          + "drift %s, spread %s (bound %s): %s", Markdown.duration(Markdown.or(c.level(), Double.NaN) * 1e-9), c.nsPerPass().size(),
          HeaderSection.signedPercent(Markdown.or(c.drift(), Double.NaN)), Markdown.percent(Markdown.or(c.spread(), Double.NaN)),
          Markdown.percent(Markdown.or(c.bound(), Double.NaN)), c.isNoisy() ? "**noisy**" : "steady"));
    }
    md.append(t.render()).append('\n');
    Map<String, Backend> byBackend = new TreeMap<>();
    for (RunEnvironment.PlanEntry p : env.plan()) {
      if (p.forkRecords().isEmpty()) {
        continue;
      }
      String backend = BenchmarkKind.FLOOR.id().equals(p.cell()) ? BenchmarkKind.FLOOR.id() : CellId.parse(Markdown.text(p.cell())).backend();
      Backend b = byBackend.computeIfAbsent(backend, k -> new Backend());
      for (RunEnvironment.ForkRecord r : p.forkRecords()) {
        b.forks++;
        flatten(r.threadSettings(), b.threadSettings);
        if (r.nativeKernel() != null && !r.nativeKernel().isNull()) {
          b.kernels.add(r.nativeKernel().isValueNode() ? r.nativeKernel().asText() : String.join(", ", pairs(r.nativeKernel())));
        }
        if (r.threadsUsingCpu() != null && r.threadsUsingCpu() >= 0) {
          b.threadsUsingCpu.add(r.threadsUsingCpu());
        }
        if (r.prewarmEnd() != null) {
          b.prewarmEnds.merge(r.prewarmEnd(), 1, Integer::sum);
        }
      }
    }
    if (byBackend.isEmpty()) {
      md.append("No fork recorded itself in this run.\n\n");
      return;
    }
    md.append("Read inside the benchmark forks, after each library's engine started (distinct values over all forks; the Libraries "
        + "table above is what the runner's JVM, which loads no engine, computed):\n\n");
    Markdown.Table f = new Markdown.Table("backend", ">forks", "thread settings read back", "native kernel", ">threads using CPU",
        "warm-up ended");
    byBackend.forEach((name, b) -> {
      List<String> settings = new ArrayList<>();
      b.threadSettings.forEach((k, v) -> settings.add(k + " " + String.join(" / ", v)));
      List<String> ends = new ArrayList<>();
      b.prewarmEnds.forEach((end, n) -> ends.add(end + " " + n));
      f.row(name, b.forks, settings.isEmpty() ? "-" : String.join(", ", settings), b.kernels.isEmpty() ? "-" : String.join(" / ", b.kernels),
          range(b.threadsUsingCpu), ends.isEmpty() ? "-" : String.join(", ", ends));
    });
    md.append(f.render()).append('\n');
  }

  /** What the forks of one backend reported, accumulated in sorted order. */
  private static final class Backend {
    int forks;
    final Map<String, java.util.SortedSet<String>> threadSettings = new TreeMap<>();
    final java.util.SortedSet<String> kernels = new java.util.TreeSet<>();
    final java.util.SortedSet<Integer> threadsUsingCpu = new java.util.TreeSet<>();
    final Map<String, Integer> prewarmEnds = new TreeMap<>();
  }

  /** A JSON object's fields as setting → values; anything else under the key "value". */
  private static void flatten(JsonNode node, Map<String, java.util.SortedSet<String>> into) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      into.computeIfAbsent("value", k -> new java.util.TreeSet<>()).add(node.isValueNode() ? node.asText() : node.toString());
      return;
    }
    node.fields().forEachRemaining(e -> into.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>())
        .add(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
  }

  /** A JSON object as "key value" pairs sorted by key. */
  private static List<String> pairs(JsonNode node) {
    Map<String, String> m = new TreeMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    List<String> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(k + " " + v));
    return out.isEmpty() ? List.of(node.toString()) : out;
  }

  /** "2", "1–3", or "-" for none. */
  private static String range(java.util.SortedSet<Integer> values) {
    if (values.isEmpty()) {
      return "-";
    }
    return values.first().equals(values.last()) ? values.first().toString() : values.first() + "–" + values.last();
  }

  /** Results whose measured iterations were made longer than their kind's, to hold several GC cycles, with the reason. */
  private static void iterationLengths(RunEnvironment env, StringBuilder md) {
    Markdown.Table t = new Markdown.Table("benchmark", "cell", "workload", "heap", ">forks", ">iteration", "why");
    for (RunEnvironment.PlanEntry p : env.plan()) {
      RunEnvironment.JmhBenchmark kind = env.jmh().benchmarks().get(Markdown.text(p.benchmark()));
      if (p.iterationMs() == null || kind == null || kind.measurementTimeMs() == null || p.iterationMs().equals(kind.measurementTimeMs())) {
        continue;
      }
      t.row(p.benchmark(), "`" + Markdown.text(p.cell()) + "`", Markdown.text(p.workload()), Markdown.text(p.heap()),
          (p.forks() == null ? "?" : p.forks()) + " of " + (p.forksWanted() == null ? "?" : p.forksWanted()), p.iterationMs() + " ms",
          Markdown.or(p.iterationReason(), "-"));
    }
    if (!t.isEmpty()) {
      md.append("Iterations made longer than the benchmark's, so that each holds several of the GC cycles that free a cell's "
          + "native memory:\n\n").append(t.render()).append('\n');
    }
  }

  private static void libraries(RunEnvironment env, StringBuilder md) {
    md.append("### Libraries\n\n");
    Markdown.Table libs = new Markdown.Table("backend", "library versions", "thread settings", "what it runs");
    for (RunEnvironment.Backend b : env.backends()) {
      // a null description is a backend that failed to describe itself; the page has always said "null"
      libs.row(Markdown.text(b.name()), sorted(b.versions()), sorted(b.threadSettings()), String.valueOf(b.description()));
    }
    md.append(libs.render()).append('\n');
    List<String> natives = new ArrayList<>();
    env.nativeSetup().artifacts().forEach(a -> natives.add("`" + a + "`"));
    if (!natives.isEmpty()) {
      md.append("Native artifacts on the classpath: ").append(String.join(", ", natives)).append(".\n\n");
    }
  }

  private static void jmhSettings(RunEnvironment env, StringBuilder md) {
    md.append("### JMH settings\n\n");
    Markdown.Table jmh = new Markdown.Table("benchmark", "JMH method", "mode", ">forks", ">warmup", ">measurement", "profilers");
    env.jmh().benchmarks().forEach((kind, b) -> {
      List<String> profilers = new ArrayList<>();
      b.profilers().forEach(p -> profilers.add(simpleName(String.valueOf(p))));
      jmh.row(kind, "`" + Markdown.text(b.benchmark()) + "`", Markdown.text(b.mode()), b.forks(),
          iterations(b.warmupIterations(), b.warmupTimeMs()), iterations(b.measurementIterations(), b.measurementTimeMs()),
          String.join(", ", profilers));
    });
    md.append(jmh.render()).append('\n');
    md.append("Benchmark JVM options appended: `").append(String.join(" ", env.jmh().jvmArgsAppend())).append("`.\n\n");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Iterations of a fixed time, or single shots where the run gave no time. */
  private static String iterations(int count, Integer ms) {
    return count + (ms != null ? " × " + ms + " ms" : " shots");
  }

  /** A map as "key value" pairs sorted by key, or "-" when empty or absent. */
  private static String sorted(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(map).forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }
}
