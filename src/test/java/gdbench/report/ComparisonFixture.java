package gdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Run folders with several forks per result: {@link RunFolderFixture}'s folder, whose jmh.json is
 * rewritten with synthetic forks around each score (a level per fork, noise per iteration, both
 * seeded), optionally with a floor per workload and a canary, the way the new harness writes them.
 */
final class ComparisonFixture {
  private ComparisonFixture() {}

  /** How each result's score is changed: (cell, workload) → factor on its rate. */
  interface Change extends BiFunction<String, String, Double> {
    Change NONE = (cell, workload) -> 1.0;
  }

  /**
   * @param forks forks per result
   * @param forkCv spread of the fork means (between JVMs), as a fraction
   * @param host factor on every rate, floor included: a uniformly faster or slower host
   */
  static Path write(Path results, String machine, String run, int forks, double forkCv, double host, Change change, boolean floor,
      long seed) throws IOException {
    Path dir = RunFolderFixture.write(results, machine, run, 1);
    rewrite(dir, forks, forkCv, host, change, floor, seed);
    return dir;
  }

  static void rewrite(Path dir, int forks, double forkCv, double host, Change change, boolean floor, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path file = dir.resolve(RunFolderFiles.JMH);
    ArrayNode jmh = (ArrayNode) RunFolderFixture.JSON.readTree(file.toFile());
    List<String> workloads = new ArrayList<>();
    for (JsonNode r : jmh) {
      ObjectNode result = (ObjectNode) r;
      String cell = result.path("params").path("cell").asText();
      String workload = result.path("params").path("workload").asText();
      if (!workloads.contains(workload)) {
        workloads.add(workload);
      }
      double rate = result.path("primaryMetric").path("score").asDouble() * host * change.apply(cell, workload);
      fill(result, rate, forks, forkCv, random);
    }
    if (floor) {
      for (String w : workloads) {
        ObjectNode f = jmh.addObject();
        f.put("benchmark", RunExtras.FLOOR_BENCHMARK);
        f.put("mode", "thrpt");
        ObjectNode params = f.putObject("params");
        params.put("device", "cpu");
        params.put("threads", "1");
        params.put("workload", w);
        ObjectNode pm = f.putObject("primaryMetric");
        pm.put("scoreUnit", "ops/s");
        fill(f, 1e6 * host, forks, forkCv, random);
      }
    }
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), jmh);
  }

  private static void fill(ObjectNode result, double rate, int forks, double forkCv, SplittableRandom random) {
    result.put("forks", forks);
    ObjectNode pm = (ObjectNode) result.get("primaryMetric");
    ArrayNode raw = pm.putArray("rawData");
    double sum = 0;
    int n = 0;
    for (int f = 0; f < forks; f++) {
      double level = rate * (1 + forkCv * random.nextGaussian());
      ArrayNode fork = raw.addArray();
      for (int i = 0; i < 8; i++) {
        double v = level * (1 + 0.002 * random.nextGaussian());
        fork.add(v);
        sum += v;
        n++;
      }
    }
    pm.put("score", sum / n);
    pm.put("scoreError", rate * 0.01);
  }

  /** A copy of {@code dir} under another run name, its forks put in another order. */
  static Path shuffledCopy(Path dir, String run, long seed) throws IOException {
    Path copy = copy(dir, run);
    Path file = copy.resolve(RunFolderFiles.JMH);
    ArrayNode jmh = (ArrayNode) RunFolderFixture.JSON.readTree(file.toFile());
    SplittableRandom random = new SplittableRandom(seed);
    for (JsonNode r : jmh) {
      ArrayNode raw = (ArrayNode) r.path("primaryMetric").path("rawData");
      List<JsonNode> forks = new ArrayList<>();
      raw.forEach(forks::add);
      for (int i = forks.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        JsonNode t = forks.get(i);
        forks.set(i, forks.get(j));
        forks.set(j, t);
      }
      raw.removeAll();
      forks.forEach(raw::add);
    }
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), jmh);
    return copy;
  }

  /** A copy of {@code dir} with every value of the given results' raw data and score multiplied by its factor. */
  static Path scaledCopy(Path dir, String run, Map<String, Double> factorByCellAndWorkload) throws IOException {
    Path copy = copy(dir, run);
    Path file = copy.resolve(RunFolderFiles.JMH);
    ArrayNode jmh = (ArrayNode) RunFolderFixture.JSON.readTree(file.toFile());
    for (JsonNode r : jmh) {
      Double factor = factorByCellAndWorkload.get(r.path("params").path("cell").asText() + " " + r.path("params").path("workload").asText());
      if (factor == null) {
        continue;
      }
      ObjectNode pm = (ObjectNode) r.get("primaryMetric");
      pm.put("score", pm.path("score").asDouble() * factor);
      for (JsonNode fork : pm.path("rawData")) {
        ArrayNode f = (ArrayNode) fork;
        for (int i = 0; i < f.size(); i++) {
          f.set(i, RunFolderFixture.JSON.getNodeFactory().numberNode(f.get(i).asDouble() * factor));
        }
      }
    }
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), jmh);
    return copy;
  }

  /** Sets env.json's nativeEnvironment, the native-library variables the run had. */
  static void setNativeEnvironment(Path dir, Map<String, String> variables) throws IOException {
    Path file = dir.resolve(RunFolderFiles.ENV);
    ObjectNode env = (ObjectNode) RunFolderFixture.JSON.readTree(file.toFile());
    ObjectNode n = env.putObject("nativeEnvironment");
    variables.forEach(n::put);
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), env);
  }

  /** Adds a canary to env.json: nanoseconds per pass, checked in order. */
  static void addCanary(Path dir, double... nsPerPass) throws IOException {
    Path file = dir.resolve(RunFolderFiles.ENV);
    ObjectNode env = (ObjectNode) RunFolderFixture.JSON.readTree(file.toFile());
    ObjectNode c = env.putObject("canary");
    ArrayNode ns = c.putArray("nsPerPass");
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double v : nsPerPass) {
      ns.add(v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double[] sorted = nsPerPass.clone();
    java.util.Arrays.sort(sorted);
    c.put("level", sorted[sorted.length / 2]);
    c.put("drift", (nsPerPass[nsPerPass.length - 1] - nsPerPass[0]) / nsPerPass[0]);
    c.put("spread", (max - min) / min);
    c.put("bound", 0.10);
    c.put("noisy", (max - min) / min > 0.10);
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), env);
  }

  /** Sets the plan's marks of one (benchmark, cell, workload), adding the entry if the plan lacks it. */
  static void mark(Path dir, String cell, String workload, String... marks) throws IOException {
    Path file = dir.resolve(RunFolderFiles.ENV);
    ObjectNode env = (ObjectNode) RunFolderFixture.JSON.readTree(file.toFile());
    ArrayNode plan = env.has("plan") ? (ArrayNode) env.get("plan") : env.putArray("plan");
    ObjectNode entry = plan.addObject();
    entry.put("benchmark", "step");
    entry.put("cell", cell);
    entry.put("workload", workload);
    entry.put("status", "ok");
    ArrayNode m = entry.putArray("marks");
    for (String s : marks) {
      m.add(s);
    }
    entry.put("cause", "marked by the test");
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), env);
  }

  private static Path copy(Path dir, String run) throws IOException {
    Path copy = Files.createDirectories(dir.resolveSibling(run));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    Path env = copy.resolve(RunFolderFiles.ENV);
    Files.writeString(env, Files.readString(env).replace("\"run\" : \"" + dir.getFileName() + "\"", "\"run\" : \"" + run + "\""));
    return copy;
  }
}
