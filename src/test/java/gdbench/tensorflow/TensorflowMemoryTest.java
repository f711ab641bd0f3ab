package gdbench.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resident memory stays flat over 20,000 steps of every TensorFlow cell: each step's fetched
 * tensors are closed with its {@code Result}, and the graph does not grow. N = 4096, D = 4, with a
 * bias; one leaked full-length tensor a step would be 320 MB over the run. Bound: VmRSS, read after
 * 5,000 warm-up steps and after 20,000 more (each after a GC and half a second's pause), grows by
 * less than 64 MB. Skipped where {@code /proc/self/status} is absent.
 */
class TensorflowMemoryTest {
  static final int STEPS = 20_000;
  static final int WARMUP = 5_000;
  static final long RSS_BOUND = 64L << 20;
  static final Path STATUS = Path.of("/proc/self/status");

  static Stream<String> cells() {
    return Backends.cellsHere().stream().filter(c -> c.backend().equals(TensorflowBackend.NAME)).map(Cell::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void residentMemoryStaysFlat(String cellId) throws IOException, InterruptedException {
    assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status");
    Problem p = Problems.synthetic(4096, 4, 9);
    TrainConfig config = new TrainConfig(0.1f, STEPS, GradientRule.MEAN, true, Init.random(2), 1, Device.CPU);
    try (Trainer t = Backends.open(Cell.parse(cellId), p, config)) {
      steps(t, WARMUP);
      long before = vmRss();
      steps(t, STEPS);
      long after = vmRss();
      System.out.printf(java.util.Locale.ROOT, "%s over %d steps: VmRSS %+.1f MB (%.1f -> %.1f)%n",
          cellId, STEPS, (after - before) / 1048576.0, before / 1048576.0, after / 1048576.0);
      assertTrue(after - before < RSS_BOUND, cellId + ": resident memory grew by " + (after - before) / 1048576 + " MB");
    }
  }

  private static void steps(Trainer t, int count) {
    float sink = 0;
    for (int i = 0; i < count; i++) {
      sink += t.step();
    }
    assertTrue(Float.isFinite(sink));
  }

  private static long vmRss() throws IOException, InterruptedException {
    System.gc();
    Thread.sleep(500);
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in " + STATUS);
  }
}
