package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine starts offline, from the jars, once per process, with pinned threads; every DJL cell
 * trains with offline mode on.
 */
class DjlOfflineTest {

  static Stream<String> djlCells() {
    return Backends.cells().stream().filter(c -> c.backend().equals("djl")).map(Cell::id);
  }

  @Test
  void servesFiveCellsTunedFirst() {
    assertEquals(java.util.List.of("djl/manual/tuned", "djl/manual/idiomatic", "djl/autograd", "djl/loss-optimizer", "djl/full-library"),
        djlCells().toList());
    assertEquals("djl/manual/tuned", Cell.parse("djl/manual").id());
  }

  @Test
  void testJvmRunsInDjlOfflineMode() {
    assertEquals("true", System.getProperty("ai.djl.offline"), "surefire's argLine must pass -Dai.djl.offline=true");
    assertTrue(Utils.isOfflineMode(), "DJL's own notion of offline mode (DJL_OFFLINE in the environment overrides the property)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("djlCells")
  void trainsWithOfflineModeOn(String cellId) {
    Problem p = Problems.synthetic(256, 3, 5);
    TrainConfig config = new TrainConfig(0.1f, 40, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    TrainingRun.Result result;
    try (Trainer t = Backends.open(Cell.parse(cellId), p, config)) {
      result = TrainingRun.run(t, config, 10);
    }
    assertTrue(Utils.isOfflineMode());
    assertEquals(TrainingRun.Status.FINISHED, result.status());
    float[] losses = result.losses();
    assertTrue(losses[losses.length - 1] < 0.05f * losses[0], cellId + ": the loss fell from " + losses[0] + " to " + losses[losses.length - 1]);
  }

  @Test
  void startsTheEngineOncePerProcessWithPinnedThreads() {
    TrainConfig config = TrainConfig.tutorial();
    Engine first;
    try (Trainer a = Backends.open(Cell.parse("djl/manual"), Problem.seed(), config)) {
      first = ((DjlTrainer) a).engine;
      a.step();
    }
    for (Cell cell : djlCells().map(Cell::parse).toList()) {
      // a different thread count does not restart it: the first trainer's settings stay
      try (Trainer t = Backends.open(cell, Problem.seed(), config.withThreads(2))) {
        assertSame(first, ((DjlTrainer) t).engine, cell.id());
        t.step();
      }
    }
    assertEquals(1, DjlEngine.starts(), "the engine starts once per process");
    assertSame(first, Engine.getEngine("PyTorch"));

    Map<String, String> threads = new DjlBackend().threadSettings(1);
    assertEquals("1", threads.get("ai.djl.pytorch.num_threads"), threads.toString());
    assertEquals("1", threads.get("ai.djl.pytorch.num_interop_threads"), threads.toString());
    assertEquals("1", threads.get("OMP_NUM_THREADS"), "surefire sets OMP_NUM_THREADS=1: " + threads);
    assertEquals("1", System.getProperty("ai.djl.pytorch.num_threads"));
  }

  @Test
  void nativeLibraryCameFromTheJarIntoTheCache() {
    Backends.open(Cell.parse("djl/manual"), Problem.seed(), TrainConfig.tutorial()).close();
    Path dir = Path.of(DjlEngine.cacheDir());
    assertTrue(Files.isRegularFile(dir.resolve(System.mapLibraryName("torch_cpu"))), "libtorch in " + dir);
    Map<String, String> versions = new DjlBackend().versions();
    assertEquals(Engine.getDjlVersion(), versions.get("djl"));
    assertTrue(versions.get("pytorch").startsWith("2."), versions.toString());
    assertTrue(versions.get("pytorch-native").contains("cpu"), versions.toString());
  }

  @Test
  void closedTrainerSaysSoAndClosesOnce() {
    Trainer t = Backends.open(Cell.parse("djl/autograd"), Problem.seed(), TrainConfig.tutorial());
    t.step();
    t.close();
    t.close();
    assertThrows(GdbenchException.class, t::step);
  }

  @Test
  void gpuIsRefusedWithAReason() {
    GdbenchException e = assertThrows(GdbenchException.class,
        () -> Backends.open(Cell.parse("djl/manual"), Problem.seed(), TrainConfig.tutorial().withDevice(Device.GPU)));
    assertTrue(e.getMessage().contains("the PyTorch native library on the class path is the cpu build, not CUDA (build with -Pgpu"), e.getMessage());
  }
}
