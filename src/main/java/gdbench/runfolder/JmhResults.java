package gdbench.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import gdbench.core.GdbenchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JMH's own JSON result format ({@code -rf json}), read into plain records. */
public final class JmhResults {
  private JmhResults() {}

  /** One metric: the score, JMH's error (half-width of its 99.9% interval), and per-fork raw data. */
  public record Metric(double score, double error, String unit, double[][] raw) {
    /** Higher is better for rates (ops/s), lower for times and sizes. */
    public boolean higherIsBetter() {
      return unit.contains("/s") || unit.startsWith("ops/");
    }

    public double relativeError() {
      return Double.isFinite(error) && score != 0 ? error / Math.abs(score) : Double.NaN;
    }

    /** The score in seconds per operation, where the unit is a time per operation; NaN otherwise. */
    public double seconds() {
      return switch (unit) {
        case "ns/op" -> score * 1e-9;
        case "us/op" -> score * 1e-6;
        case "ms/op" -> score * 1e-3;
        case "s/op" -> score;
        default -> Double.NaN;
      };
    }

    /** The sum of every iteration of every fork. */
    public double rawSum() {
      double sum = 0;
      for (double[] fork : raw) {
        for (double v : fork) {
          sum += v;
        }
      }
      return sum;
    }

    /**
     * Each fork's mean over its measured iterations, in fork order; forks without iterations are
     * left out. With the fork as the unit of measurement these are the samples of a result.
     */
    public double[] forkMeans() {
      return java.util.Arrays.stream(raw).filter(f -> f.length > 0)
          .mapToDouble(f -> java.util.Arrays.stream(f).average().orElseThrow()).toArray();
    }

    /** The mean over every iteration of every fork; NaN without any. */
    public double rawMean() {
      int n = 0;
      for (double[] fork : raw) {
        n += fork.length;
      }
      return n == 0 ? Double.NaN : rawSum() / n;
    }
  }

  /** One benchmark with one parameter combination. */
  public record Result(String benchmark, String mode, Map<String, String> params, int forks, Metric primary, Map<String, Metric> secondary) {
    /** The method name, e.g. {@code step} of {@code gdbench.bench.StepThroughput.step}. */
    public String method() {
      return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The class name, e.g. {@code StepThroughput}. */
    public String benchmarkClass() {
      String noMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
      return noMethod.substring(noMethod.lastIndexOf('.') + 1);
    }

    public String param(String name) {
      return params.get(name);
    }

    /** The benchmark JVM's heap ({@code heap} parameter, e.g. {@code 1g}); null for runs that did not make it a parameter. */
    public String heap() {
      return params.get("heap");
    }

    /** Native threads the benchmark ran with ({@code threads} parameter); null where absent. */
    public Integer threads() {
      String t = params.get("threads");
      return t == null || !t.matches("[0-9]{1,6}") ? null : Integer.valueOf(t);
    }

    /** Identity across runs: the benchmark and its parameters. */
    public String key() {
      return benchmarkClass() + "." + method() + params;
    }
  }

  /** Reads {@code file} (a run folder's jmh.json); any problem names the file. */
  public static List<Result> read(Path file) {
    JsonNode root = JsonFiles.read(file);
    if (!root.isArray()) {
      throw new GdbenchException(file + ": not JMH's result format (expected a JSON array of benchmark results)");
    }
    List<Result> results = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root) {
      index++;
      if (!node.has("benchmark") || !node.has("primaryMetric") || !node.get("primaryMetric").has("score")) {
        throw new GdbenchException(file + ": not JMH's result format (entry " + index + " has no benchmark or primaryMetric)");
      }
      Map<String, String> params = new TreeMap<>();
      JsonNode p = node.get("params");
      if (p != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), e.getValue().asText());
        }
      }
      Map<String, Metric> secondary = new TreeMap<>();
      JsonNode s = node.get("secondaryMetrics");
      if (s != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          secondary.put(e.getKey(), metric(e.getValue()));
        }
      }
      results.add(new Result(node.get("benchmark").asText(), node.path("mode").asText(), params, node.path("forks").asInt(1),
          metric(node.get("primaryMetric")), secondary));
    }
    return results;
  }

  private static Metric metric(JsonNode m) {
    JsonNode rawNode = m.get("rawData");
    double[][] raw = new double[rawNode == null ? 0 : rawNode.size()][];
    for (int f = 0; f < raw.length; f++) {
      JsonNode fork = rawNode.get(f);
      raw[f] = new double[fork.size()];
      for (int i = 0; i < raw[f].length; i++) {
        raw[f][i] = fork.get(i).asDouble();
      }
    }
    return new Metric(number(m.get("score")), number(m.get("scoreError")), m.path("scoreUnit").asText(""), raw);
  }

  /** JMH writes "NaN" as a string where it has no error estimate (one iteration). */
  private static double number(JsonNode n) {
    if (n == null || n.isNull()) {
      return Double.NaN;
    }
    return n.isNumber() ? n.asDouble() : parse(n.asText());
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
