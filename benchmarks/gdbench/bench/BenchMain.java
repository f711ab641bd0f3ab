package gdbench.bench;

import gdbench.core.CellFilter;
import gdbench.core.Workload;
import gdbench.bench.Settings.Kind;
import gdbench.bench.Settings.Timing;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.JvmFlags;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

/**
 * The benchmark runner: {@code mvn verify -Pbench} and {@code scripts/bench} start it in a plain
 * {@code java} process. It asks the registry for every served cell, runs each (benchmark, cell,
 * workload) as its own JMH run with its own forked JVM, and writes a new run folder
 * {@code results/<machine>/<timestamp>/} with {@code env.json} (the environment and the run's
 * bookkeeping), {@code jmh.json} (JMH's JSON results) and {@code jmh.log} (JMH's output).
 *
 * <p>env.json is written first with {@code "status": "incomplete"} and rewritten after every
 * benchmark; jmh.json after every successful one. A benchmark that fails is recorded with its
 * reason and the run goes on; only a run that attempted everything is marked {@code complete}. An
 * interrupted run (Ctrl-C, kill) stays {@code incomplete}, with {@code interrupted: true} where the
 * JVM got to run its shutdown hook.
 *
 * <p>Exit status: 0 when the run is complete (failed benchmarks are listed in env.json and in the
 * summary, and fail the exit status only with {@code -Dbench.strict=true}), 1 when it is incomplete
 * or nothing succeeded, 2 for bad settings.
 */
public final class BenchMain {
  static final String SCHEMA = "gdbench-env/1";
  /** Results whose 99.9% error exceeds this fraction of the score are listed under warnings. */
  static final double MAX_RELATIVE_ERROR = 0.05;
  private static final Pattern LOCK_BUSY = Pattern.compile("Unable to acquire\\s+the JMH lock");

  /** One JMH run of the plan: a benchmark on a cell and a workload. */
  static final class Item {
    final Kind kind;
    final String cell;
    final Workload workload;
    String status = "pending"; // pending, running, ok, failed, skipped, not-run
    String reason;
    List<String> logTail;
    Double seconds;
    Map<String, Object> score;

    Item(Kind kind, String cell, Workload workload) {
      this.kind = kind;
      this.cell = cell;
      this.workload = workload;
    }

    Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", kind.id);
      m.put("jmhBenchmark", kind.benchmark);
      m.put("cell", cell);
      m.put("workload", workload.id());
      m.put("status", status);
      m.put("seconds", seconds == null ? null : Math.round(seconds * 10) / 10.0);
      if (score != null) {
        m.put("score", score);
      }
      if (reason != null) {
        m.put("reason", reason);
      }
      if (logTail != null) {
        m.put("logTail", logTail);
      }
      return m;
    }
  }

  private final Settings settings;
  private final Object lock = new Object();
  private final List<Item> plan = new ArrayList<>();
  private final List<RunResult> results = new ArrayList<>();
  private final List<Map<String, Object>> warnings = new ArrayList<>();
  private Map<String, Object> staticEnv;
  private RunFolder folder;
  private Instant started;
  private Instant finished;
  private String status = "incomplete";
  private boolean interrupted;
  private TeeOutput tee;
  private PrintStream out;

  BenchMain(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("usage: java --add-modules jdk.incubator.vector -cp CLASSPATH [-Dbench.*=...] gdbench.bench.BenchMain");
      System.out.println("  or: scripts/bench --help, mvn verify -Pbench [-Dbench.*=...]; the README's Benchmarks section lists the settings");
      return;
    }
    int code;
    try {
      code = new BenchMain(Settings.from(System.getProperties())).run();
    } catch (GdbenchException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      System.err.println("error: " + e);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }

  int run() throws IOException {
    started = Instant.now();
    checkThreadEnvironment();
    checkBenchmarkList();
    buildPlan();

    staticEnv = staticEnvironment(); // git state is read before the run folder exists
    @SuppressWarnings("unchecked")
    List<String> isa = (List<String>) hardware().get("instructionSets");
    String machine = settings.machine != null ? settings.machine : Environment.machineSlug(
        (String) hardware().get("cpuModel"), (Integer) hardware().get("logicalCores"), Environment.instructionSet(isa));
    folder = RunFolder.create(settings.resultsRoot, machine, started);
    tee = new TeeOutput(new FileOutputStream(java.io.FileDescriptor.out), new FileOutputStream(folder.dir.resolve(RunFolder.LOG).toFile()));
    out = new PrintStream(tee, true, StandardCharsets.UTF_8);
    writeEnv();
    folder.writeJmh(results); // an empty array until the first result: the file always exists and parses
    Thread hook = new Thread(this::onShutdown, "gdbench-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    long runnable = plan.stream().filter(i -> i.status.equals("pending")).count();
    out.println("# gdbench: " + runnable + " benchmark runs (" + (settings.quick ? "quick" : "full") + " mode), writing " + folder.dir);
    OutputFormat format = OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL);
    int index = 0;
    for (Item item : plan) {
      if (!item.status.equals("pending")) {
        continue;
      }
      index++;
      synchronized (lock) {
        if (interrupted) {
          break;
        }
        item.status = "running";
      }
      out.printf(Locale.ROOT, "%n# gdbench [%d/%d, %s elapsed]: %s %s on %s%n", index, runnable,
          elapsed(), item.kind.id, item.cell, item.workload.id());
      writeEnv();
      runItem(item, format);
      writeEnv();
    }

    synchronized (lock) {
      finished = Instant.now();
      if (!interrupted) {
        status = "complete";
      }
    }
    writeEnv();
    Runtime.getRuntime().removeShutdownHook(hook);
    summary();
    out.flush();
    tee.close();

    long ok = count("ok");
    long failed = count("failed");
    if (!status.equals("complete") || (ok == 0 && failed > 0)) {
      return 1;
    }
    boolean postOk = postProcess();
    return (failed > 0 && settings.strict) || !postOk ? 1 : 0;
  }

  /**
   * After a complete JMH run: the convergence runs, the tutorial's reference timings and the
   * report, each as {@code gdbench} in a JVM of its own (so no backend's native runtime shares a
   * process with the runner), writing into the run folder.
   */
  private boolean postProcess() {
    boolean ok = true;
    for (String step : settings.post) {
      List<String> args = new ArrayList<>(List.of(step));
      switch (step) {
        case "converge" -> {
          args.addAll(List.of("--run", folder.dir.toString()));
          if (settings.quick) {
            args.add("--quick");
          }
          if (!settings.include.equals(List.of("*"))) {
            args.addAll(List.of("--include", String.join(",", settings.include)));
          }
        }
        case "reference" -> {
          args.addAll(List.of("--run", folder.dir.toString()));
          if (settings.quick) {
            args.add("--quick");
          }
        }
        default -> args.add(folder.dir.toString());
      }
      System.out.println("\n# gdbench " + String.join(" ", args));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      cmd.addAll(JvmFlags.required());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "gdbench.cli.Main"));
      cmd.addAll(args);
      try {
        int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        if (code != 0) {
          System.err.println("gdbench " + step + " failed (exit status " + code + "); the JMH results in " + folder.dir + " stand");
          ok = false;
        }
      } catch (IOException e) {
        System.err.println("gdbench " + step + " could not start: " + e.getMessage());
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return ok;
  }

  // ------------------------------------------------------------------ plan

  private void checkThreadEnvironment() {
    String omp = System.getenv("OMP_NUM_THREADS");
    if (!String.valueOf(settings.threads).equals(omp)) {
      throw new GdbenchException("OMP_NUM_THREADS is " + (omp == null ? "unset" : "'" + omp + "'") + " but -Dbench.threads is "
          + settings.threads + ": the benchmark JVMs inherit this JVM's environment, and OpenMP reads it when a native library loads."
          + " Run through scripts/bench or mvn verify -Pbench (they set it), or export OMP_NUM_THREADS=" + settings.threads);
    }
  }

  private static void checkBenchmarkList() {
    try {
      BenchmarkList.defaultList();
    } catch (RuntimeException e) {
      throw new GdbenchException("no JMH benchmark list on the classpath (" + Backends.rootMessage(e)
          + "): the JMH annotation processor did not run; rebuild with mvn package");
    }
  }

  private void buildPlan() {
    CellFilter filter = new CellFilter(settings.include);
    List<Cell> served = Backends.cells();
    List<Cell> cells = served.stream().filter(filter::matches).toList();
    if (cells.isEmpty()) {
      throw new GdbenchException("no served cell matches -Dbench.include=" + String.join(",", settings.include)
          + " (served: " + String.join(", ", served.stream().map(Cell::id).toList()) + ")");
    }
    for (Kind kind : settings.kinds) {
      for (Cell cell : cells) {
        String unsupported = Backends.get(cell.backend()).deviceUnsupportedReason(settings.device);
        for (Workload w : settings.workloads.get(kind)) {
          Item item = new Item(kind, cell.id(), w);
          if (unsupported != null) {
            item.status = "skipped";
            item.reason = cell.backend() + " cannot run on " + settings.device + ": " + unsupported;
          }
          plan.add(item);
        }
      }
    }
    if (plan.stream().noneMatch(i -> i.status.equals("pending"))) {
      throw new GdbenchException("nothing to run: every selected cell is skipped on " + settings.device);
    }
  }

  // ------------------------------------------------------------------ running

  private void runItem(Item item, OutputFormat format) {
    long t0 = System.nanoTime();
    tee.mark();
    Options options = options(item);
    RunResult result = null;
    Throwable error = null;
    long lockDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      try {
        result = new Runner(options, format).runSingle();
        break;
      } catch (RunnerException e) {
        if (LOCK_BUSY.matcher(String.valueOf(e.getMessage())).find() && System.nanoTime() < lockDeadline) {
          out.println("# gdbench: another JMH run holds the JMH lock; waiting");
          sleep(5000);
          continue;
        }
        error = e;
        break;
      } catch (RuntimeException e) {
        error = e;
        break;
      }
    }
    synchronized (lock) {
      item.seconds = (System.nanoTime() - t0) / 1e9;
      if (interrupted) {
        item.status = "not-run";
        item.reason = "the run was interrupted";
        return;
      }
      if (result != null) {
        item.status = "ok";
        item.score = score(result);
        results.add(result);
        check(item, result);
      } else {
        item.status = "failed";
        item.logTail = tee.tail(30);
        item.reason = reason(error, item.logTail);
      }
    }
    if (result != null) {
      try {
        synchronized (lock) {
          folder.writeJmh(results);
        }
      } catch (IOException e) {
        out.println("# gdbench: cannot write jmh.json: " + e);
      }
    } else {
      out.println("# gdbench: FAILED " + item.kind.id + " " + item.cell + " on " + item.workload.id() + ": " + item.reason);
    }
  }

  Options options(Item item) {
    Timing t = settings.timing.get(item.kind);
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + Pattern.quote(item.kind.benchmark) + "$")
        .param("cell", item.cell)
        .param("workload", item.workload.id())
        .param("threads", String.valueOf(settings.threads))
        .param("device", settings.device.id())
        .forks(t.forks())
        .warmupIterations(t.warmupIterations())
        .measurementIterations(t.measurementIterations())
        .jvmArgsAppend(settings.forkJvmArgs().toArray(new String[0]))
        .shouldFailOnError(true)
        .timeout(TimeValue.minutes(10));
    if (t.warmupMillis() > 0) {
      b.warmupTime(TimeValue.milliseconds(t.warmupMillis()));
    }
    if (t.measurementMillis() > 0) {
      b.measurementTime(TimeValue.milliseconds(t.measurementMillis()));
    }
    for (Class<? extends org.openjdk.jmh.profile.Profiler> p : profilers(item.kind)) {
      b.addProfiler(p);
    }
    return b.build();
  }

  /**
   * JMH starts profilers in this order before an iteration and stops them in reverse after it: the
   * gc profiler comes last, so that its allocation count leaves out what the others allocate
   * (reading /proc/self/smaps takes about a megabyte).
   */
  private List<Class<? extends org.openjdk.jmh.profile.Profiler>> profilers(Kind kind) {
    List<Class<? extends org.openjdk.jmh.profile.Profiler>> list = new ArrayList<>();
    if (settings.profilers.contains("rss")) {
      list.add(ResidentMemoryProfiler.class);
    }
    if (kind == Kind.STEP) {
      list.add(SamplesProfiler.class);
    }
    if (settings.profilers.contains("gc")) {
      list.add(GCProfiler.class);
    }
    return list;
  }

  private static Map<String, Object> score(RunResult r) {
    Result<?> p = r.getPrimaryResult();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", finite(p.getScore()));
    m.put("error", finite(p.getScoreError()));
    m.put("unit", p.getScoreUnit());
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Flags results a reader should not take at face value. */
  private void check(Item item, RunResult r) {
    Result<?> p = r.getPrimaryResult();
    double rel = p.getScoreError() / p.getScore();
    if (item.kind != Kind.COLD && Double.isFinite(rel) && rel > MAX_RELATIVE_ERROR) {
      warn(item, "noisy", String.format(Locale.ROOT, "error ±%.1f%% of the score (above %.0f%%)", 100 * rel, 100 * MAX_RELATIVE_ERROR));
    }
    if (item.kind == Kind.TARGET) {
      long runs = 0;
      long reached = 0;
      for (BenchmarkResult br : r.getBenchmarkResults()) {
        for (IterationResult ir : br.getIterationResults()) {
          runs += counter(ir, "runs");
          reached += counter(ir, "reached");
        }
      }
      if (reached < runs) {
        warn(item, "target-not-reached", "the target was not reached within " + TimeToTarget.EPOCH_LIMIT
            + " epochs in " + (runs - reached) + " of " + runs + " runs: the time is partly that of the epoch limit");
      }
    }
  }

  private static long counter(IterationResult ir, String name) {
    Result<?> c = ir.getSecondaryResults().get(name);
    return c == null ? 0 : Math.round(c.getScore());
  }

  private void warn(Item item, String type, String message) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("type", type);
    w.put("benchmark", item.kind.id);
    w.put("cell", item.cell);
    w.put("workload", item.workload.id());
    w.put("message", message);
    warnings.add(w);
  }

  /**
   * One line: the benchmark's own exception where the fork sent one, else JMH's; for a fork that
   * died, with the last exception or error its output names (an OutOfMemoryError, say).
   */
  static String reason(Throwable e, List<String> logTail) {
    if (e == null) {
      return "no result (unknown reason)";
    }
    List<String> messages = new ArrayList<>();
    collect(e, messages, 0);
    String reason = messages.isEmpty() ? Backends.rootMessage(e) : String.join("; ", messages);
    if (reason.contains("Forked VM failed")) {
      for (int i = logTail.size() - 1; i >= 0; i--) {
        String line = logTail.get(i).trim();
        if (THROWABLE_LINE.matcher(line).matches()) {
          return reason + ": " + line;
        }
      }
    }
    return reason;
  }

  private static final Pattern THROWABLE_LINE = Pattern.compile("^([\\w$]+\\.)+[\\w$]*(Error|Exception)(: .*)?$");

  private static void collect(Throwable t, List<String> out, int depth) {
    if (t == null || depth > 8) {
      return;
    }
    boolean wrapper = t instanceof RunnerException || t.getClass().getName().startsWith("org.openjdk.jmh.")
        || t instanceof java.lang.reflect.InvocationTargetException;
    for (Throwable s : t.getSuppressed()) {
      collect(s, out, depth + 1);
    }
    if (t.getCause() != null && t.getCause() != t) {
      collect(t.getCause(), out, depth + 1);
    } else if (!wrapper && t.getSuppressed().length == 0) {
      String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
      m = m.replaceAll("\\s+", " ").trim();
      if (!out.contains(m)) {
        out.add(m);
      }
    }
  }

  // ------------------------------------------------------------------ env.json

  private Map<String, Object> hardwareCache;

  private Map<String, Object> hardware() {
    if (hardwareCache == null) {
      hardwareCache = Environment.hardware();
    }
    return hardwareCache;
  }

  /** The parts of env.json that do not change during the run. */
  private Map<String, Object> staticEnvironment() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> hw = hardware();
    m.put("hardware", hw);
    m.put("os", Environment.os());
    m.put("jdk", Environment.jdk());
    m.put("jmh", jmh());
    m.put("threads", threads());
    List<String> libraries = Environment.classpathLibraries(System.getProperty("java.class.path", ""));
    Map<String, Object> nat = new LinkedHashMap<>();
    nat.put("device", settings.device.id());
    @SuppressWarnings("unchecked")
    List<String> isa = (List<String>) hw.get("instructionSets");
    nat.put("instructionSet", Environment.instructionSet(isa));
    nat.put("vectorBitSize", Environment.vectorBitSize());
    nat.put("artifacts", Environment.nativeArtifacts(libraries));
    m.put("native", nat);
    m.put("backends", backends());
    m.put("libraries", libraries);
    m.put("git", Environment.git(settings.basedir));
    m.put("settings", settings.describe());
    Map<String, Object> w = new LinkedHashMap<>();
    for (Workload wl : Workload.values()) {
      w.put(wl.id(), wl.describe());
    }
    m.put("workloads", w);
    return m;
  }

  private Map<String, Object> jmh() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", Version.getPlainVersion());
    m.put("jvm", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    m.put("inheritedJvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("jvmArgsAppend", settings.forkJvmArgs());
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("benchmark", k.benchmark);
      o.put("mode", switch (k) {
        case STEP -> "thrpt";
        case TARGET -> "avgt";
        case COLD, TRANSFER -> "ss";
      });
      o.put("unit", switch (k) {
        case STEP -> "ops/s";
        case TARGET -> "us/op";
        case COLD, TRANSFER -> "ms/op";
      });
      o.putAll(settings.timing.get(k).describe());
      o.put("workloads", settings.workloads.get(k).stream().map(Workload::id).toList());
      o.put("profilers", profilers(k).stream().map(Class::getName).toList());
      o.put("failOnError", true);
      o.put("timeoutMinutes", 10);
      if (k == Kind.STEP || k == Kind.TARGET) {
        o.put("prewarmMs", settings.prewarmMillis);
      }
      if (k == Kind.TARGET) {
        o.put("targetFraction", TimeToTarget.TARGET_FRACTION);
        o.put("epochLimit", TimeToTarget.EPOCH_LIMIT);
      }
      kinds.put(k.id, o);
    }
    m.put("benchmarks", kinds);
    return m;
  }

  private Map<String, Object> threads() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", settings.threads);
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : Fixture.THREAD_ENV) {
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
          st.put("variants", support.variants());
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
  private static Object guard(java.util.function.Supplier<?> s, List<String> errors) {
    try {
      return s.get();
    } catch (Throwable e) {
      errors.add(Backends.rootMessage(e));
      return null;
    }
  }

  private Map<String, Object> envTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("status", status);
    m.put("interrupted", interrupted);
    m.put("machine", folder.dir.getParent().getFileName().toString());
    m.put("run", folder.name());
    m.put("mode", settings.quick ? "quick" : "full");
    m.put("startedAt", started.toString());
    m.put("finishedAt", finished == null ? null : finished.toString());
    m.put("wallSeconds", Math.round(Duration.between(started, finished == null ? Instant.now() : finished).toMillis() / 100.0) / 10.0);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("planned", plan.size());
    for (String s : List.of("ok", "failed", "skipped", "not-run", "pending", "running")) {
      counts.put(s, count(s));
    }
    m.put("counts", counts);
    m.put("failed", plan.stream().filter(i -> i.status.equals("failed")).map(Item::describe).toList());
    m.put("warnings", warnings);
    m.putAll(staticEnv);
    m.put("plan", plan.stream().map(Item::describe).toList());
    return m;
  }

  private void writeEnv() {
    synchronized (lock) {
      try {
        folder.writeJson(RunFolder.ENV, envTree());
      } catch (IOException e) {
        System.err.println("gdbench: cannot write env.json: " + e);
      }
    }
  }

  private long count(String s) {
    return plan.stream().filter(i -> i.status.equals(s)).count();
  }

  /** Ctrl-C or kill: the run stays incomplete; the JMH fork in flight is stopped. */
  private void onShutdown() {
    synchronized (lock) {
      if (finished != null) {
        return;
      }
      interrupted = true;
      finished = Instant.now();
      for (Item i : plan) {
        if (i.status.equals("running") || i.status.equals("pending")) {
          i.status = "not-run";
          i.reason = "the run was interrupted";
        }
      }
    }
    writeEnv();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    System.err.println("gdbench: interrupted; the run folder " + folder.dir + " is marked incomplete");
  }

  // ------------------------------------------------------------------ summary

  private void summary() {
    out.println();
    out.println("# gdbench summary: " + status + ", " + count("ok") + " ok, " + count("failed") + " failed, "
        + count("skipped") + " skipped, wall time " + elapsed());
    for (Item i : plan) {
      String score = "";
      if (i.score != null && i.score.get("value") != null) {
        Double err = (Double) i.score.get("error");
        score = String.format(Locale.ROOT, "%14.3f %s %s", (Double) i.score.get("value"),
            err == null ? "          " : String.format(Locale.ROOT, "± %8.3f", err), i.score.get("unit"));
      }
      out.printf(Locale.ROOT, "  %-6s %-28s %-6s %-8s %s%n", i.kind.id, i.cell, i.workload.id(), i.status,
          i.status.equals("ok") ? score : i.reason == null ? "" : i.reason);
    }
    for (Map<String, Object> w : warnings) {
      out.println("  warning: " + w.get("benchmark") + " " + w.get("cell") + " on " + w.get("workload") + ": " + w.get("message"));
    }
    out.println("# results: " + folder.dir);
  }

  private String elapsed() {
    long s = Duration.between(started, Instant.now()).toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
