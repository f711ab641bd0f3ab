package gdbench.runfolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunFolderFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static List<Path> committedRuns() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("results"), 3)) {
      return files.filter(p -> p.getFileName().toString().equals(RunFolderFiles.ENV)).map(Path::getParent).sorted().toList();
    }
  }

  private static Path newest() throws IOException {
    return committedRuns().stream().max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
  }

  /** The typed view reads every committed run and agrees with the raw JSON on what it holds. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("committedRuns")
  void readsEveryCommittedRun(Path dir) throws IOException {
    RunData run = RunFolderFiles.read(dir);
    JsonNode raw = JSON.readTree(dir.resolve(RunFolderFiles.ENV).toFile());
    RunEnvironment env = run.env();
    assertEquals(raw.path("machine").asText(), env.machine());
    assertEquals(dir.getParent().getFileName().toString(), run.machine());
    assertEquals(raw.path("counts").path("not-run").asInt(), env.counts().notRun());
    assertEquals(raw.path("native").path("device").asText(), env.device());
    assertEquals(raw.path("plan").size(), env.plan().size());
    assertEquals(raw.path("workloads").size(), env.workloadSizes().size());
    int served = 0;
    for (JsonNode b : raw.path("backends")) {
      for (JsonNode s : b.path("stages")) {
        served += s.path("served").asBoolean() ? Math.max(1, s.path("variants").size()) : 0;
      }
    }
    assertEquals(served, env.servedCells().size());
    for (BenchmarkKind kind : BenchmarkKind.values()) {
      RunEnvironment.JmhBenchmark b = env.benchmark(kind);
      if (kind == BenchmarkKind.FLOOR && b == null) {
        continue; // the floor benchmark came after the committed runs
      }
      assertNotNull(b, kind + " described");
      assertEquals(kind.jmhMethod(), b.benchmark());
      if (dir.equals(newest())) { // older runs timed time to target in single shots
        assertEquals(List.of(kind.mode(), kind.unit()), List.of(b.mode(), b.unit()), "what the runner recorded");
      }
    }
    assertEquals(run.results().size(), Stream.of(BenchmarkKind.values()).mapToInt(k -> run.resultsOf(k).size()).sum(), "every result has a kind");
    // what ran after JMH is in the folder: every step the run was given (older runs name none: all three)
    List<String> post = new java.util.ArrayList<>();
    raw.path("settings").path("post").forEach(n -> post.add(n.asText()));
    if (!raw.path("settings").has("post")) {
      post.addAll(List.of("converge", "reference", "report"));
    }
    assertEquals(post.contains("converge"), run.convergence() != null, "convergence.json as the post steps say: " + post);
    assertEquals(post.contains("reference"), run.reference() != null, "tutorial-reference.json as the post steps say: " + post);
  }

  /** What the runner writes today as nested maps, writeEnvironment writes byte for byte. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("committedRuns")
  void writesEnvironmentAsTheRunnerDoes(Path dir) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = JSON.readValue(dir.resolve(RunFolderFiles.ENV).toFile(), LinkedHashMap.class);
    Path out = Files.createDirectories(tmp.resolve("run"));
    RunFolderFiles.writeEnvironment(out, tree);
    assertArrayEquals(Files.readAllBytes(dir.resolve(RunFolderFiles.ENV)), Files.readAllBytes(out.resolve(RunFolderFiles.ENV)));
    assertEquals(List.of(RunFolderFiles.ENV), listing(out), "no temporary file left");
  }

  @Test
  void refusesToWriteAnEnvironmentItCouldNotRead() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("run"));
    assertThrows(IllegalArgumentException.class, () -> RunFolderFiles.writeEnvironment(out, Map.of("schema", "other/1")));
    assertThrows(GdbenchException.class, () -> RunFolderFiles.writeEnvironment(out, Map.of("schema", RunEnvironment.SCHEMA, "workloads", List.of(1))));
    assertEquals(List.of(), listing(out), "nothing written");
  }

  @Test
  void aReferenceThatWasNotRunHoldsOnlyWhy() throws IOException {
    RunFolderFiles.writeTutorialReference(tmp, TutorialReferenceData.notRun("no python"));
    assertEquals("{\n  \"schema\" : \"gdbench-tutorial-reference/2\",\n  \"status\" : \"not run\",\n  \"reason\" : \"no python\"\n}",
        Files.readString(tmp.resolve(RunFolderFiles.TUTORIAL_REFERENCE)));
    TutorialReferenceData back = RunFolderFiles.readTutorialReference(tmp);
    assertFalse(back.complete());
    assertTrue(back.rows().isEmpty());
  }

  /** Schema 2 as gdbench reference writes it: every field comes back, and what is absent stays out of the file. */
  @Test
  void aReferenceOfBothVariantsRoundTrips() throws IOException {
    TutorialReferenceData.Row row = new TutorialReferenceData.Row("torch", "manual", "tuned", "seed", 4, 1, 200, 10, null,
        new double[] {190, 210}, new double[][] {{189, 191}, {209, 211}}, new double[] {0, 0.5});
    TutorialReferenceData.PerOp perOp = new TutorialReferenceData.PerOp("seed", 4, "rule", 2,
        List.of(new TutorialReferenceData.PerOpRow("jvm", "djl", "add", 1500, new double[] {1400, 1600}, 2)));
    TutorialReferenceData data = new TutorialReferenceData(TutorialReferenceData.SCHEMA, TutorialReferenceData.COMPLETE, null, "3.11.2",
        "1.24.2", "1.13.0", 1, false, List.of(row), "/usr/bin/python3",
        new TutorialReferenceData.Statistic("mean of process means", 0.99, 2, 5, 0.2), "the JVM's data", Map.of("tuned", "expert"),
        Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of("OPENBLAS_CORETYPE", "Haswell"), JSON.readTree("{\"loadedLibraries\": [\"libblas.so.3\"]}"),
        List.of(new TutorialReferenceData.Pair("djl/manual/tuned", "torch/manual/tuned")), perOp, "2026-12-01T12:00:00Z",
        "2026-12-01T12:03:00Z");
    RunFolderFiles.writeTutorialReference(tmp, data);
    String text = Files.readString(tmp.resolve(RunFolderFiles.TUTORIAL_REFERENCE));
    assertFalse(text.contains("\"samples\""), "no schema-1 field in a schema-2 row");
    assertFalse(text.contains("\"reason\""));
    TutorialReferenceData back = RunFolderFiles.readTutorialReference(tmp);
    assertEquals(data.pairs(), back.pairs());
    assertEquals(data.statistic(), back.statistic());
    assertEquals(data.environment(), back.environment());
    assertEquals("libblas.so.3", back.kernels().path("loadedLibraries").get(0).asText());
    TutorialReferenceData.Row r = back.rows().get(0);
    assertEquals("torch/manual/tuned", r.id());
    assertTrue(r.repeated());
    assertArrayEquals(new double[] {190, 210}, r.processMeans());
    assertArrayEquals(new double[] {209, 211}, r.batches()[1]);
    assertArrayEquals(new double[] {0, 0.5}, r.minorFaultsPerStep());
    assertEquals(1500, back.perOp().rows().get(0).nsPerOp());
    assertEquals(2, back.perOp().rows().get(0).steady());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("committedRuns")
  void referenceRowsOfSchemaOneHaveNoVariantAndOneProcess(Path dir) {
    TutorialReferenceData ref = RunFolderFiles.readTutorialReference(dir);
    if (ref == null || !"gdbench-tutorial-reference/1".equals(ref.schema())) {
      return; // the later schema is checked by the round trip above
    }
    for (TutorialReferenceData.Row r : ref.rows()) {
      assertEquals(null, r.variant());
      assertFalse(r.repeated(), r.id());
      assertEquals(r.library() + "/" + r.stage(), r.id());
    }
    assertTrue(ref.pairs().isEmpty());
    assertEquals(null, ref.perOp());
  }

  /** Calls per workload, between JMH benchmarks, make one file. */
  @Test
  void partsOfOneRunCombine() {
    TutorialReferenceData.Row seed = new TutorialReferenceData.Row("numpy", "manual", "tuned", "seed", 4, 1, 1, 0, null,
        new double[] {1, 1}, null, null);
    TutorialReferenceData.Row wide = new TutorialReferenceData.Row("numpy", "manual", "tuned", "wide", 16384, 64, 1, 0, null,
        new double[] {1, 1}, null, null);
    TutorialReferenceData.Pair pair = new TutorialReferenceData.Pair("nd4j/manual/tuned", "numpy/manual/tuned");
    TutorialReferenceData a = new TutorialReferenceData(TutorialReferenceData.SCHEMA, TutorialReferenceData.COMPLETE, null, "3", "1", "1",
        1, false, List.of(seed), "py", null, null, null, null, null, null, List.of(pair), null, "t0", "t1");
    TutorialReferenceData.PerOp perOp = new TutorialReferenceData.PerOp("seed", 4, "rule", 2, List.of());
    TutorialReferenceData b = new TutorialReferenceData(TutorialReferenceData.SCHEMA, TutorialReferenceData.COMPLETE, null, "3", "1", "1",
        1, false, List.of(wide), "py", null, null, null, null, null, null, List.of(pair), perOp, "t2", "t3");
    TutorialReferenceData both = TutorialReferenceData.combine(List.of(a, TutorialReferenceData.notRun("later"), b));
    assertTrue(both.complete());
    assertEquals(List.of("seed", "wide"), both.rows().stream().map(TutorialReferenceData.Row::workload).toList());
    assertEquals("t0", both.startedAt());
    assertEquals("t3", both.finishedAt());
    assertEquals(List.of(pair), both.pairs());
    assertEquals(perOp, both.perOp());
    assertFalse(TutorialReferenceData.combine(List.of(TutorialReferenceData.notRun("none"))).complete());
  }

  @Test
  void writesAtomicallyOverTheOldFile() throws IOException {
    Path target = tmp.resolve("deep/REPORT.md");
    RunFolderFiles.writeAtomically(target, "one");
    RunFolderFiles.writeAtomically(target, "two");
    assertEquals("two", Files.readString(target));
    assertEquals(List.of("REPORT.md"), listing(target.getParent()));
  }

  @Test
  void optionalFilesMayBeAbsent() {
    assertEquals(null, RunFolderFiles.readConvergence(tmp));
    assertEquals(null, RunFolderFiles.readTutorialReference(tmp));
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * What a run with the fork as the unit adds to env.json is read into the typed view, and what a
   * fork reports of itself in any JSON shape (numbers, objects) does not stop the file being read.
   */
  @Test
  void readsTheFieldsOfARunWithTheForkAsTheUnit() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("forks"));
    String json = """
        {"schema": "%s", "status": "complete", "machine": "m", "run": "r",
         "statistic": {"unit": "fork", "interval": "student-t over fork means", "confidence": 0.99},
         "canary": {"nsPerPass": [700000.0, 705000.0], "level": 705000.0, "drift": 0.007, "spread": 0.007, "bound": 0.1, "noisy": false},
         "nativeEnvironment": {"OPENBLAS_CORETYPE": "Haswell", "OMP_NUM_THREADS": "1"},
         "host": {"maxSteal": null, "maxLoad": 2.1, "stealBound": 0.05, "loadBound": 2.5},
         "settings": {"heap": "1g", "gcHeap": "4g", "properties": {}},
         "workloads": {"huge": {"n": 16777216, "d": 1, "bias": true, "lr": 0.1, "rule": "mean", "data": "synthetic", "workingSetBytes": 134217728},
                       "old": {"n": 4, "d": 1, "bias": false}},
         "plan": [{"benchmark": "step", "cell": "nd4j/full-library", "workload": "huge", "status": "ok", "heap": "4g", "forks": 5,
                   "forksWanted": 5, "iterationMs": 1000, "iterationReason": "GC", "marks": ["bimodal"], "cause": "GC cycle",
                   "interval": {"mean": 10.0, "lower": 9.0, "upper": 11.0, "median": 10.0, "min": 8.5, "max": 11.5, "cv": 0.05, "confidence": 0.99},
                   "shape": {"trendP": 0.5}, "forkRecords": [{"fork": 1, "steal": 0.0, "load": 1.5, "threadsUsingCpu": 2, "prewarmMs": 900,
                   "prewarmEnd": "steady", "prewarmGcs": 3, "gcIntervalMs": null, "jvmUptimeAtSetupMs": 700,
                   "threadSettings": {"openblas.threads": 1, "nested": {"a": "b"}}, "nativeKernel": {"openblas": "Haswell"}}]},
                  {"benchmark": "step", "cell": "plain/manual", "workload": "old", "status": "ok"}]}
        """.formatted(RunEnvironment.SCHEMA);
    Files.writeString(out.resolve(RunFolderFiles.ENV), json);
    RunEnvironment env = RunFolderFiles.readEnvironmentLeniently(out);
    assertTrue(env.forksAsUnit());
    assertEquals(0.99, env.statistic().confidence());
    assertEquals(List.of(700000.0, 705000.0), env.canary().nsPerPass());
    assertFalse(env.canary().isNoisy());
    assertEquals("Haswell", env.nativeEnvironment().get("OPENBLAS_CORETYPE"));
    assertFalse(env.host().stealAbove());
    assertFalse(env.host().loadAbove());
    assertEquals("1g", env.settings().heap());
    assertEquals(134217728L, env.workloads().get("huge").workingSet());
    assertEquals(32L, env.workloads().get("old").workingSet(), "N × (D + 1) float32 where the run did not record it");
    RunEnvironment.PlanEntry p = env.planEntry(BenchmarkKind.STEP, "nd4j/full-library", "huge", "4g");
    assertEquals(List.of("bimodal"), p.marks());
    assertEquals("GC cycle", p.cause());
    assertEquals(1000, p.iterationMs());
    assertEquals(11.0, p.interval().upper());
    RunEnvironment.ForkRecord fork = p.forkRecords().get(0);
    assertEquals(2, fork.threadsUsingCpu());
    assertEquals("1", fork.threadSettings().get("openblas.threads").asText());
    assertEquals("Haswell", fork.nativeKernel().get("openblas").asText());
    assertEquals(null, env.planEntry(BenchmarkKind.STEP, "nd4j/full-library", "huge", "1g"));
    RunEnvironment.PlanEntry old = env.planEntry(BenchmarkKind.STEP, "plain/manual", "old", "1g");
    assertEquals(null, old.marks(), "an entry without marks: not analysed, not 'no marks'");
    assertTrue(old.forkRecords().isEmpty());
    assertFalse(RunFolderFiles.readEnvironment(Path.of("results/amd-epyc-2c/2026-11-27T19-51-47Z")).forksAsUnit(), "older runs");
  }
}
