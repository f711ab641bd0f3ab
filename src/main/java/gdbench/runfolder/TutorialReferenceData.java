package gdbench.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run folder's {@code tutorial-reference.json}: the tutorial's own numpy and PyTorch loops, and
 * an expert's, timed by {@code gdbench reference}, or why they were not. Absent fields stay null
 * (nothing is written for them), so a "not run" file holds only schema, status and reason, and a
 * file of schema 1 (one process, no variants, no kernels) reads as it always did.
 *
 * @param status {@link #COMPLETE} or {@link #NOT_RUN}
 * @param reason why not run
 * @param threads the thread count the Python libraries were held to
 * @param quick whether the short sampling of {@code --quick} was used
 * @param interpreter the python that ran the script
 * @param statistic how the rows were repeated and summarised (schema 2 on)
 * @param data where the data came from (schema 2: the JVM's workloads, written once)
 * @param variants variant id → what it means (tutorial, tuned)
 * @param environment the native-kernel variables the Python processes ran with (OPENBLAS_*, MKL_*, OMP_*, ...)
 * @param environmentAtStart the same variables as the caller's environment had them, before the thread counts were set
 * @param kernels what each Python library runs on, as the script found it: numpy's build configuration
 *     and SIMD dispatch, {@code torch.__config__.show()} and its parallel info, threadpoolctl's
 *     {@code threadpool_info()}, and the BLAS, LAPACK and OpenMP libraries mapped in the process
 * @param pairs each JVM cell and the Python row that runs the same algorithm the same way
 * @param perOp the cost of one trivial element-wise op, Python libraries against JVM libraries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TutorialReferenceData(String schema, String status, String reason, String python, String numpy, String torch,
    Integer threads, Boolean quick, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Row> rows, String interpreter,
    Statistic statistic, String data, Map<String, String> variants, Map<String, String> environment,
    Map<String, String> environmentAtStart, JsonNode kernels, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Pair> pairs,
    PerOp perOp, String startedAt, String finishedAt) {
  public static final String SCHEMA = "gdbench-tutorial-reference/2";
  public static final String COMPLETE = "complete";
  public static final String NOT_RUN = "not run";
  /** The reason given when no interpreter has both libraries; also the report's default reason. */
  public static final String PYTHON_NOT_FOUND = "python3 with numpy and torch not found";
  /** The variant of the tutorial's own code. */
  public static final String TUTORIAL = "tutorial";
  /** The variant an expert writes. */
  public static final String TUNED = "tuned";

  public TutorialReferenceData {
    rows = rows == null ? List.of() : rows;
    pairs = pairs == null ? List.of() : pairs;
  }

  /**
   * One library, stage and variant on one workload. Schema 1: {@code stepsPerSecond} is the mean of
   * {@code samples} (timed batches of one process) and {@code stdev} their standard deviation.
   * Schema 2: each of several fresh processes times its batches ({@code batches}, steps per second)
   * and contributes their mean ({@code processMeans}); {@code stepsPerSecond} is the mean of the
   * process means and {@code stdev} their standard deviation, the spread between processes;
   * {@code minorFaultsPerStep} counts, per process, the page faults of a timed step (memory the
   * allocator returned to the OS and takes back each step, which a VM makes expensive).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Row(String library, String stage, String variant, String workload, int n, int d, double stepsPerSecond,
      double stdev, double[] samples, double[] processMeans, double[][] batches, double[] minorFaultsPerStep) {
    /** {@code library/stage/variant}, or {@code library/stage} for a row of schema 1. */
    @JsonIgnore
    public String id() {
      return library + "/" + stage + (variant == null ? "" : "/" + variant);
    }

    /** Whether the row was repeated in fresh processes (schema 2). */
    @JsonIgnore
    public boolean repeated() {
      return processMeans != null && processMeans.length > 0;
    }
  }

  /**
   * How every row was repeated and summarised, e.g. the mean of 5 process means with a 99% Student
   * t interval over them.
   *
   * @param name what the figure and its ± are
   * @param confidence the interval's confidence
   * @param processes fresh processes per row
   * @param batches timed batches per process
   * @param batchSeconds the shortest batch, seconds
   */
  public record Statistic(String name, double confidence, int processes, int batches, double batchSeconds) {}

  /** A JVM cell and its like on the Python side, by id ({@code library/stage/variant}). */
  public record Pair(String cell, String python) {}

  /**
   * The per-call cost of one trivial element-wise op on {@code n} floats, Python against the JVM.
   *
   * @param workload the workload whose size this is ({@code seed})
   * @param rule how each process timed it
   * @param processes fresh processes per row
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PerOp(String workload, int n, String rule, int processes, List<PerOpRow> rows) {
    public PerOp {
      rows = rows == null ? List.of() : rows;
    }
  }

  /**
   * One library and op: nanoseconds per op, the mean of the processes' medians.
   *
   * @param side {@code python} or {@code jvm}
   * @param library numpy, torch, python (the empty loop), or a backend's name
   * @param op {@code add} (c = a + b, a new array freed at once) or {@code add-inplace} (a += b), or {@code empty-loop}
   * @param steady how many processes reached a steady batch time before the timed batches
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PerOpRow(String side, String library, String op, double nsPerOp, double[] processMedians, Integer steady) {}

  public static TutorialReferenceData notRun(String reason) {
    return new TutorialReferenceData(SCHEMA, NOT_RUN, reason, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  public boolean complete() {
    return COMPLETE.equals(status);
  }

  public TutorialReferenceData withInterpreter(String python) {
    return new TutorialReferenceData(schema, status, reason, this.python, numpy, torch, threads, quick, rows, python, statistic, data,
        variants, environment, environmentAtStart, kernels, pairs, perOp, startedAt, finishedAt);
  }

  public TutorialReferenceData withTimes(String started, String finished) {
    return new TutorialReferenceData(schema, status, reason, python, numpy, torch, threads, quick, rows, interpreter, statistic, data,
        variants, environment, environmentAtStart, kernels, pairs, perOp, started, finished);
  }

  /**
   * Several measurements of one run (a call per workload, say, scheduled between JMH benchmarks)
   * as one file: the first complete one's description, every complete one's rows and pairs, and the
   * first per-op table. Not run when none of them ran.
   */
  public static TutorialReferenceData combine(List<TutorialReferenceData> parts) {
    TutorialReferenceData first = parts.stream().filter(TutorialReferenceData::complete).findFirst().orElse(null);
    if (first == null) {
      return parts.isEmpty() ? notRun(PYTHON_NOT_FOUND) : parts.get(0);
    }
    List<Row> rows = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    PerOp perOp = null;
    for (TutorialReferenceData p : parts) {
      if (!p.complete()) {
        continue;
      }
      rows.addAll(p.rows());
      for (Pair pair : p.pairs()) {
        if (!pairs.contains(pair)) {
          pairs.add(pair);
        }
      }
      perOp = perOp != null ? perOp : p.perOp();
    }
    return new TutorialReferenceData(first.schema, first.status, null, first.python, first.numpy, first.torch, first.threads,
        first.quick, rows, first.interpreter, first.statistic, first.data, first.variants, first.environment,
        first.environmentAtStart, first.kernels, pairs, perOp, first.startedAt,
        parts.stream().filter(TutorialReferenceData::complete).reduce((a, b) -> b).map(TutorialReferenceData::finishedAt).orElse(null));
  }

  /** Any version of the schema is read, as the report always has: fields it does not know are ignored. */
  static boolean readable(String schema) {
    return schema != null && schema.startsWith(SCHEMA.substring(0, SCHEMA.indexOf('/') + 1));
  }
}
