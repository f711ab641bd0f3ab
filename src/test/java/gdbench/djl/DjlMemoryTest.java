package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Native memory stays flat and steps do not slow down over 20,000 steps of every DJL cell: the
 * failure mode of DJL code that lets a step's arrays outlive it (djl#2210, #2567, #1317).
 *
 * <p>Problem: N = 4096, D = 4, with a bias, so that one leaked full-length array per step is 16 KB,
 * 320 MB over the run, and a leaked scalar is still a tensor, a handle and a Java wrapper.
 *
 * <p>Bounds, per cell, between readings after 5,000 warm-up steps and after 20,000 more:
 * <ul>
 *   <li>No array is left behind: DJL's system manager holds exactly as many arrays after as
 *       before (exact: a leak of any array shows 20,000 more).
 *   <li>Resident memory ({@code VmRSS}, read after a GC and half a second's pause, so that the
 *       Java heap has given back what G1 uncommits concurrently and direct buffers of closed
 *       arrays are freed) grows by less than 64 MB: a fifth of one leaked 16 KB array per step
 *       (320 MB); healthy runs here grow by about 10 MB, the allocator's and the Java heap's
 *       retained pages settling. Read without the pause, the heap alone swings by 100 MB.
 *   <li>Bytes in use in the C allocator (glibc's {@code mallinfo2}: where libtorch allocates
 *       tensors and DJL its handles; the Java heap is not in it) grow by less than 32 MB, where
 *       available: healthy runs move by ±10 MB (the JVM's own JIT and GC bookkeeping), one
 *       leaked 16 KB array per step is 320 MB (a deliberately leaking step measured +357 MB).
 *   <li>Step time does not keep growing: the fastest of 10 blocks of 100 steps (CPU time of the
 *       stepping thread: PyTorch runs the operations on the calling thread with one intra-op
 *       thread) is read after the warm-up and after every 5,000 of the 20,000 steps. It fails if
 *       the last reading (taken twice, the lower kept) exceeds twice the first (plus 10 µs), or if
 *       the readings rise by more than 5% at every checkpoint and the last exceeds 1.5 times the first: the progressive slowdown reported of
 *       leaking DJL code (djl#2210). A single shift (the idiomatic cell, allocating fresh arrays
 *       every step, once measured 203 then 334 µs on a quiet machine) is not a trend. CPU time and
 *       the best of several blocks keep other processes on a shared machine out of it. A leak
 *       injected into the tuned step for this test (every array of the step kept) showed in all
 *       three memory checks but not in the step time at this N.
 * </ul>
 * Skipped where {@code /proc/self/status} is absent.
 */
class DjlMemoryTest {
  static final int STEPS = 20_000;
  static final int WARMUP = 5_000;
  static final long RSS_BOUND = 64L << 20;
  static final long MALLOC_BOUND = 32L << 20;
  static final double TIME_FACTOR = 2.0;
  static final double TREND_FACTOR = 1.5;
  static final int CHECKPOINTS = 4;
  static final double RISE_STEP = 1.05;
  static final double TIME_SLACK_US = 10;
  static final Path STATUS = Path.of("/proc/self/status");

  static Stream<String> djlCells() {
    return Backends.cells().stream().filter(c -> c.backend().equals("djl")).map(Cell::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("djlCells")
  void nativeMemoryAndStepTimeStayFlat(String cellId) throws IOException {
    assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status");
    Problem p = Problems.synthetic(4096, 4, 9);
    // lr 0.1 converges and then stays put: the work per step is the same throughout
    TrainConfig config = new TrainConfig(0.1f, STEPS, GradientRule.MEAN, true, Init.random(2), 1, Device.CPU);
    try (Trainer t = Backends.open(Cell.parse(cellId), p, config)) {
      steps(t, WARMUP);
      double bestBefore = bestBlockMicros(t);
      int arraysBefore = arrays(t);
      gc();
      long rssBefore = vmRss();
      long mallocBefore = Malloc.inUse();

      double[] times = new double[CHECKPOINTS];
      for (int c = 0; c < CHECKPOINTS; c++) {
        steps(t, STEPS / CHECKPOINTS);
        times[c] = bestBlockMicros(t);
      }
      // A slowdown that is real stays when read again; a one-off spike (once 69.4, 69.8, 70.0 then
      // 125.8 µs) does not. Rising means by more than RISE_STEP at every checkpoint, not by noise.
      times[CHECKPOINTS - 1] = Math.min(times[CHECKPOINTS - 1], bestBlockMicros(t));
      double bestAfter = times[CHECKPOINTS - 1];
      boolean rising = true;
      for (int c = 1; c < CHECKPOINTS; c++) {
        rising &= times[c] > times[c - 1] * RISE_STEP;
      }
      int arraysAfter = arrays(t);
      gc();
      long rssAfter = vmRss();
      long mallocAfter = Malloc.inUse();
      long rssGrowth = rssAfter - rssBefore;
      long mallocGrowth = mallocAfter - mallocBefore;
      System.out.printf(java.util.Locale.ROOT, "%s over %d steps: VmRSS %+.1f MB (%.1f -> %.1f), malloc in use %+.1f MB, best step %.1f -> %.1f us CPU, arrays %d -> %d%n",
          cellId, STEPS, rssGrowth / 1048576.0, rssBefore / 1048576.0, rssAfter / 1048576.0,
          mallocBefore < 0 ? Double.NaN : mallocGrowth / 1048576.0, bestBefore, bestAfter, arraysBefore, arraysAfter);
      assertEquals(arraysBefore, arraysAfter, cellId + ": arrays left behind in DJL's managers");
      assertTrue(rssGrowth < RSS_BOUND, cellId + ": resident memory grew by " + rssGrowth / 1048576 + " MB");
      if (mallocBefore >= 0) {
        assertTrue(mallocGrowth < MALLOC_BOUND, cellId + ": native allocations grew by " + mallocGrowth / 1048576 + " MB");
      }
      String trend = cellId + ": best step " + bestBefore + " µs after the warm-up, then " + java.util.Arrays.toString(times)
          + " µs every " + STEPS / CHECKPOINTS + " steps";
      assertTrue(bestAfter <= TIME_FACTOR * bestBefore + TIME_SLACK_US, trend);
      assertTrue(!rising || bestAfter <= TREND_FACTOR * bestBefore + TIME_SLACK_US, trend + ": rising at every checkpoint");
      assertTrue(Float.isFinite(t.step()));
    }
  }

  static void steps(Trainer t, int count) {
    for (int i = 0; i < count; i++) {
      t.step();
    }
  }

  /** The fastest of 10 blocks of 100 steps, µs per step, in the thread's CPU time where the JVM measures it. */
  static double bestBlockMicros(Trainer t) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    double best = Double.MAX_VALUE;
    for (int block = 0; block < 10; block++) {
      long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
      steps(t, 100);
      long end = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
      best = Math.min(best, (end - start) / 1e3 / 100);
    }
    return best;
  }

  /** Every array of the process: DJL's system manager is the root of every trainer's, model's and step's manager. */
  static int arrays(Trainer t) {
    return ((DjlTrainer) t).manager.getParentManager().getManagedArrays().size();
  }

  /**
   * Collects garbage, so that the direct buffers DJL gave closed arrays are freed, and waits for
   * G1 to uncommit what it shrank (concurrently, on JDK 17) before resident memory is read.
   */
  static void gc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long vmRss() throws IOException {
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in " + STATUS);
  }

  /** glibc's count of bytes in use by malloc, through JNA (a DJL dependency); -1 where absent. */
  static final class Malloc {
    interface C extends Library {
      MallInfo2.ByValue mallinfo2();
    }

    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure {
      public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;

      public static class ByValue extends MallInfo2 implements Structure.ByValue {}
    }

    private static final C LIBC = load();

    private static C load() {
      try {
        C c = Native.load("c", C.class);
        c.mallinfo2();
        return c;
      } catch (Throwable e) { // not glibc 2.33+, or no JNA
        return null;
      }
    }

    /** Bytes allocated and not freed, in the arenas (uordblks) and in mmapped chunks (hblkhd). */
    static long inUse() {
      if (LIBC == null) {
        return -1;
      }
      MallInfo2 m = LIBC.mallinfo2();
      return m.uordblks + m.hblkhd;
    }
  }
}
