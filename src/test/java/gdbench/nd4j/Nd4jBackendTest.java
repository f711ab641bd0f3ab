package gdbench.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.Variant;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the ND4J backend says about itself, and the parts of its contract the shared tests do not cover. */
class Nd4jBackendTest {
  private final Nd4jBackend backend = new Nd4jBackend();

  @Test
  void servesEveryStageWithTunedFirst() {
    assertEquals(StageSupport.served(Variant.TUNED, Variant.IDIOMATIC), backend.support(Stage.MANUAL));
    assertEquals(Cell.parse("nd4j/manual/tuned"), Backends.resolve("nd4j", "manual", null));
    for (Stage s : List.of(Stage.AUTOGRAD, Stage.LOSS_OPTIMIZER, Stage.FULL_LIBRARY)) {
      assertEquals(StageSupport.served(), backend.support(s), s.id());
    }
  }

  @Test
  void versionsComeFromTheJarsMetadata() {
    Map<String, String> v = backend.versions();
    for (String artifact : List.of("nd4j-native", "deeplearning4j-nn", "openblas (bytedeco)", "javacpp")) {
      assertTrue(v.containsKey(artifact), artifact + " in " + v);
      assertTrue(Character.isDigit(v.get(artifact).charAt(0)), artifact + " has a version: " + v);
    }
    assertEquals(v.get("nd4j-native"), v.get("deeplearning4j-nn"), "ND4J and DL4J are released together");
    assertFalse(v.get("native platform").isEmpty());
    assertTrue(backend.description().contains(v.get("nd4j-native")), backend.description());
  }

  /**
   * What is applied is what is reported. libnd4j's per-op pool is sized once from OMP_NUM_THREADS
   * (1 under surefire), so a request for 2 threads reaches OpenBLAS and the master pool's limit
   * but not the per-op pool, and the report says so.
   */
  @Test
  void threadsArePinnedAndTheReportReadsTheLibraryBack() {
    Problem p = Problem.seed();
    try (Trainer t = Backends.open(Cell.parse("nd4j/manual/tuned"), p, TrainConfig.tutorial().withThreads(2))) {
      Map<String, String> s = backend.threadSettings(2);
      assertEquals(String.valueOf(Nd4j.getEnvironment().maxThreads()), s.get("nd4j.maxThreads"), s.toString());
      assertEquals(String.valueOf(Nd4j.getEnvironment().maxMasterThreads()), s.get("nd4j.maxMasterThreads"), s.toString());
      assertEquals("2", s.get("openblas.threads"), s.toString());
      assertEquals("2", s.get("requested"), s.toString());
      assertEquals(Nd4j.getEnvironment().maxThreads() != 2, s.containsKey("note"), s.toString());
    } finally {
      Backends.open(Cell.parse("nd4j/manual/tuned"), p, TrainConfig.tutorial()).close(); // back to one thread
    }
    Map<String, String> s = backend.threadSettings(1);
    assertEquals("1", s.get("openblas.threads"), s.toString());
    assertEquals("1", s.get("nd4j.maxMasterThreads"), s.toString());
    if ("1".equals(System.getenv("OMP_NUM_THREADS"))) {
      assertEquals("1", s.get("nd4j.maxThreads"), s.toString());
      assertFalse(s.containsKey("note"), s.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nd4j/manual/tuned", "nd4j/manual/idiomatic", "nd4j/autograd", "nd4j/loss-optimizer", "nd4j/full-library"})
  void gradientsWhereTheLibraryHandsThemOutAndCloseIsIdempotent(String cellId) {
    Problem p = Problems.synthetic(50, 3, 5);
    TrainConfig config = TrainConfig.tutorial().withBias(true);
    Trainer t = Backends.open(Cell.parse(cellId), p, config);
    t.step();
    boolean libraryKeepsIt = cellId.endsWith("loss-optimizer") || cellId.endsWith("full-library");
    if (libraryKeepsIt) {
      assertNull(t.gradient(), cellId);
      assertTrue(Float.isNaN(t.biasGradient()), cellId);
    } else {
      assertNotNull(t.gradient(), cellId);
      assertEquals(3, t.gradient().length, cellId);
      assertTrue(Float.isFinite(t.biasGradient()), cellId);
      // The first step from zero: the gradient is (2/N)·Xᵀ(0 − y); the bias gradient −(2/N)·Σy.
      double sumY = 0;
      for (float v : p.y()) {
        sumY += v;
      }
      assertEquals(-2 * sumY / p.n(), t.biasGradient(), 1e-4 * Math.abs(sumY), cellId);
    }
    t.close();
    t.close();
  }

  @Test
  void theWeightsOfAModelWithoutBiasAreReadBackAndItsBiasIsZero() {
    Problem p = Problems.synthetic(40, 2, 9);
    for (String cellId : List.of("nd4j/manual/tuned", "nd4j/manual/idiomatic", "nd4j/autograd", "nd4j/loss-optimizer", "nd4j/full-library")) {
      try (Trainer t = Backends.open(Cell.parse(cellId), p, TrainConfig.tutorial().withBias(false))) {
        assertArrayEquals(new float[2], t.weights(), cellId);
        t.step();
        assertEquals(0f, t.bias(), cellId);
        assertEquals(2, t.weights().length, cellId);
      }
    }
  }

  /** In a fresh JVM, so that ND4J's start-up is part of it. */
  @Test
  void normalUsePrintsNothingButTheTrace() {
    ChildJvm child = ChildJvm.run(List.of("-Xmx512m"), Nd4jQuietProbe.class.getName(), List.of(), 300);
    assertEquals(0, child.status(), child.err());
    assertEquals("", child.errWithoutJvmNotes(), "stderr");
    int runs = 0;
    for (String line : child.out().split("\n")) {
      if (line.startsWith("STATUS ")) {
        assertEquals("STATUS 0", line);
        runs++;
        continue;
      }
      assertTrue(line.startsWith("Prediction ") || line.startsWith("epoch "), "unexpected output: " + line);
    }
    assertEquals(5, runs, child.out());
  }
}
