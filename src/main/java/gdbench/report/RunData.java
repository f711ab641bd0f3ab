package gdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import gdbench.core.GdbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run folder holds, read and checked before anything is written: {@code env.json}
 * and {@code jmh.json} (required), {@code convergence.json} and {@code tutorial-reference.json}
 * (optional; the report says when they are absent). Any problem names the file.
 */
public record RunData(Path dir, JsonNode env, List<JmhResults.Result> results, ConvergenceData convergence, JsonNode reference) {
  public static final String ENV_SCHEMA = "gdbench-env/1";

  public static RunData load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GdbenchException(dir + ": not a run folder (no such directory)");
    }
    Path envFile = dir.resolve("env.json");
    JsonNode env = JsonFiles.read(envFile);
    if (!ENV_SCHEMA.equals(env.path("schema").asText())) {
      throw new GdbenchException(envFile + ": not a gdbench env.json (schema '" + env.path("schema").asText("none") + "', expected " + ENV_SCHEMA + ")");
    }
    for (String field : List.of("machine", "run", "status", "hardware", "jdk", "jmh", "backends", "workloads")) {
      if (env.path(field).isMissingNode() || env.path(field).isNull()) {
        throw new GdbenchException(envFile + ": incomplete env.json (no '" + field + "')");
      }
    }
    List<JmhResults.Result> results = JmhResults.read(dir.resolve("jmh.json"));
    ConvergenceData convergence = null;
    Path convergenceFile = dir.resolve("convergence.json");
    if (Files.exists(convergenceFile)) {
      JsonNode node = JsonFiles.read(convergenceFile);
      if (!ConvergenceData.SCHEMA.equals(node.path("schema").asText())) {
        throw new GdbenchException(convergenceFile + ": not a gdbench convergence file (schema '" + node.path("schema").asText("none")
            + "', expected " + ConvergenceData.SCHEMA + ")");
      }
      convergence = JsonFiles.convert(convergenceFile, node, ConvergenceData.class);
    }
    JsonNode reference = null;
    Path referenceFile = dir.resolve(TutorialReference.FILE);
    if (Files.exists(referenceFile)) {
      reference = JsonFiles.read(referenceFile);
      if (!reference.path("schema").asText().startsWith("gdbench-tutorial-reference/")) {
        throw new GdbenchException(referenceFile + ": not a gdbench tutorial reference file");
      }
    }
    return new RunData(dir, env, results, convergence, reference);
  }

  public String machine() {
    return env.path("machine").asText();
  }

  /**
   * What must match for two runs to count as the same machine: CPU model, logical cores and the
   * widest SIMD set (virtual machines often report a bare "AMD EPYC" for different generations).
   */
  public String hardware() {
    return hardware(env);
  }

  static String hardware(JsonNode env) {
    JsonNode hw = env.path("hardware");
    return hw.path("cpuModel").asText("unknown CPU") + ", " + hw.path("logicalCores").asText("?") + " cores, "
        + env.path("native").path("instructionSet").asText("unknown SIMD");
  }

  public String run() {
    return env.path("run").asText();
  }

  public boolean complete() {
    return "complete".equals(env.path("status").asText());
  }

  public String device() {
    return env.path("native").path("device").asText("cpu");
  }

  /** Workload id → samples per step (N). */
  public Map<String, Integer> workloadSizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = env.path("workloads").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sizes.put(e.getKey(), e.getValue().path("n").asInt());
    }
    return sizes;
  }

  /** Every cell the run's registry served, in registry order. */
  public List<String> servedCells() {
    List<String> cells = new ArrayList<>();
    for (JsonNode b : env.path("backends")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.path("stages").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> s = it.next();
        if (!s.getValue().path("served").asBoolean()) {
          continue;
        }
        JsonNode variants = s.getValue().path("variants");
        if (variants.isEmpty()) {
          cells.add(b.path("name").asText() + "/" + s.getKey());
        } else {
          for (JsonNode v : variants) {
            cells.add(b.path("name").asText() + "/" + s.getKey() + "/" + v.asText());
          }
        }
      }
    }
    return cells;
  }

  /** The JMH benchmark name of one of the suite's benchmarks ({@code step}, {@code target}, {@code cold}). */
  public String jmhBenchmark(String kind) {
    return env.path("jmh").path("benchmarks").path(kind).path("benchmark").asText("");
  }

  public List<JmhResults.Result> resultsOf(String kind) {
    String name = jmhBenchmark(kind);
    return results.stream().filter(r -> r.benchmark().equals(name)).toList();
  }
}
