package gdbench.bench;

import gdbench.runfolder.BenchmarkKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end, in a real `java` process as mvn -Pbench starts it (JMH forks need a
 * real classpath): one cell on the seed with minimal iterations, into a temporary results folder.
 * Timing numbers are never asserted.
 */
class BenchRunnerSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  private static final boolean LINUX = Files.isReadable(Path.of("/proc/self/status"));

  @TempDir
  Path results;

  @Test
  void writesJmhJsonAndEnvJsonThatParse() throws Exception {
    Run run = run(List.of("-Dbench.include=plain/manual", "-Dbench.workloads=seed", "-Dbench.strict=true", "-Dbench.post=converge,report",
        "-Dbench.benchmarks=step,target,cold",
        "-Dbench.warmup=1", "-Dbench.warmupTime=100", "-Dbench.iterations=1", "-Dbench.time=100",
        "-Dbench.target.warmup=1", "-Dbench.target.iterations=2", "-Dbench.target.time=20", "-Dbench.prewarm.ms=20", "-Dbench.cold.forks=1"));
    assertEquals(0, run.exit, run.output());

    JsonNode env = JSON.readTree(run.folder().resolve("env.json").toFile());
    assertEquals(gdbench.runfolder.RunEnvironment.SCHEMA, env.get("schema").asText());
    assertEquals("complete", env.get("status").asText());
    assertFalse(env.get("interrupted").asBoolean());
    assertEquals("smoke", env.get("machine").asText());
    assertEquals(3, env.at("/counts/ok").asInt());
    assertEquals(0, env.get("failed").size());
    for (String key : List.of("/hardware/cpuModel", "/hardware/logicalCores", "/hardware/memoryBytes", "/os/name", "/jdk/version",
        "/jmh/version", "/jmh/jvmArgsAppend", "/jmh/benchmarks/step/forks", "/threads/threads", "/threads/environment/OMP_NUM_THREADS",
        "/native/instructionSet", "/git/dirty", "/settings/include", "/workloads/large/n", "/wallSeconds", "/startedAt", "/finishedAt")) {
      assertFalse(env.at(key).isMissingNode(), "env.json lacks " + key);
    }
    assertEquals(1048576, env.at("/workloads/large/n").asInt());
    assertEquals("1", env.at("/threads/environment/OMP_NUM_THREADS").asText());
    assertTrue(env.get("libraries").toString().contains("org.openjdk.jmh:jmh-core"), "libraries lists the classpath");
    // coordinates whatever the local repository is called (mvn -Dmaven.repo.local=...)
    assertTrue(env.get("libraries").toString().contains("\"org.openjdk.jmh:jmh-core:1.37\""), env.get("libraries").toString());
    assertTrue(env.get("backends").toString().contains("\"plain-simd\""), "backends lists the registry");
    assertEquals(3, env.get("plan").size());
    env.get("plan").forEach(item -> assertEquals("ok", item.get("status").asText(), item.toString()));

    JsonNode jmh = JSON.readTree(run.folder().resolve("jmh.json").toFile());
    assertEquals(3, jmh.size());
    List<String> benchmarks = new ArrayList<>();
    for (JsonNode r : jmh) {
      benchmarks.add(r.get("benchmark").asText());
      assertEquals("plain/manual", r.at("/params/cell").asText());
      assertEquals("seed", r.at("/params/workload").asText());
      assertTrue(r.at("/primaryMetric/score").isNumber());
      JsonNode secondary = r.get("secondaryMetrics");
      assertNotNull(secondary.get("gc.alloc.rate.norm"), "gc profiler: " + secondary);
      if (LINUX) { // the resident-memory profiler reads /proc
        assertNotNull(secondary.get("rss"), "resident-memory profiler: " + secondary);
      }
    }
    assertEquals(List.of(BenchmarkKind.STEP.jmhMethod(), BenchmarkKind.TARGET.jmhMethod(), BenchmarkKind.COLD.jmhMethod()), benchmarks);
    JsonNode step = jmh.get(0).get("secondaryMetrics");
    assertNotNull(step.get("samples"), "samples/s beside steps/s: " + step);
    assertEquals(4 * jmh.get(0).at("/primaryMetric/score").asDouble(), step.at("/samples/score").asDouble(), 1e-6 * step.at("/samples/score").asDouble());
    if (LINUX) {
      assertNotNull(step.get("rss.offheap"), "the heap's resident pages were found: " + step);
    }
    JsonNode target = jmh.get(1).get("secondaryMetrics");
    int runs = target.at("/runs/rawData/0/0").asInt();
    assertTrue(runs >= 1, "time to target made training runs: " + target);
    assertEquals(runs, target.at("/reached/rawData/0/0").asInt(), "every time-to-target run reached the target");
    assertEquals(15 * runs, target.at("/epochs/rawData/0/0").asInt(), "15 updates per run on the seed: " + target);

    // after JMH: the convergence runs and the report, into the same folder
    JsonNode convergence = JSON.readTree(run.folder().resolve("convergence.json").toFile());
    assertEquals("plain/manual", convergence.at("/runs/0/cell").asText());
    String report = Files.readString(run.folder().resolve("REPORT.md"));
    assertTrue(report.contains("| `plain/manual` |"), report);
    assertTrue(Files.size(run.folder().resolve("throughput.png")) > 1000);
    assertTrue(Files.size(run.folder().resolve("jmh.log")) > 0);
  }

  @Test
  void aFailingBenchmarkIsListedWithItsReasonAndTheRunStillCompletes() throws Exception {
    Run run = run(List.of("-Dbench.include=plain/manual", "-Dbench.workloads=seed", "-Dbench.benchmarks=cold",
        "-Dbench.jvmArgs=-XX:+NoSuchGdbenchOption"));
    assertEquals(1, run.exit, "nothing succeeded: " + run.output());
    JsonNode env = JSON.readTree(run.folder().resolve("env.json").toFile());
    assertEquals("complete", env.get("status").asText());
    assertEquals(1, env.at("/counts/failed").asInt());
    JsonNode failure = env.get("failed").get(0);
    assertEquals("cold", failure.get("benchmark").asText());
    assertEquals("plain/manual", failure.get("cell").asText());
    assertTrue(failure.get("reason").asText().contains("exit code"), failure.toString());
    assertTrue(failure.get("logTail").toString().contains("NoSuchGdbenchOption"), failure.toString());
    JsonNode jmh = JSON.readTree(run.folder().resolve("jmh.json").toFile());
    assertTrue(jmh.isArray() && jmh.isEmpty(), "jmh.json exists, with no results: " + jmh);
  }

  @Test
  void anInterruptedRunIsMarkedIncomplete() throws Exception {
    Process p = start(List.of("-Dbench.include=plain/manual", "-Dbench.workloads=seed", "-Dbench.benchmarks=step",
        "-Dbench.warmup=0", "-Dbench.iterations=200", "-Dbench.time=100"));
    try {
      Path log = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Path folder = findFolder();
        if (folder != null && Files.exists(folder.resolve("jmh.log")) && Files.readString(folder.resolve("jmh.log")).contains("Iteration   1")) {
          log = folder.resolve("jmh.log");
          break;
        }
        Thread.sleep(200);
      }
      assertNotNull(log, "the benchmark never started: " + Files.readString(results.resolve("out.txt")));
      List<ProcessHandle> forks = p.descendants().toList();
      p.destroy(); // SIGTERM, as kill does
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      for (ProcessHandle fork : forks) {
        fork.onExit().get(30, TimeUnit.SECONDS); // the JMH fork in flight was stopped as well
      }
    } finally {
      p.destroyForcibly();
    }
    JsonNode env = JSON.readTree(findFolder().resolve("env.json").toFile());
    assertEquals("incomplete", env.get("status").asText());
    assertTrue(env.get("interrupted").asBoolean());
    assertEquals("not-run", env.at("/plan/0/status").asText());
  }

  // ------------------------------------------------------------------------------------------

  private record Run(int exit, Path folder, Path out) {
    String output() throws IOException {
      return Files.readString(out);
    }
  }

  private Run run(List<String> props) throws Exception {
    Process p = start(props);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the runner did not finish in 3 minutes");
    }
    Path folder = findFolder();
    assertNotNull(folder, "no run folder: " + Files.readString(results.resolve("out.txt")));
    return new Run(p.exitValue(), folder, results.resolve("out.txt"));
  }

  private Process start(List<String> props) throws IOException {
    String classpath = BASEDIR.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(BASEDIR.resolve("target/classpath.txt")).trim();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(gdbench.core.JvmFlags.required());
    cmd.addAll(List.of(
        "-cp", classpath,
        "-Djmh.ignoreLock=true", // other builds on the machine may be running JMH: timings are not the point here
        "-Dbench.basedir=" + BASEDIR,
        "-Dbench.results=" + results,
        "-Dbench.machine=smoke",
        "-Dbench.quick=true",
        "-Dbench.heap=256m"));
    cmd.addAll(props);
    cmd.add("gdbench.bench.BenchMain");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(results.resolve("out.txt").toFile());
    for (String k : Backends.threadEnvironment()) {
      pb.environment().put(k, "1");
    }
    return pb.start();
  }

  private Path findFolder() throws IOException {
    Path machine = results.resolve("smoke");
    if (!Files.isDirectory(machine)) {
      return null;
    }
    try (Stream<Path> s = Files.list(machine)) {
      return s.filter(Files::isDirectory).findFirst().orElse(null);
    }
  }
}
