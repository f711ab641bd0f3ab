package gdbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.core.Backends;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.Workload;
import gdbench.measure.ConvergenceProblem;
import gdbench.measure.ConvergenceRunner;
import gdbench.measure.TutorialReference;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.ConvergenceData;
import gdbench.runfolder.RunEnvironment;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small but complete run folder, written the way the runner and gdbench converge write theirs. */
final class RunFolderFixture {
  static final ObjectMapper JSON = new ObjectMapper();

  private RunFolderFixture() {}

  static Path write(Path results, String machine, String run, double speed) throws IOException {
    Path dir = Files.createDirectories(results.resolve(machine).resolve(run));
    ObjectNode env = JSON.createObjectNode();
    env.put("schema", RunEnvironment.SCHEMA);
    env.put("status", "complete");
    env.put("interrupted", false);
    env.put("machine", machine);
    env.put("run", run);
    env.put("mode", "quick");
    env.put("startedAt", "2026-01-01T00:00:00Z");
    env.put("finishedAt", "2026-01-01T00:01:00Z");
    env.put("wallSeconds", 60.0);
    ObjectNode counts = env.putObject("counts");
    counts.put("planned", 8);
    counts.put("ok", 8);
    env.putArray("failed");
    env.putArray("warnings");
    ObjectNode hw = env.putObject("hardware");
    hw.put("cpuModel", "Test CPU");
    hw.put("logicalCores", 2);
    hw.put("memoryBytes", 1L << 34);
    env.putObject("os").put("name", "Linux");
    env.putObject("jdk").put("version", "17");
    ObjectNode jmh = env.putObject("jmh");
    jmh.put("version", "1.37");
    ObjectNode step = jmh.putObject("benchmarks").putObject("step");
    step.put("benchmark", BenchmarkKind.STEP.jmhMethod());
    ArrayNode stepWorkloads = step.putArray("workloads");
    env.putObject("threads").put("threads", 1);
    env.putObject("native").put("device", "cpu");
    ArrayNode backends = env.putArray("backends");
    for (String name : List.of("plain", "plain-simd")) {
      ObjectNode b = backends.addObject();
      b.put("name", name);
      b.put("description", Backends.get(name).description());
      ObjectNode stages = b.putObject("stages");
      for (Stage s : Stage.values()) {
        StageSupport support = Backends.get(name).support(s);
        ObjectNode st = stages.putObject(s.id());
        st.put("served", support.isServed());
        if (support.isServed()) {
          st.putArray("variants");
        } else {
          st.put("reason", support.reason());
        }
      }
      b.putNull("deviceUnsupported");
    }
    env.putObject("git").put("commit", "0123456789abcdef");
    ObjectNode workloads = env.putObject("workloads");
    ArrayNode results2 = JSON.createArrayNode();
    for (Workload w : Workload.values()) {
      stepWorkloads.add(w.id());
      ObjectNode wn = workloads.putObject(w.id());
      wn.put("n", w.n());
      wn.put("d", w.d());
      wn.put("bias", w.bias());
      for (String cell : List.of("plain/manual", "plain-simd/manual")) {
        double rate = speed * (cell.startsWith("plain-simd") ? 20 : 1) * 1e8 / (w.n() * w.d());
        ObjectNode r = results2.addObject();
        r.put("benchmark", BenchmarkKind.STEP.jmhMethod());
        r.put("mode", "thrpt");
        r.put("forks", 1);
        ObjectNode params = r.putObject("params");
        params.put("cell", cell);
        params.put("device", "cpu");
        params.put("threads", "1");
        params.put("workload", w.id());
        ObjectNode pm = r.putObject("primaryMetric");
        pm.put("score", rate);
        pm.put("scoreError", rate * 0.02);
        pm.put("scoreUnit", "ops/s");
        pm.putArray("rawData").addArray().add(rate * 0.99).add(rate).add(rate * 1.01);
        ObjectNode gc = r.putObject("secondaryMetrics").putObject("gc.alloc.rate.norm");
        gc.put("score", 0.0);
        gc.put("scoreError", "NaN");
        gc.put("scoreUnit", "B/op");
        gc.putArray("rawData").addArray().add(0.0);
      }
    }
    RunFolderFiles.writeEnvironment(dir, env);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RunFolderFiles.JMH).toFile(), results2);
    ConvergenceData convergence = ConvergenceRunner.run(Backends.select("plain,plain-simd"), ConvergenceProblem.standard().subList(0, 2),
        ConvergenceRunner.Timing.QUICK, null);
    RunFolderFiles.writeConvergence(dir, convergence);
    RunFolderFiles.writeTutorialReference(dir, TutorialReference.measure(true, List.of("/nonexistent/python3")));
    return dir;
  }
}
