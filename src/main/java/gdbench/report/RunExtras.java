package gdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GdbenchException;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What newer runners add to env.json and {@link gdbench.runfolder.RunEnvironment} does not model
 * (yet): the host canary, each plan entry's forks and steadiness marks, a native kernel name. All
 * optional, since the committed runs predate them; read from the folder that
 * {@link RunFolderFiles#read} has already checked, so a failure here is unexpected.
 *
 * @param canary the host canary, or null
 * @param plan plan entries by {@link #key}, where the runner recorded marks or forks
 * @param nativeKernel {@code native.kernel}, or null
 */
public record RunExtras(Canary canary, Map<String, PlanMarks> plan, String nativeKernel) {
  /**
   * The JMH method of the floor benchmark: a fixed loop, per workload, that says how fast this host
   * is right now. Named here, not through a BenchmarkKind, so that folders are read the same with or
   * without the kind in this build.
   */
  public static final String FLOOR_BENCHMARK = "gdbench.bench.Floor.pass";
  /** Its id in env.json's plan, and the plan's cell for it. */
  public static final String FLOOR_ID = "floor";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The canary: nanoseconds per pass of a fixed loop, checked in order through the run; level is their median. */
  public record Canary(double[] nsPerPass, double level, double drift, double spread, double bound, boolean noisy) {
    /** The variance of the logarithm of {@link #level}: of the mean of the checks' logarithms. 0 with one check. */
    public double logLevelVariance() {
      int n = nsPerPass.length;
      if (n < 2) {
        return 0;
      }
      double m = 0;
      for (double v : nsPerPass) {
        m += Math.log(v);
      }
      m /= n;
      double ss = 0;
      for (double v : nsPerPass) {
        ss += (Math.log(v) - m) * (Math.log(v) - m);
      }
      return ss / (n - 1) / n;
    }
  }

  /**
   * @param marks {@code unsteady}, {@code bimodal}, {@code noisy-host}; null where the runner
   *     recorded none (then the shape is computed from the raw data)
   * @param cause why, in words
   * @param forks forks the runner planned, or null
   */
  public record PlanMarks(List<String> marks, String cause, Integer forks) {}

  public static RunExtras none() {
    return new RunExtras(null, Map.of(), null);
  }

  public static RunExtras read(RunData run) {
    JsonNode env;
    try {
      env = JSON.readTree(run.dir().resolve(RunFolderFiles.ENV).toFile());
    } catch (IOException e) {
      throw new GdbenchException(run.dir().resolve(RunFolderFiles.ENV) + ": cannot be read: " + e.getMessage());
    }
    Canary canary = null;
    JsonNode c = env.path("canary");
    if (c.isObject() && c.path("level").isNumber()) {
      JsonNode passes = c.path("nsPerPass");
      double[] ns = new double[passes.isArray() ? passes.size() : 0];
      for (int i = 0; i < ns.length; i++) {
        ns[i] = passes.get(i).asDouble();
      }
      canary = new Canary(ns, c.path("level").asDouble(), c.path("drift").asDouble(Double.NaN), c.path("spread").asDouble(Double.NaN),
          c.path("bound").asDouble(Double.NaN), c.path("noisy").asBoolean(false));
    }
    Map<String, PlanMarks> plan = new HashMap<>();
    for (JsonNode p : env.path("plan")) {
      JsonNode m = p.get("marks");
      List<String> marks = null;
      if (m != null && m.isArray()) {
        marks = new ArrayList<>();
        for (JsonNode mark : m) {
          marks.add(mark.asText());
        }
      }
      Integer forks = p.path("forks").isInt() ? p.path("forks").asInt() : null;
      if (marks != null || forks != null) {
        plan.put(key(p.path("benchmark").asText(), p.path("cell").asText(), p.path("workload").asText(), p.path("heap").asText("")),
            new PlanMarks(marks, p.path("cause").isTextual() ? p.path("cause").asText() : null, forks));
      }
    }
    JsonNode kernel = env.path("native").path("kernel");
    return new RunExtras(canary, plan, kernel.isMissingNode() || kernel.isNull() ? null : kernel.isValueNode() ? kernel.asText() : kernel.toString());
  }

  /** A plan entry's identity: a result may be measured at two heap sizes, and a floor's cell is the word floor. */
  static String key(String benchmarkId, String cell, String workload, String heap) {
    return benchmarkId + "|" + cell + "|" + workload + "|" + (heap == null ? "" : heap);
  }

  /** The plan entry of a result, or null: the result's benchmark is named by the id the run gave its JMH method. */
  public PlanMarks marksOf(RunData run, JmhResults.Result r) {
    String id = benchmarkId(run, r);
    String cell = r.param("cell") != null ? r.param("cell") : id;
    return id == null ? null : plan.get(key(id, cell, r.param("workload"), r.param("heap")));
  }

  /** The plan's id of a result's benchmark (step, target, …, floor), or null when the run does not describe it. */
  static String benchmarkId(RunData run, JmhResults.Result r) {
    if (FLOOR_BENCHMARK.equals(r.benchmark())) {
      return FLOOR_ID;
    }
    if (run != null) {
      for (Map.Entry<String, gdbench.runfolder.RunEnvironment.JmhBenchmark> e : run.env().jmh().benchmarks().entrySet()) {
        if (r.benchmark().equals(e.getValue().benchmark())) {
          return e.getKey();
        }
      }
    }
    for (BenchmarkKind k : BenchmarkKind.values()) {
      if (k.jmhMethod().equals(r.benchmark())) {
        return k.id();
      }
    }
    return null;
  }

  public static boolean isFloor(JmhResults.Result r) {
    return FLOOR_BENCHMARK.equals(r.benchmark());
  }
}
