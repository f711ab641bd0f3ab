package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Workload;
import gdbench.runfolder.TutorialReferenceData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class TutorialReferenceTest {
  @TempDir Path dir;

  /** Steps of seed only, no per-op table: what the fake interpreters below answer. */
  private static TutorialReference.Options seedOnly(int processes) {
    return TutorialReference.Options.defaults(true).withWorkloads(List.of(Workload.SEED)).withProcesses(processes).withPerOp(false);
  }

  @Test
  void withoutPythonTheRowsSayWhyTheyWereNotRun() {
    TutorialReferenceData node = TutorialReference.measure(true, List.of("/nonexistent/python3"));
    assertEquals("not run", node.status());
    assertTrue(node.reason().startsWith(TutorialReferenceData.PYTHON_NOT_FOUND), node.toString());
  }

  /** A stand-in interpreter that has "numpy and torch" and prints what the script would, the same in every process. */
  private String fakePython(String output) throws IOException {
    Path script = dir.resolve("python");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = -c ] && exit 0\ncat <<'EOF'\n" + output + "\nEOF\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script.toString();
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void repeatsEachRowInFreshProcessesAndPairsItWithTheCells() throws IOException {
    String python = fakePython("""
        {"schema": "gdbench-tutorial-reference-process/2", "mode": "steps", "python": "3.11.2", "numpy": "1.24.2", "torch": "1.13.0",
         "threads": 1, "environment": {"OMP_NUM_THREADS": "1", "OPENBLAS_CORETYPE": "Haswell"},
         "kernels": {"loadedLibraries": ["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"]}, "quick": true, "sampleSeconds": 0.05,
         "samples": 2, "rows": [
          {"library": "torch", "stage": "manual", "variant": "tuned", "workload": "seed", "n": 4, "d": 1, "batches": [200000, 210000],
           "minorFaultsPerStep": 0.5},
          {"library": "numpy", "stage": "manual", "variant": "tutorial", "workload": "seed", "n": 4, "d": 1, "batches": [100000, 120000],
           "minorFaultsPerStep": 0}]}""");
    TutorialReferenceData data = TutorialReference.measure(seedOnly(3), List.of("/nonexistent/python3", python));
    assertTrue(data.complete());
    assertEquals(TutorialReferenceData.SCHEMA, data.schema());
    assertEquals(python, data.interpreter());
    assertEquals(2, data.rows().size());
    TutorialReferenceData.Row torch = data.rows().get(0); // the script's order
    assertEquals("torch/manual/tuned", torch.id());
    assertArrayEquals(new double[] {205000, 205000, 205000}, torch.processMeans(), 1e-9);
    assertEquals(205000, torch.stepsPerSecond(), 1e-9);
    assertEquals(0, torch.stdev(), 1e-9);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, torch.minorFaultsPerStep());
    assertEquals(3, data.statistic().processes());
    assertEquals(0.99, data.statistic().confidence());
    assertEquals("Haswell", data.environment().get("OPENBLAS_CORETYPE"));
    assertEquals("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", data.kernels().path("loadedLibraries").get(0).asText());
    assertTrue(data.pairs().contains(new TutorialReferenceData.Pair("djl/manual/tuned", "torch/manual/tuned")), data.pairs().toString());
    assertTrue(data.pairs().contains(new TutorialReferenceData.Pair("nd4j/manual/idiomatic", "numpy/manual/tutorial")));
    assertTrue(data.pairs().stream().noneMatch(p -> p.python().equals("numpy/manual/tuned")), "only rows measured are paired");
    assertNull(data.perOp());
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aScriptOfAnotherSchemaIsRefused() throws IOException {
    String python = fakePython("{\"schema\": \"gdbench-tutorial-reference/9\", \"status\": \"complete\"}");
    GdbenchException e = assertThrows(GdbenchException.class, () -> TutorialReference.measure(seedOnly(2), List.of(python)));
    assertEquals("the tutorial's reference script wrote schema 'gdbench-tutorial-reference/9', expected "
        + TutorialReference.PROCESS_SCHEMA, e.getMessage());
  }

  @Test
  void theDataIsTheJvmsOwnValuesAsLittleEndianFloats() throws IOException {
    TutorialReference.writeData(dir, Workload.SMALL);
    Problem p = Workload.SMALL.problem();
    ByteBuffer x = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("small.x.f32"))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("small.y.f32"))).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4L * p.n() * p.d(), x.capacity());
    assertEquals(4L * p.n(), y.capacity());
    for (int i = 0; i < p.n(); i++) {
      assertEquals(p.x()[i], x.getFloat(4 * i));
      assertEquals(p.y()[i], y.getFloat(4 * i));
    }
  }

  @Test
  void theRunsKernelVariablesAreKeptAndNothingElse() {
    Map<String, String> kept = TutorialReference.kernelEnvironment(Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512",
        "OMP_NUM_THREADS", "1", "MALLOC_ARENA_MAX", "2", "HOME", "/root", "PATH", "/bin"));
    assertEquals(List.of("MALLOC_ARENA_MAX", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"), List.copyOf(kept.keySet()));
  }

  @Test
  void atLeastOneThreadAndOneProcess() {
    assertThrows(GdbenchException.class, () -> TutorialReference.Options.defaults(true).withThreads(0));
    assertThrows(GdbenchException.class, () -> TutorialReference.Options.defaults(true).withProcesses(0));
  }

  private static boolean hasNumpyAndTorch(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import numpy, torch").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * The real script, where this machine has numpy and torch: every row of both variants on two
   * workloads, in two processes with very short batches (a check that it runs and agrees, not a timing).
   */
  @Test
  void theRealScriptTimesBothVariantsOnTheJvmsData() {
    String python = TutorialReference.candidates().stream().filter(TutorialReferenceTest::hasNumpyAndTorch).findFirst().orElse(null);
    assumeTrue(python != null, "no python3 with numpy and torch here");
    TutorialReference.Options options = TutorialReference.Options.defaults(true).withWorkloads(List.of(Workload.SEED, Workload.WIDE))
        .withProcesses(2).withPerOp(false).withThreads(1).withBatchSeconds(0.005);
    TutorialReferenceData data = TutorialReference.measure(options, List.of(python));
    assertTrue(data.complete(), String.valueOf(data.reason()));
    assertEquals(14, data.rows().size(), "7 rows on each of 2 workloads");
    for (TutorialReferenceData.Row r : data.rows()) {
      assertEquals(2, r.processMeans().length, r.id());
      assertTrue(r.stepsPerSecond() > 0, r.id());
      assertNotNull(r.variant(), r.id());
    }
    assertEquals(List.of("numpy/manual/tutorial", "numpy/manual/tuned", "torch/manual/tutorial", "torch/manual/tuned",
        "torch/autograd/tutorial", "torch/loss-optimizer/tutorial", "torch/full-library/tutorial"),
        data.rows().stream().filter(r -> r.workload().equals("seed")).map(TutorialReferenceData.Row::id).toList());
    assertEquals("1", data.environment().get("OMP_NUM_THREADS"));
    assertTrue(data.kernels().path("torch").path("config").asText().contains("PyTorch built with"), data.kernels().toString());
    assertTrue(data.kernels().has("loadedLibraries"));
    assertTrue(data.pairs().size() >= 10, data.pairs().toString());
  }
}
