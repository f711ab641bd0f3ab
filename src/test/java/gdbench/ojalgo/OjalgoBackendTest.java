package gdbench.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.TraceAssert;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.Stage;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ojalgo.OjAlgoUtils;

class OjalgoBackendTest {
  private final OjalgoBackend backend = new OjalgoBackend();

  @AfterEach
  void restoreOneThread() {
    OjalgoBackend.pinThreads(1);
  }

  @Test
  void servesManualTwoWaysAndTheNeuralNetworkAndSaysWhyNotTheRest() {
    assertEquals("ojalgo/manual/tuned", Cell.parse("ojalgo/manual").id());
    assertEquals("ojalgo/manual/idiomatic", Cell.parse("ojalgo/manual/idiomatic").id());
    assertEquals("ojalgo/full-library", Cell.parse("ojalgo/full-library").id());
    assertFalse(backend.support(Stage.AUTOGRAD).isServed());
    assertTrue(backend.support(Stage.AUTOGRAD).reason().contains("no automatic differentiation"));
    assertFalse(backend.support(Stage.LOSS_OPTIMIZER).isServed());
  }

  @Test
  void theVersionComesFromTheJarsManifest() {
    String version = backend.versions().get("ojalgo");
    assertTrue(version.matches("\\d+\\.\\d+(\\.\\d+)?"), version);
    assertEquals(OjAlgoUtils.getVersion(), version);
  }

  @Test
  void threadsArePinnedReadBackAndCanBeRaisedAgain() {
    Problem p = Problems.synthetic(2000, 3, 5);
    TrainConfig one = TrainConfig.tutorial().withBias(true);
    float single;
    try (Trainer t = Backends.open(Cell.parse("ojalgo/manual/tuned"), p, one)) {
      assertEquals(1, OjAlgoUtils.ENVIRONMENT.threads);
      assertEquals("1", backend.threadSettings(1).get("OjAlgoUtils.ENVIRONMENT.threads"));
      single = t.step();
    }
    try (Trainer t = Backends.open(Cell.parse("ojalgo/manual/tuned"), p, one.withThreads(2))) {
      int expected = Math.min(2, Integer.parseInt(backend.threadSettings(2).get("detected.threads")));
      assertEquals(expected, OjAlgoUtils.ENVIRONMENT.threads);
      Map<String, String> settings = backend.threadSettings(2);
      assertEquals(String.valueOf(expected), settings.get("OjAlgoUtils.ENVIRONMENT.threads"));
      assertEquals(single, t.step(), 1e-6f * single);
    }
  }

  /**
   * The tuned variant's claim: nothing allocated per step once the JIT has compiled it (before,
   * the interpreter and C1 box what C2's escape analysis removes). One object per step is at least
   * 16 bytes, so an average under one byte a step means none.
   */
  @Test
  void tunedAllocatesNothingPerStep() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    TrainConfig config = new TrainConfig(0.05f, 10, GradientRule.MEAN, true, Init.random(1), 1, Device.CPU);
    try (Trainer t = Backends.open(Cell.parse("ojalgo/manual/tuned"), Problems.synthetic(64, 3, 4), config)) {
      for (int i = 0; i < 300_000; i++) {
        t.step();
      }
      int steps = 50_000;
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < steps; i++) {
        t.step();
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      assertTrue(allocated < steps, "ojalgo/manual/tuned allocated " + allocated + " bytes in " + steps + " steps");
    }
  }

  /** ojAlgo's layer always has a bias: without one, the trainer holds it at zero and follows plain. */
  @Test
  void fullLibraryWithoutBiasKeepsItAtZeroAndFollowsPlain() {
    Problem p = Problems.synthetic(300, 5, 7);
    TrainConfig config = new TrainConfig(0.05f, 60, GradientRule.MEAN, false, Init.random(3), 1, Device.CPU);
    TrainingRun.Result expected;
    try (Trainer t = Backends.open(Cell.parse("plain/manual"), p, config)) {
      expected = TrainingRun.run(t, config, 1);
    }
    try (Trainer t = Backends.open(Cell.parse("ojalgo/full-library"), p, config)) {
      TrainingRun.Result actual = TrainingRun.run(t, config, 1);
      TraceAssert.assertSameTrajectory("ojalgo/full-library without bias", actual.records(), expected.records(), 1e-4);
      assertEquals(0f, t.bias(), "the network's own bias, read back");
      assertNull(t.gradient(), "the gradient stays inside ojAlgo's trainer");
    }
  }
}
