package gdbench.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed view of a run folder's {@code env.json}: the fields the report, compare and the results
 * index read. The runner writes more (libraries, scores, log tails), which this view ignores.
 * Text and boxed fields are null where the file has no value, so readers choose their own default;
 * absent objects, lists and maps read as empty ones, since old and hand-made folders lack some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEnvironment(String schema, String status, boolean interrupted, String machine, String run, String mode,
    String startedAt, String finishedAt, Double wallSeconds, Counts counts, List<PlanEntry> failed, List<Warning> warnings,
    Hardware hardware, Os os, Jdk jdk, Jmh jmh, Threads threads, @JsonProperty("native") Native nativeSetup,
    List<Backend> backends, Git git, Settings settings, Map<String, WorkloadInfo> workloads, List<PlanEntry> plan) {
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
    settings = settings == null ? new Settings(null) : settings;
    workloads = workloads == null ? Map.of() : workloads;
    plan = orEmpty(plan);
  }

  /** Benchmarks by outcome; {@code not-run} are those an interrupt left out. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Counts(int planned, int ok, int failed, int skipped, @JsonProperty("not-run") int notRun) {}

  /** One benchmark of the plan (also the entries of {@code failed}); status ok, failed, skipped or not-run. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PlanEntry(String benchmark, String cell, String workload, String status, String reason) {}

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

  /** The {@code -Dbench.*} properties the run was given, to repeat it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Settings(Map<String, String> properties) {
    public Settings {
      properties = properties == null ? Map.of() : properties;
    }
  }

  /** A workload's shape: N samples of D features, with or without a bias. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record WorkloadInfo(int n, int d, boolean bias) {}

  public boolean complete() {
    return COMPLETE.equals(status);
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
