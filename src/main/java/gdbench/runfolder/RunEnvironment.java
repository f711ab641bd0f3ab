package gdbench.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed view of a run folder's {@code env.json}: the fields the report, compare and the results
 * index read. The runner writes more (libraries, scores, log tails), which this view ignores.
 * Text and boxed fields are null where the file has no value, so readers choose their own default;
 * absent objects, lists and maps read as empty ones, since old and hand-made folders lack some.
 *
 * <p>Runs with the fork as the unit of measurement (issue 12) add {@code statistic} (how every
 * interval is computed), {@code canary} (the host's speed through the run), {@code nativeEnvironment}
 * (the variables that change native kernels), {@code host} (the worst CPU steal and load any fork
 * saw, with the bounds) and, per plan entry, the heap, the forks, the interval over fork means, the
 * marks and each fork's own record. Older runs have none of these: {@link #forksAsUnit()} tells
 * the two apart, and their statistic, canary and host read as null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEnvironment(String schema, String status, boolean interrupted, String machine, String run, String mode,
    String startedAt, String finishedAt, Double wallSeconds, Counts counts, List<PlanEntry> failed, List<Warning> warnings,
    Hardware hardware, Os os, Jdk jdk, Jmh jmh, Threads threads, @JsonProperty("native") Native nativeSetup,
    List<Backend> backends, Git git, Settings settings, Map<String, WorkloadInfo> workloads, List<PlanEntry> plan,
    Statistic statistic, Canary canary, Map<String, String> nativeEnvironment, Host host, String stoppedEarly) {
  public static final String SCHEMA = "gdbench-env/1";
  /** {@link #status()} of a run whose plan finished. */
  public static final String COMPLETE = "complete";

  public RunEnvironment {
    counts = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
    failed = orEmpty(failed);
    warnings = orEmpty(warnings);
    hardware = hardware == null ? new Hardware(null, null, null, null, null, null) : hardware;
    os = os == null ? new Os(null, null, null, null) : os;
    jdk = jdk == null ? new Jdk(null, null, null, null, null) : jdk;
    jmh = jmh == null ? new Jmh(null, null, null) : jmh;
    threads = threads == null ? new Threads(null, null) : threads;
    nativeSetup = nativeSetup == null ? new Native(null, null, null) : nativeSetup;
    backends = orEmpty(backends);
    git = git == null ? new Git(null, false) : git;
    settings = settings == null ? new Settings(null, null, null, null, null) : settings;
    workloads = workloads == null ? Map.of() : workloads;
    plan = orEmpty(plan);
    nativeEnvironment = nativeEnvironment == null ? Map.of() : nativeEnvironment;
  }

  /** Benchmarks by outcome; {@code not-run} are those an interrupt left out. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Counts(int planned, int ok, int failed, int skipped, @JsonProperty("not-run") int notRun) {}

  /**
   * One benchmark of the plan (also the entries of {@code failed}); status ok, failed, skipped or
   * not-run. Runs with the fork as the unit add the rest (null or empty in older runs).
   *
   * @param heap the benchmark JVM's heap, e.g. {@code 1g}
   * @param threads native threads the cell could use (null in runs from before the thread sweep)
   * @param forks forks measured
   * @param forksWanted forks planned
   * @param iterationMs the length of a measured iteration (longer than the kind's default for cells
   *     whose cost follows GC cycles)
   * @param iterationReason why the iteration length differs from the kind's default
   * @param interval the interval over fork means, in the score's unit
   * @param marks {@code unsteady}, {@code bimodal}, {@code noisy-host}, {@code few-forks}; null where
   *     the run did not analyse the result
   * @param cause the likeliest cause of an unsteady or bimodal result
   * @param forkRecords what each fork recorded about itself, in the order the forks ran
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PlanEntry(String benchmark, String cell, String workload, String status, String reason, String heap, Integer threads,
      Integer forks, Integer forksWanted, Integer iterationMs, String iterationReason, Interval interval, List<String> marks, String cause,
      List<ForkRecord> forkRecords) {
    public PlanEntry {
      forkRecords = orEmpty(forkRecords);
    }
  }

  /** The runner's interval over a result's fork means, in the score's unit; null fields where it had none (one fork). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Interval(Double mean, Double lower, Double upper, Double median, Double min, Double max, Double cv, Double confidence) {}

  /**
   * What one fork reported from inside itself. {@code threadSettings} is what each library reports
   * once its engine runs (a map, or {@code {"error": ...}}), {@code nativeKernel} the native
   * kernel in use (text, or a map per library); both are kept as JSON, so that no shape the runner
   * writes stops a report.
   *
   * @param fork the fork's number within its result, from 1
   * @param seconds the measurement's length
   * @param mean the fork's mean score
   * @param steal the share of CPU time the hypervisor stole over the measurement
   * @param load the load average at its end
   * @param threadsUsingCpu threads of the fork that ran for at least 5% of the measurement
   * @param gcPerIteration garbage collections per measured iteration
   * @param prewarmEnd why the warm-up ended: steady, or time limit
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ForkRecord(Integer fork, String startedAt, Double seconds, Double mean, Double steal, Double load, Integer threadsUsingCpu,
      Integer threads, Double gcPerIteration, Long prewarmMs, String prewarmEnd, Long prewarmGcs, JsonNode threadSettings,
      JsonNode nativeKernel) {}

  /** How every interval of the run is computed, e.g. unit fork, a Student t interval over fork means, confidence 0.99. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Statistic(String unit, String interval, Double confidence) {}

  /**
   * A fixed pure-Java workload timed at the start of the run, between passes and at the end.
   *
   * @param nsPerPass every check, in order
   * @param level the median check
   * @param drift (last − first) ÷ first
   * @param spread (max − min) ÷ min
   * @param bound the spread above which the run is noisy
   * @param noisy whether the runner marked the run noisy
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Canary(List<Double> nsPerPass, Double level, Double drift, Double spread, Double bound, Boolean noisy) {
    public Canary {
      nsPerPass = orEmpty(nsPerPass);
    }

    public boolean isNoisy() {
      return Boolean.TRUE.equals(noisy);
    }
  }

  /** The worst CPU steal (a share) and load average any fork saw, and the bounds above which a result is marked noisy-host. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Host(Double maxSteal, Double maxLoad, Double stealBound, Double loadBound) {
    public boolean stealAbove() {
      return maxSteal != null && stealBound != null && maxSteal > stealBound;
    }

    public boolean loadAbove() {
      return maxLoad != null && loadBound != null && maxLoad > loadBound;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Warning(String benchmark, String cell, String workload, String message) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Hardware(String cpuModel, Integer logicalCores, Integer physicalCores, Double memoryBytes, List<String> instructionSets,
      Map<String, String> caches) {
    public Hardware {
      instructionSets = orEmpty(instructionSets);
      caches = caches == null ? Map.of() : caches;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Os(String name, String version, String arch, String distribution) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Jdk(String version, String runtimeVersion, String vendor, String vmName, String vectorSpecies) {}

  /** JMH's version, the options appended to every benchmark JVM, and each benchmark kind's settings by kind id. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Jmh(String version, List<String> jvmArgsAppend, Map<String, JmhBenchmark> benchmarks) {
    public Jmh {
      jvmArgsAppend = orEmpty(jvmArgsAppend);
      benchmarks = benchmarks == null ? Map.of() : benchmarks;
    }
  }

  /** Iteration times are null for single-shot kinds; targetFraction and epochLimit belong to time to target. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record JmhBenchmark(String benchmark, String mode, String unit, int forks, int warmupIterations, Integer warmupTimeMs,
      int measurementIterations, Integer measurementTimeMs, List<String> workloads, List<String> profilers, Double targetFraction,
      int epochLimit) {
    public JmhBenchmark {
      workloads = orEmpty(workloads);
      profilers = orEmpty(profilers);
    }
  }

  /** The thread count the run asked for, and the thread variables of its environment (null values where unset). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Threads(Integer threads, Map<String, String> environment) {
    public Threads {
      environment = environment == null ? Map.of() : environment;
    }
  }

  /** The device, the widest SIMD set of the CPU, and the native artifacts on the classpath. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Native(String device, String instructionSet, List<String> artifacts) {
    public Native {
      artifacts = orEmpty(artifacts);
    }
  }

  /** A backend as the run's registry described it; the maps are null where asking the backend failed. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Backend(String name, String description, Map<String, String> versions, Map<String, String> threadSettings,
      String deviceUnsupported, Map<String, StageEntry> stages) {
    public Backend {
      stages = stages == null ? Map.of() : stages;
    }
  }

  /** Whether a backend serves a stage: with its variants (none, or the expert one first), or the reason it does not. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StageEntry(boolean served, List<String> variants, String reason) {
    public StageEntry {
      variants = orEmpty(variants);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Git(String commit, boolean dirty) {}

  /**
   * The {@code -Dbench.*} properties the run was given, to repeat it; the heap every benchmark JVM
   * got, and the second heap the GC-driven cells also ran at (null in older runs); the sweeps it
   * made (sweep name, e.g. {@code size}, to its workloads in order; empty for none).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Settings(Map<String, String> properties, String heap, String gcHeap, Map<String, List<String>> sweeps, String profile) {
    public Settings {
      properties = properties == null ? Map.of() : properties;
      sweeps = sweeps == null ? Map.of() : sweeps;
    }

    /** The workloads of the size sweep, by increasing N; empty where the run made none. */
    public List<String> sizeSweep() {
      return sweeps.getOrDefault("size", List.of());
    }

    /** The workloads of the feature sweep, by increasing D at a fixed N·D; empty where the run made none. */
    public List<String> featureSweep() {
      return sweeps.getOrDefault("features", List.of());
    }

    /** The thread counts of the thread sweep; empty where the run made none. */
    public List<String> threadSweep() {
      return sweeps.getOrDefault("threads", List.of());
    }

    /** Whether the run profiled its step results (-Dbench.profile=async); false for runs from before the mode. */
    public boolean profiled() {
      return "async".equals(profile) || "async".equals(properties.get("bench.profile"));
    }
  }

  /**
   * A workload's shape: N samples of D features, with or without a bias; its data, learning rate
   * and gradient rule; and its working set (x and y as float32), which older runs did not record.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WorkloadInfo(int n, int d, boolean bias, String data, Float lr, String rule, Long workingSetBytes) {
    /** Bytes of x and y in float32: the recorded figure, or N × (D + 1) × 4 where the run did not record it. */
    public long workingSet() {
      return workingSetBytes != null ? workingSetBytes : 4L * n * (d + 1L);
    }
  }

  public boolean complete() {
    return COMPLETE.equals(status);
  }

  /**
   * Whether the run measured with the fork as the unit (it records its {@code statistic}): then its
   * results are shown as intervals over fork means, older runs as JMH reported them.
   */
  public boolean forksAsUnit() {
    return statistic != null;
  }

  /**
   * The plan entry of one result: benchmark kind, cell ({@code floor} for the floor), workload and
   * heap; a null heap matches any, as do entries that record none. Null when the plan has none.
   */
  public PlanEntry planEntry(BenchmarkKind kind, String cell, String workload, String heap) {
    return planEntry(kind, cell, workload, heap, null);
  }

  /** The same at a thread count (null: any; entries without one match any). */
  public PlanEntry planEntry(BenchmarkKind kind, String cell, String workload, String heap, Integer threads) {
    for (PlanEntry p : plan) {
      if (kind.id().equals(p.benchmark()) && Objects.equals(cell, p.cell()) && Objects.equals(workload, p.workload())
          && (heap == null || p.heap() == null || heap.equals(p.heap()))
          && (threads == null || p.threads() == null || threads.equals(p.threads()))) {
        return p;
      }
    }
    return null;
  }

  /** The device the run measured on; runs from before the field was written ran on the CPU. */
  public String device() {
    return nativeSetup.device() == null ? "cpu" : nativeSetup.device();
  }

  /**
   * What must match for two runs to count as the same machine: CPU model, logical cores and the
   * widest SIMD set (virtual machines often report a bare "AMD EPYC" for different generations).
   */
  public String hardwareSummary() {
    return or(hardware.cpuModel(), "unknown CPU") + ", " + (hardware.logicalCores() == null ? "?" : hardware.logicalCores()) + " cores, "
        + or(nativeSetup.instructionSet(), "unknown SIMD");
  }

  /** Workload id → samples per step (N), in the file's order. */
  /** Features per sample of each workload, by id. */
  public Map<String, Integer> workloadFeatures() {
    Map<String, Integer> features = new LinkedHashMap<>();
    workloads.forEach((id, w) -> features.put(id, w.d()));
    return features;
  }

  public Map<String, Integer> workloadSizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    workloads.forEach((id, w) -> sizes.put(id, w.n()));
    return sizes;
  }

  /** Every cell the run's registry served, in registry order: one per variant where a stage has several. */
  public List<CellId> servedCells() {
    List<CellId> cells = new ArrayList<>();
    for (Backend b : backends) {
      b.stages().forEach((stage, entry) -> {
        if (!entry.served()) {
          return;
        }
        if (entry.variants().isEmpty()) {
          cells.add(new CellId(b.name(), stage, null));
        }
        for (String v : entry.variants()) {
          cells.add(new CellId(b.name(), stage, v));
        }
      });
    }
    return cells;
  }

  /** The settings the run recorded for a benchmark kind, or null when the run did not describe it. */
  public JmhBenchmark benchmark(BenchmarkKind kind) {
    return jmh.benchmarks().get(kind.id());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String or(String value, String otherwise) {
    return value == null ? otherwise : value;
  }
}
