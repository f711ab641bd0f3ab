package gdbench.bench;

import gdbench.bench.PlanItem.Score;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.RunEnvironment;
import gdbench.bench.Settings.Timing;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.Workload;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.util.Version;

/**
 * env.json: the one place that lays out its tree. {@link #capture} records what does not change
 * during the run (hardware, JDK, libraries, git state, settings) before the run folder exists;
 * {@link #tree} adds the run's bookkeeping each time the file is rewritten.
 */
final class EnvironmentCapture {

  private final Settings settings;
  private final Map<String, Object> hardware;
  private final Map<String, Object> fixed;

  private EnvironmentCapture(Settings settings, JmhLauncher launcher) {
    this.settings = settings;
    this.hardware = Hardware.describe();
    this.fixed = fixed(launcher);
  }

  /** Reads the environment: the git state is taken here, before the run folder exists. */
  static EnvironmentCapture capture(Settings settings, JmhLauncher launcher) {
    return new EnvironmentCapture(settings, launcher);
  }

  /** The results folder's machine name: the setting, else a slug of the hardware. */
  String machine() {
    if (settings.machine != null) {
      return settings.machine;
    }
    return Hardware.machineSlug((String) hardware.get("cpuModel"), (Integer) hardware.get("logicalCores"),
        Hardware.instructionSet(instructionSets()));
  }

  /** The whole file at this point of the run. */
  Map<String, Object> tree(RunProgress run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", RunEnvironment.SCHEMA);
    m.put("status", run.status);
    m.put("interrupted", run.interrupted);
    m.put("machine", run.folder.dir.getParent().getFileName().toString());
    m.put("run", run.folder.name());
    m.put("mode", settings.quick ? "quick" : "full");
    m.put("startedAt", run.started.toString());
    m.put("finishedAt", run.finished == null ? null : run.finished.toString());
    m.put("wallSeconds", Math.round(Duration.between(run.started, run.finished == null ? Instant.now() : run.finished).toMillis() / 100.0) / 10.0);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("planned", run.plan.items().size());
    for (String s : List.of("ok", "failed", "skipped", "not-run", "pending", "running")) {
      counts.put(s, run.count(s));
    }
    m.put("counts", counts);
    m.put("failed", run.plan.items().stream().filter(i -> i.status.equals("failed")).map(EnvironmentCapture::item).toList());
    m.put("warnings", run.warnings.stream().map(EnvironmentCapture::warning).toList());
    m.putAll(fixed);
    m.put("statistic", STATISTIC);
    if (run.stoppedEarly != null) {
      m.put("stoppedEarly", run.stoppedEarly);
    }
    m.put("canary", canary(run));
    m.put("host", host(run));
    m.put("plan", run.plan.items().stream().map(EnvironmentCapture::item).toList());
    return m;
  }

  /** How every interval of the run is computed: with the fork as the unit. */
  static final Map<String, Object> STATISTIC = Map.of("unit", "fork", "interval", "student-t over fork means",
      "confidence", gdbench.stats.ForkInterval.CONFIDENCE);

  private static Map<String, Object> canary(RunProgress run) {
    double[] c = run.canaryChecks();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nsPerPass", run.canary);
    if (c.length > 0) {
      double[] sorted = c.clone();
      java.util.Arrays.sort(sorted);
      m.put("level", sorted[sorted.length / 2]);
      m.put("drift", Canary.drift(c));
      m.put("spread", Canary.spread(c));
    }
    m.put("bound", Canary.NOISY_SPREAD);
    m.put("noisy", run.noisy());
    return m;
  }

  /** The worst CPU steal and load any fork saw, against the bounds above which a result is marked. */
  private static Map<String, Object> host(RunProgress run) {
    double steal = Double.NaN;
    double load = Double.NaN;
    for (PlanItem i : run.plan.items()) {
      for (Map<String, Object> r : i.forkRecords) {
        if (r.get("steal") instanceof Number n) {
          steal = Double.isNaN(steal) ? n.doubleValue() : Math.max(steal, n.doubleValue());
        }
        if (r.get("load") instanceof Number n) {
          load = Double.isNaN(load) ? n.doubleValue() : Math.max(load, n.doubleValue());
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxSteal", Double.isNaN(steal) ? null : steal);
    m.put("maxLoad", Double.isNaN(load) ? null : load);
    m.put("stealBound", ResultAnalysis.STEAL_BOUND);
    m.put("loadBound", ResultAnalysis.loadBound());
    return m;
  }

  private Map<String, Object> fixed(JmhLauncher launcher) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hardware", hardware);
    m.put("os", Environment.os());
    m.put("jdk", Environment.jdk());
    m.put("jmh", jmh(launcher));
    m.put("threads", threads());
    m.put("nativeEnvironment", Environment.nativeEnvironment());
    List<String> libraries = ClasspathLibraries.of(System.getProperty("java.class.path", ""));
    Map<String, Object> nat = new LinkedHashMap<>();
    nat.put("device", settings.device.id());
    nat.put("instructionSet", Hardware.instructionSet(instructionSets()));
    nat.put("vectorBitSize", Environment.vectorBitSize());
    nat.put("artifacts", ClasspathLibraries.nativeArtifacts(libraries));
    m.put("native", nat);
    m.put("backends", backends());
    m.put("libraries", libraries);
    m.put("git", Environment.git(settings.basedir));
    m.put("settings", settings());
    Map<String, Object> w = new LinkedHashMap<>();
    for (Workload wl : Workload.values()) {
      w.put(wl.id(), wl.describe());
    }
    for (Workload wl : settings.sizeSweep) {
      w.putIfAbsent(wl.id(), wl.describe());
    }
    for (Workload wl : settings.featureSweep) {
      w.putIfAbsent(wl.id(), wl.describe());
    }
    m.put("workloads", w);
    return m;
  }

  @SuppressWarnings("unchecked")
  private List<String> instructionSets() {
    return (List<String>) hardware.get("instructionSets");
  }

  private Map<String, Object> jmh(JmhLauncher launcher) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", Version.getPlainVersion());
    m.put("jvm", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    m.put("inheritedJvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("jvmArgsAppend", settings.forkJvmArgs());
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (BenchmarkKind k : BenchmarkKind.values()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("benchmark", k.jmhMethod());
      o.put("mode", k.mode());
      o.put("unit", k.unit());
      o.putAll(timing(settings.timing.get(k)));
      o.put("workloads", settings.workloads.get(k).stream().map(Workload::id).toList());
      o.put("profilers", launcher.profilers(k).stream().map(Class::getName).toList());
      o.put("failOnError", JmhLauncher.FAIL_ON_ERROR);
      o.put("timeoutMinutes", JmhLauncher.TIMEOUT_MINUTES);
      if (k == BenchmarkKind.STEP || k == BenchmarkKind.TARGET || k == BenchmarkKind.FLOOR) {
        o.put("prewarmMs", settings.prewarmMillis);
      }
      if (k == BenchmarkKind.TARGET) {
        o.put("targetFraction", BenchmarkKind.TARGET_FRACTION);
        o.put("epochLimit", TimeToTarget.EPOCH_LIMIT);
      }
      kinds.put(k.id(), o);
    }
    m.put("benchmarks", kinds);
    return m;
  }

  private static Map<String, Object> timing(Timing t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("forks", t.forks());
    m.put("warmupIterations", t.warmupIterations());
    m.put("warmupTimeMs", t.warmupMillis() > 0 ? t.warmupMillis() : null);
    m.put("measurementIterations", t.measurementIterations());
    m.put("measurementTimeMs", t.measurementMillis() > 0 ? t.measurementMillis() : null);
    return m;
  }

  /** The thread count, and the native pools' variables as this JVM (and so every fork) has them. */
  private Map<String, Object> threads() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", settings.threads);
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : Backends.threadEnvironment()) {
      env.put(k, System.getenv(k));
    }
    m.put("environment", env);
    return m;
  }

  private List<Map<String, Object>> backends() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Backend b : Backends.all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", b.name());
      List<String> errors = new ArrayList<>();
      m.put("description", guard(b::description, errors));
      m.put("versions", guard(b::versions, errors));
      m.put("threadSettings", guard(() -> b.threadSettings(settings.threads), errors));
      m.put("deviceUnsupported", guard(() -> b.deviceUnsupportedReason(settings.device), errors));
      Map<String, Object> stages = new LinkedHashMap<>();
      for (Stage s : Stage.values()) {
        Map<String, Object> st = new LinkedHashMap<>();
        StageSupport support = b.support(s);
        st.put("served", support.isServed());
        if (support.isServed()) {
          st.put("variants", support.variantIds()); // ids, as before Variant became an enum
        } else {
          st.put("reason", support.reason());
        }
        stages.put(s.id(), st);
      }
      m.put("stages", stages);
      m.put("errors", errors);
      list.add(m);
    }
    return list;
  }

  /** Backends may load their library to answer: a failure is recorded, not fatal. */
  private static Object guard(Supplier<?> s, List<String> errors) {
    try {
      return s.get();
    } catch (Throwable e) {
      errors.add(GdbenchException.rootMessage(e));
      return null;
    }
  }

  private Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quick", settings.quick);
    m.put("include", settings.include);
    m.put("benchmarks", settings.kinds.stream().map(k -> k.id()).toList());
    Map<String, Object> w = new LinkedHashMap<>();
    for (BenchmarkKind k : BenchmarkKind.values()) {
      w.put(k.id(), settings.workloads.get(k).stream().map(Workload::id).toList());
    }
    m.put("workloads", w);
    m.put("threads", settings.threads);
    m.put("device", settings.device.id());
    m.put("heap", settings.heap);
    m.put("gcHeap", settings.gcHeap);
    m.put("budgetMinutes", settings.budgetMinutes);
    if (!settings.sizeSweep.isEmpty() || !settings.featureSweep.isEmpty() || !settings.threadSweep.isEmpty()) {
      Map<String, Object> sweeps = new LinkedHashMap<>();
      if (!settings.sizeSweep.isEmpty()) {
        sweeps.put("size", settings.sizeSweep.stream().map(Workload::id).toList());
      }
      if (!settings.featureSweep.isEmpty()) {
        sweeps.put("features", settings.featureSweep.stream().map(Workload::id).toList());
      }
      if (!settings.threadSweep.isEmpty()) {
        // the thread counts, measured on these workloads
        sweeps.put("threads", settings.threadSweep.stream().map(String::valueOf).toList());
        sweeps.put("threadWorkloads", Settings.THREAD_SWEEP_WORKLOADS.stream().map(Workload::id).toList());
      }
      m.put("sweeps", sweeps);
      m.put("sweepForks", settings.sweepForks);
    }
    m.put("prewarmMs", settings.prewarmMillis);
    m.put("profilers", settings.profilers);
    m.put("profile", settings.profile ? "async" : "none");
    m.put("extraJvmArgs", settings.extraJvmArgs);
    m.put("strict", settings.strict);
    m.put("post", settings.post);
    m.put("resultsRoot", settings.resultsRoot.toString());
    m.put("properties", settings.given());
    return m;
  }

  private static Map<String, Object> item(PlanItem i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", i.kind.id());
    m.put("jmhBenchmark", i.kind.jmhMethod());
    m.put("cell", i.cell);
    m.put("workload", i.workload.id());
    m.put("status", i.status);
    m.put("seconds", i.seconds == null ? null : Math.round(i.seconds * 10) / 10.0);
    if (i.score != null) {
      m.put("score", score(i.score));
    }
    m.put("heap", i.heap);
    m.put("threads", i.threads);
    m.put("forks", i.forks.size());
    m.put("forksWanted", i.forksWanted);
    if (i.iterationMs > 0) {
      m.put("iterationMs", i.iterationMs);
    }
    if (i.iterationReason != null) {
      m.put("iterationReason", i.iterationReason);
    }
    if (i.analysis != null) {
      m.putAll(i.analysis.describe());
    }
    if (!i.forkRecords.isEmpty()) {
      m.put("forkRecords", i.forkRecords);
    }
    if (i.reason != null) {
      m.put("reason", i.reason);
    }
    if (i.logTail != null) {
      m.put("logTail", i.logTail);
    }
    return m;
  }

  private static Map<String, Object> score(Score s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", s.value());
    m.put("error", s.error());
    m.put("unit", s.unit());
    return m;
  }

  private static Map<String, Object> warning(Warning w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", w.type());
    m.put("benchmark", w.kind().id());
    m.put("cell", w.cell());
    m.put("workload", w.workload().id());
    m.put("message", w.message());
    return m;
  }
}
