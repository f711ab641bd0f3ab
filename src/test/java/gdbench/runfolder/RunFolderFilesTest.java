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
      assertNotNull(b, kind + " described");
      assertEquals(kind.jmhMethod(), b.benchmark());
      if (dir.equals(newest())) { // older runs timed time to target in single shots
        assertEquals(List.of(kind.mode(), kind.unit()), List.of(b.mode(), b.unit()), "what the runner recorded");
      }
    }
    assertEquals(run.results().size(), Stream.of(BenchmarkKind.values()).mapToInt(k -> run.resultsOf(k).size()).sum(), "every result has a kind");
    assertNotNull(run.convergence());
    assertNotNull(run.reference());
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
    assertEquals("{\n  \"schema\" : \"gdbench-tutorial-reference/1\",\n  \"status\" : \"not run\",\n  \"reason\" : \"no python\"\n}",
        Files.readString(tmp.resolve(RunFolderFiles.TUTORIAL_REFERENCE)));
    TutorialReferenceData back = RunFolderFiles.readTutorialReference(tmp);
    assertFalse(back.complete());
    assertTrue(back.rows().isEmpty());
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
}
