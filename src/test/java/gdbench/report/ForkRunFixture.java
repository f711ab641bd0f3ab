package gdbench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.core.Workload;
import gdbench.measure.ConvergenceProblem;
import gdbench.measure.ConvergenceRunner;
import gdbench.core.Backends;
import gdbench.measure.TutorialReference;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.RunEnvironment;
import gdbench.runfolder.RunFolderFiles;
import gdbench.stats.ForkInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic run folder in the format of a run with the fork as the unit (issue 12), written the
 * way the runner writes one: several forks per result in jmh.json's raw data, a {@code floor} per
 * workload, the {@code huge} workload with its working set, cache sizes, a second heap size for one
 * cell, a bimodal and an unsteady result with their causes, one measured on a busy host, time to
 * target with too few forks on one result, cold start from 10 forks, a noisy canary, the native
 * environment and each fork's own record. Every number is seeded: the folder is the same each time.
 */
final class ForkRunFixture {
  static final String BIMODAL_CELL = "nd4j/full-library";
  static final List<String> CELLS = List.of("plain/manual", "plain-simd/manual", "nd4j/manual/tuned", BIMODAL_CELL);
  static final double[] CANARY = {700_000, 690_000, 805_000, 705_000};

  private ForkRunFixture() {}

  static Path write(Path results, String machine, String run) throws IOException {
    Path dir = Files.createDirectories(results.resolve(machine).resolve(run));
    SplittableRandom random = new SplittableRandom(12);
    ObjectNode env = RunFolderFixture.JSON.createObjectNode();
    env.put("schema", RunEnvironment.SCHEMA);
    env.put("status", "complete");
    env.put("interrupted", false);
    env.put("machine", machine);
    env.put("run", run);
    env.put("mode", "full");
    env.put("startedAt", "2026-12-01T08:00:00Z");
    env.put("finishedAt", "2026-12-01T08:50:00Z");
    env.put("wallSeconds", 3000.0);
    env.putArray("failed");
    env.putArray("warnings");
    ObjectNode hw = env.putObject("hardware");
    hw.put("cpuModel", "Test CPU");
    hw.put("logicalCores", 2);
    hw.put("memoryBytes", 1L << 34);
    ObjectNode caches = hw.putObject("caches");
    caches.put("L1d", "48K");
    caches.put("L1i", "32K");
    caches.put("L2", "1024K");
    caches.put("L3", "32768K");
    env.putObject("os").put("name", "Linux");
    env.putObject("jdk").put("version", "17");
    ObjectNode jmh = env.putObject("jmh");
    jmh.put("version", "1.37");
    ObjectNode benchmarks = jmh.putObject("benchmarks");
    for (BenchmarkKind kind : List.of(BenchmarkKind.STEP, BenchmarkKind.TARGET, BenchmarkKind.COLD, BenchmarkKind.FLOOR)) {
      ObjectNode b = benchmarks.putObject(kind.id());
      b.put("benchmark", kind.jmhMethod());
      b.put("mode", kind.mode());
      b.put("unit", kind.unit());
      b.put("forks", kind == BenchmarkKind.COLD ? 10 : kind == BenchmarkKind.TARGET ? 3 : 5);
      b.put("measurementIterations", kind == BenchmarkKind.COLD ? 1 : 4);
      if (kind != BenchmarkKind.COLD) {
        b.put("measurementTimeMs", 250);
      }
      if (kind == BenchmarkKind.TARGET) {
        b.put("targetFraction", 0.01);
        b.put("epochLimit", 1000);
      }
      ArrayNode ws = b.putArray("workloads");
      for (Workload w : Workload.values()) {
        if (kind == BenchmarkKind.STEP || kind == BenchmarkKind.FLOOR || (kind == BenchmarkKind.TARGET && w.n() < 2000)
            || (kind == BenchmarkKind.COLD && w == Workload.LARGE)) {
          ws.add(w.id());
        }
      }
    }
    ObjectNode threads = env.putObject("threads");
    threads.put("threads", 1);
    threads.putObject("environment").put("OMP_NUM_THREADS", "1");
    ObjectNode nativeEnv = env.putObject("nativeEnvironment");
    nativeEnv.put("OMP_NUM_THREADS", "1");
    nativeEnv.put("OPENBLAS_CORETYPE", "Haswell");
    nativeEnv.put("OPENBLAS_L2_SIZE", "512");
    env.putObject("native").put("device", "cpu");
    ArrayNode backends = env.putArray("backends");
    backend(backends, "plain", null);
    backend(backends, "plain-simd", null);
    backend(backends, "nd4j", "tuned");
    env.putObject("git").put("commit", "fedcba9876543210");
    ObjectNode settings = env.putObject("settings");
    settings.put("heap", "1g");
    settings.put("gcHeap", "4g");
    settings.putObject("properties").put("bench.basedir", "/somewhere");
    ObjectNode workloads = env.putObject("workloads");
    for (Workload w : Workload.values()) {
      ObjectNode wn = workloads.putObject(w.id());
      wn.put("n", w.n());
      wn.put("d", w.d());
      wn.put("lr", w.lr());
      wn.put("bias", w.bias());
      wn.put("rule", "mean");
      wn.put("data", w.dataSpec());
      wn.put("workingSetBytes", w.workingSetBytes());
    }
    ObjectNode statistic = env.putObject("statistic");
    statistic.put("unit", "fork");
    statistic.put("interval", "student-t over fork means");
    statistic.put("confidence", 0.99);
    ObjectNode canary = env.putObject("canary");
    ArrayNode ns = canary.putArray("nsPerPass");
    Arrays.stream(CANARY).forEach(ns::add);
    double[] sorted = CANARY.clone();
    Arrays.sort(sorted);
    canary.put("level", sorted[sorted.length / 2]);
    canary.put("drift", (CANARY[CANARY.length - 1] - CANARY[0]) / CANARY[0]);
    canary.put("spread", (sorted[sorted.length - 1] - sorted[0]) / sorted[0]);
    canary.put("bound", 0.10);
    canary.put("noisy", true);
    ObjectNode host = env.putObject("host");
    host.put("maxSteal", 0.01);
    host.put("maxLoad", 3.4);
    host.put("stealBound", 0.05);
    host.put("loadBound", 2.5);

    ArrayNode plan = env.putArray("plan");
    ArrayNode jmhJson = RunFolderFixture.JSON.createArrayNode();
    int ok = 0;
    for (Workload w : Workload.values()) {
      double perStep = 1e8 / (w.n() * (w.d() + 1.0));
      for (String cell : CELLS) {
        double rate = perStep * switch (cell) {
          case "plain-simd/manual" -> 20;
          case "nd4j/manual/tuned" -> 5;
          case BIMODAL_CELL -> 0.5;
          default -> 1;
        };
        Shape shape = cell.equals(BIMODAL_CELL) && w == Workload.LARGE ? Shape.BIMODAL
            : cell.equals(BIMODAL_CELL) && w == Workload.SMALL ? Shape.RISING : Shape.STEADY;
        boolean busy = cell.equals(BIMODAL_CELL) && w == Workload.WIDE;
        add(jmhJson, plan, random, BenchmarkKind.STEP, cell, w, "1g", rate, 5, 4, shape, busy);
        ok++;
        if (cell.equals(BIMODAL_CELL) && w == Workload.LARGE) {
          add(jmhJson, plan, random, BenchmarkKind.STEP, cell, w, "4g", rate * 1.8, 5, 4, Shape.STEADY, false);
          ok++;
        }
      }
      add(jmhJson, plan, random, BenchmarkKind.FLOOR, "floor", w, "1g", perStep * 40, 5, 4, Shape.STEADY, false);
      ok++;
      if (w.n() < 2000) { // time to target: microseconds per training run
        for (String cell : CELLS.subList(0, 2)) {
          int forks = cell.startsWith("plain-simd") && w == Workload.SMALL ? 2 : 3;
          add(jmhJson, plan, random, BenchmarkKind.TARGET, cell, w, "1g", w.n() * (cell.startsWith("plain-simd") ? 0.5 : 2.0), forks, 3,
              Shape.STEADY, false);
          ok++;
        }
      }
      if (w == Workload.LARGE) {
        for (String cell : CELLS) {
          add(jmhJson, plan, random, BenchmarkKind.COLD, cell, w, "1g", cell.startsWith("nd4j") ? 900 : 60, 10, 1, Shape.STEADY, false);
          ok++;
        }
      }
    }
    ObjectNode counts = env.putObject("counts");
    counts.put("planned", ok);
    counts.put("ok", ok);
    RunFolderFiles.writeEnvironment(dir, env);
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(RunFolderFiles.JMH).toFile(), jmhJson);
    RunFolderFiles.writeConvergence(dir, ConvergenceRunner.run(Backends.select("plain,plain-simd"), ConvergenceProblem.standard().subList(0, 2),
        ConvergenceRunner.Timing.QUICK, null));
    RunFolderFiles.writeTutorialReference(dir, TutorialReference.measure(true, List.of("/nonexistent/python3")));
    return dir;
  }

  private static void backend(ArrayNode backends, String name, String variant) {
    ObjectNode b = backends.addObject();
    b.put("name", name);
    b.put("description", name + " for the test");
    ObjectNode stages = b.putObject("stages");
    ObjectNode manual = stages.putObject("manual");
    manual.put("served", true);
    ArrayNode variants = manual.putArray("variants");
    if (variant != null) {
      variants.add(variant);
      stages.putObject("full-library").put("served", true);
    }
    b.putNull("deviceUnsupported");
  }

  enum Shape { STEADY, BIMODAL, RISING }

  /** One result in jmh.json and its entry in the plan, with the interval, marks and fork records the runner writes. */
  static void add(ArrayNode jmh, ArrayNode plan, SplittableRandom random, BenchmarkKind kind, String cell, Workload w, String heap,
      double score, int forks, int iterations, Shape shape, boolean busy) {
    ObjectNode r = jmh.addObject();
    r.put("benchmark", kind.jmhMethod());
    r.put("mode", kind.mode());
    r.put("forks", forks);
    ObjectNode params = r.putObject("params");
    if (kind != BenchmarkKind.FLOOR) {
      params.put("cell", cell);
    }
    params.put("device", "cpu");
    params.put("heap", heap);
    params.put("threads", "1");
    params.put("workload", w.id());
    ObjectNode pm = r.putObject("primaryMetric");
    ArrayNode raw = pm.putArray("rawData");
    double[] means = new double[forks];
    double sum = 0;
    for (int f = 0; f < forks; f++) {
      double level = score * (1 + 0.01 * random.nextGaussian());
      ArrayNode fork = raw.addArray();
      double forkSum = 0;
      for (int i = 0; i < iterations; i++) {
        double v = switch (shape) {
          case BIMODAL -> level * (i % 2 == 0 ? 1 : 0.4);
          case RISING -> level * (0.6 + 0.2 * i);
          case STEADY -> level * (1 + 0.002 * random.nextGaussian());
        };
        fork.add(v);
        forkSum += v;
      }
      means[f] = forkSum / iterations;
      sum += forkSum;
    }
    pm.put("score", sum / (forks * iterations));
    pm.put("scoreError", score * 0.3);
    pm.put("scoreUnit", kind.unit());
    ObjectNode secondary = r.putObject("secondaryMetrics");
    metric(secondary, "gc.alloc.rate.norm", cell.startsWith("nd4j") ? 2560 : 0, "B/op");
    metric(secondary, "rss", 300, "MiB");
    metric(secondary, "rss.offheap", cell.startsWith("nd4j") ? 120 : 60, "MiB");
    if (kind == BenchmarkKind.COLD) {
      metric(secondary, "openMs", score * 0.8, "ms");
      metric(secondary, "firstStepMs", score * 0.1, "ms");
    }
    if (kind == BenchmarkKind.TARGET) {
      metric(secondary, "runs", 10, "#");
      metric(secondary, "epochs", 4000, "#");
      metric(secondary, "reached", 10, "#");
    }

    ObjectNode p = plan.addObject();
    p.put("benchmark", kind.id());
    p.put("jmhBenchmark", kind.jmhMethod());
    p.put("cell", cell);
    p.put("workload", w.id());
    p.put("status", "ok");
    p.put("heap", heap);
    p.put("forks", forks);
    p.put("forksWanted", forks);
    boolean gcCycle = shape == Shape.BIMODAL;
    if (kind != BenchmarkKind.COLD) {
      p.put("iterationMs", gcCycle ? 1000 : 250);
    }
    if (gcCycle) {
      p.put("iterationReason", "0.4 GCs per 250 ms iteration in the first fork: lengthened to hold 2");
    }
    ForkInterval interval = ForkInterval.of(means);
    ObjectNode i = p.putObject("interval");
    i.put("mean", interval.mean());
    i.put("lower", interval.lower());
    i.put("upper", interval.upper());
    i.put("median", interval.median());
    i.put("min", interval.min());
    i.put("max", interval.max());
    i.put("cv", interval.cv());
    i.put("confidence", interval.confidence());
    ArrayNode marks = p.putArray("marks");
    if (shape == Shape.RISING) {
      marks.add("unsteady");
      p.put("cause", "JIT still compiling");
    }
    if (shape == Shape.BIMODAL) {
      marks.add("bimodal");
      p.put("cause", "GC cycle");
    }
    if (busy) {
      marks.add("noisy-host");
    }
    if (forks < 3) {
      marks.add("few-forks");
    }
    ArrayNode records = p.putArray("forkRecords");
    for (int f = 0; f < forks; f++) {
      ObjectNode rec = records.addObject();
      rec.put("fork", f + 1);
      rec.put("startedAt", String.format(Locale.ROOT, "2026-12-01T08:%02d:%02dZ", 1 + f * 9, (cell.length() * 7 + java.util.Arrays.asList(Workload.values()).indexOf(w)) % 60));
      rec.put("seconds", 1.0);
      rec.put("mean", means[f]);
      rec.put("steal", 0.0);
      rec.put("load", busy && f == 2 ? 3.4 : 1.2);
      rec.put("threadsUsingCpu", cell.startsWith("nd4j") && f == 0 ? 2 : 1);
      rec.put("threads", 20);
      rec.put("gcPerIteration", gcCycle ? 2.0 : 0.0);
      rec.put("prewarmMs", 900);
      rec.put("prewarmEnd", "steady");
      ObjectNode ts = rec.putObject("threadSettings");
      if (cell.startsWith("nd4j")) {
        ts.put("nd4j.maxThreads", "1");
        ts.put("openblas.threads", 1); // a number: the runner writes what the library returns
        rec.put("nativeKernel", "OpenBLAS Haswell");
      }
    }
  }

  private static void metric(ObjectNode secondary, String name, double score, String unit) {
    ObjectNode m = secondary.putObject(name);
    m.put("score", score);
    m.put("scoreError", "NaN");
    m.put("scoreUnit", unit);
    m.putArray("rawData").addArray().add(score);
  }
}
