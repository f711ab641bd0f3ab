package gdbench.bench;

import gdbench.core.Workload;
import gdbench.runfolder.BenchmarkKind;
import gdbench.core.Device;
import gdbench.core.GdbenchException;
import gdbench.core.JvmFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The run's settings, from {@code -Dbench.*} system properties: what to run (cells, workloads,
 * benchmarks), how long (the full or the quick preset, and overrides), and where results go.
 * The README's "Benchmarks" section lists them.
 */
final class Settings {

  /** JMH iteration settings of one benchmark kind. */
  record Timing(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {}

  final boolean quick;
  final List<String> include;
  final List<BenchmarkKind> kinds;
  final Map<BenchmarkKind, List<Workload>> workloads = new EnumMap<>(BenchmarkKind.class);
  final Map<BenchmarkKind, Timing> timing = new EnumMap<>(BenchmarkKind.class);
  final int threads;
  final Device device;
  final int prewarmMillis;
  final String heap;
  /** A time box for JMH in minutes: no pass starts that would end after it; 0 for none. */
  final int budgetMinutes;
  /**
   * Long enough for the default plan's five passes on a 2-core host (25 cells: about 70 minutes of
   * JMH), so that a full run keeps five forks a step result; a slower host loses its last pass.
   */
  static final int DEFAULT_FULL_BUDGET_MINUTES = 80;
  /** Step on huge for the fastest cell of each library only (manual, tuned): the default full plan. */
  final boolean hugeFastestOnly;
  /** The size sweep's points (step, every selected cell, one feature); empty for none. */
  final List<Workload> sizeSweep;
  /** The feature sweep's points (step, every selected cell, N·D fixed); empty for none. */
  final List<Workload> featureSweep;
  /** The thread sweep's counts (1 up to the machine's cores); empty for none. */
  final List<Integer> threadSweep;
  /** Where the thread sweep measures: streaming from cache, from DRAM, and a matrix–vector product. */
  static final List<Workload> THREAD_SWEEP_WORKLOADS = List.of(Workload.LARGE, Workload.HUGE, Workload.WIDE);
  /** Forks per point of a sweep. */
  final int sweepForks;
  /** Whether the first fork of every step result runs under async-profiler (-Dbench.profile=async). */
  final boolean profile;
  /** The second heap size for cells whose native memory follows the GC; null for none. */
  final String gcHeap;
  final List<String> extraJvmArgs;
  final List<String> profilers;
  final boolean strict;
  /** What runs after JMH, in this order: converge, reference, report (or none). */
  final List<String> post;
  final String machine; // null: derive from the hardware
  final Path basedir;
  final Path resultsRoot;

  private final Properties props;

  /** Every -Dbench.* setting; any other is a typo, refused rather than silently ignored. */
  static final List<String> KNOWN = List.of("bench.quick", "bench.include", "bench.device", "bench.benchmarks",
      "bench.workloads", "bench.target.workloads", "bench.cold.workloads", "bench.transfer.workloads",
      "bench.forks", "bench.warmup", "bench.warmupTime", "bench.iterations", "bench.time",
      "bench.target.forks", "bench.target.warmup", "bench.target.iterations", "bench.target.time", "bench.cold.forks",
      "bench.prewarm.ms", "bench.threads", "bench.heap", "bench.gcHeap", "bench.budget.minutes", "bench.sweep", "bench.sweep.forks", "bench.profile", "bench.jvmArgs", "bench.profilers", "bench.strict", "bench.post",
      "bench.machine", "bench.basedir", "bench.results");

  private Settings(Properties p) {
    this.props = p;
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("bench.") && !KNOWN.contains(key)) {
        throw new GdbenchException("unknown setting -D" + key + " (known: " + String.join(", ", KNOWN) + "; README, \"Benchmarks\")");
      }
    }
    quick = bool("bench.quick", false);
    include = list("bench.include", "*");
    device = Device.parse(get("bench.device", "cpu"));
    List<BenchmarkKind> ks = new ArrayList<>();
    // On a GPU, the host-to-device copy gets a benchmark of its own; on the CPU only on request.
    // Quick: the step matrix and time to target; cold start (a JVM per shot) only on request.
    String kindsByDefault = quick ? "step,floor" : "step,floor,target,cold";
    for (String k : list("bench.benchmarks", device == Device.GPU ? kindsByDefault + ",transfer" : kindsByDefault)) {
      BenchmarkKind kind;
      try {
        kind = BenchmarkKind.parse(k);
      } catch (GdbenchException e) {
        throw new GdbenchException(e.getMessage() + " in -Dbench.benchmarks");
      }
      if (!ks.contains(kind)) {
        ks.add(kind);
      }
    }
    kinds = List.copyOf(ks);

    List<Workload> common = get("bench.workloads") == null ? null : workloads("bench.workloads");
    // Quick: the two regimes (per-call cost on seed, memory-bound streaming on large) in a few
    // minutes; with forks as the unit, the whole matrix does not fit.
    // Full: the three regimes (per-call cost on seed, streaming from cache on large, from DRAM on
    // huge); small and wide on request. On huge only each library's fastest cell by default
    // (hugeFastestOnly): its allocating cells take 30-60 s a fork there, which five forks of every
    // cell cannot afford within the hour (docs/benchmarks.md, "What a full run covers").
    workloads.put(BenchmarkKind.STEP, common != null ? common : quick ? List.of(Workload.SEED, Workload.LARGE)
        : List.of(Workload.SEED, Workload.LARGE, Workload.HUGE));
    hugeFastestOnly = common == null;
    workloads.put(BenchmarkKind.FLOOR, workloads.get(BenchmarkKind.STEP));
    // Time to target: the tutorial's own problem by default (any other on request; on large it is
    // about eleven steps, which the step benchmark already measures).
    List<Workload> targetDefault = List.of(Workload.SEED);
    workloads.put(BenchmarkKind.TARGET, get("bench.target.workloads") != null ? workloads("bench.target.workloads")
        : common != null ? common : quick ? List.of(Workload.SMALL) : targetDefault);
    workloads.put(BenchmarkKind.COLD, get("bench.cold.workloads") != null ? workloads("bench.cold.workloads")
        : common != null ? common : List.of(Workload.LARGE));
    workloads.put(BenchmarkKind.TRANSFER, get("bench.transfer.workloads") != null ? workloads("bench.transfer.workloads")
        : common != null ? common : List.of(Workload.LARGE));

    // The fork is the unit: every item runs several forks, interleaved with other items' forks by
    // the runner. A fork is steady before JMH measures it (ForkRecorder.prewarm, the same rule in
    // quick and full mode); then one warmup iteration confirms it and a few short iterations
    // measure it. Quick mode has fewer forks and iterations, not a shorter warm-up.
    timing.put(BenchmarkKind.STEP, new Timing(
        integer("bench.forks", quick ? 2 : 5, 1),
        integer("bench.warmup", 1, 0),
        integer("bench.warmupTime", 250, 1),
        integer("bench.iterations", 4, 1),
        integer("bench.time", 250, 1)));
    timing.put(BenchmarkKind.FLOOR, timing.get(BenchmarkKind.STEP));
    // Time to target averages whole training runs over iterations of bench.target.time ms.
    int targetMillis = integer("bench.target.time", 300, 1);
    timing.put(BenchmarkKind.TARGET, new Timing(
        integer("bench.target.forks", quick ? 2 : 3, 1),
        integer("bench.target.warmup", 1, 0),
        targetMillis,
        integer("bench.target.iterations", 3, 1),
        targetMillis));
    timing.put(BenchmarkKind.COLD, new Timing(integer("bench.cold.forks", quick ? 3 : 10, 1), 0, 0, 1, 0));
    timing.put(BenchmarkKind.TRANSFER, new Timing(quick ? 2 : 3, 1, 0, 3, 0));
    prewarmMillis = integer("bench.prewarm.ms", 300, 0);
    // The sweeps run on request: 12 points (size) and 5 (features) for every selected cell are hours of forks on 2 cores.
    List<String> sweeps = new ArrayList<>();
    for (String s : get("bench.sweep", "none").split(",")) {
      String name = s.trim();
      if (!List.of("none", "size", "features", "threads").contains(name)) {
        throw new GdbenchException("unknown sweep '" + name + "' in -Dbench.sweep (known: size, features, threads, several as size,features, or none)");
      }
      sweeps.add(name);
    }
    sizeSweep = sweeps.contains("size") ? Workload.sizeSweep() : List.of();
    featureSweep = sweeps.contains("features") ? Workload.featureSweep() : List.of();
    sweepForks = integer("bench.sweep.forks", quick ? 2 : 3, 1);

    threads = integer("bench.threads", 1, 1);
    List<Integer> counts = new ArrayList<>();
    for (int t = 1; sweeps.contains("threads") && t <= Math.max(threads, Runtime.getRuntime().availableProcessors()); t++) {
      counts.add(t);
    }
    threadSweep = List.copyOf(counts);
    String profileMode = get("bench.profile", "none");
    if (!profileMode.equals("none") && !profileMode.equals("async")) {
      throw new GdbenchException("unknown profile mode '" + profileMode + "' in -Dbench.profile (known: async, or none)");
    }
    profile = profileMode.equals("async");
    // Full mode is time-boxed so that mvn verify -Pbench ends within the hour on a slow host too:
    // passes are round-robin, so a box that ends early leaves every result with the same forks.
    budgetMinutes = integer("bench.budget.minutes", quick ? 0 : DEFAULT_FULL_BUDGET_MINUTES, 0);
    heap = get("bench.heap", "1g");
    if (!heap.matches("\\d+[kKmMgG]?")) {
      throw new GdbenchException("-Dbench.heap must be a JVM heap size like 1g or 512m, got '" + heap + "'");
    }
    // Full mode also runs the cells whose native memory follows the GC at a second heap size.
    String second = get("bench.gcHeap", quick ? "none" : "4g");
    if (!second.equals("none") && !second.matches("\\d+[kKmMgG]?")) {
      throw new GdbenchException("-Dbench.gcHeap must be a JVM heap size like 4g, or none, got '" + second + "'");
    }
    gcHeap = second.equals("none") || second.equals(heap) ? null : second;
    String extra = get("bench.jvmArgs", "");
    extraJvmArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    List<String> profs = list("bench.profilers", "gc,rss");
    if (profs.size() == 1 && profs.get(0).equals("none")) {
      profs = List.of();
    }
    for (String prof : profs) {
      if (!prof.equals("gc") && !prof.equals("rss")) {
        throw new GdbenchException("unknown profiler '" + prof + "' in -Dbench.profilers (known: gc, rss, or none)");
      }
    }
    profilers = List.copyOf(profs);
    strict = bool("bench.strict", false);
    // Quick runs leave out the Python reference: five fresh processes per row would double their length.
    List<String> steps = list("bench.post", quick ? "converge,report" : "converge,reference,report");
    if (steps.size() == 1 && steps.get(0).equals("none")) {
      steps = List.of();
    }
    for (String step : steps) {
      if (!List.of("converge", "reference", "report").contains(step)) {
        throw new GdbenchException("unknown step '" + step + "' in -Dbench.post (known: converge, reference, report, or none)");
      }
    }
    post = List.copyOf(steps);
    String m = get("bench.machine", "");
    if (!m.isEmpty() && !m.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new GdbenchException("-Dbench.machine must be letters, digits, '.', '_' and '-', got '" + m + "'");
    }
    machine = m.isEmpty() ? null : m;
    basedir = Path.of(get("bench.basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    Path results = Path.of(get("bench.results", "results"));
    resultsRoot = (results.isAbsolute() ? results : basedir.resolve(results)).normalize();
  }

  static Settings from(Properties p) {
    return new Settings(p);
  }

  /** JVM options every benchmark fork gets, after the ones it inherits from the runner. */
  List<String> forkJvmArgs() {
    return forkJvmArgs(heap);
  }

  /** The same, with a heap of this size. */
  List<String> forkJvmArgs(String heapSize) {
    List<String> args = new ArrayList<>(JvmFlags.required());
    args.addAll(List.of(
        // A fixed heap: no resizing during the run, and ResidentMemoryProfiler can tell the heap's
        // resident pages from the rest (rss.heap, rss.offheap). Not -XX:+AlwaysPreTouch: on these
        // VMs touching a whole 1 GiB heap costs seconds per fork (docs/benchmarks.md); the
        // prewarm instead runs until resident memory has stopped growing and, for a cell that
        // allocates, a collection has run, so the pages a step uses are touched before measuring.
        "-Xms" + heapSize, "-Xmx" + heapSize,
        "-Dbench.prewarm.ms=" + prewarmMillis));
    args.addAll(extraJvmArgs);
    return args;
  }

  /** The -Dbench.* settings given (blank ones left out), sorted by name. */
  Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    props.stringPropertyNames().stream().filter(k -> k.startsWith("bench.") && get(k) != null).sorted()
        .forEach(k -> given.put(k, get(k)));
    return given;
  }

  /** A property's trimmed value; null when unset or blank (Maven passes unset ones as ""). */
  private String get(String key) {
    String v = props.getProperty(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private String get(String key, String fallback) {
    String v = get(key);
    return v == null ? fallback : v;
  }

  private List<Workload> workloads(String key) {
    List<Workload> out = new ArrayList<>();
    for (String s : list(key, "")) {
      Workload w = Workload.parse(s);
      if (!out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private List<String> list(String key, String fallback) {
    String v = props.getProperty(key);
    if (v == null || v.isBlank()) {
      v = fallback;
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private boolean bool(String key, boolean fallback) {
    String v = props.getProperty(key);
    if (v == null) {
      return fallback;
    }
    v = v.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("true")) {
      return true; // a bare -Dbench.quick (the bench profile passes "false" when unset)
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new GdbenchException("-D" + key + " must be true or false, got '" + v + "'");
  }

  private int integer(String key, int fallback, int min) {
    String v = props.getProperty(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new GdbenchException("-D" + key + " must be an integer of at least " + min + ", got '" + v + "'");
    }
  }
}
