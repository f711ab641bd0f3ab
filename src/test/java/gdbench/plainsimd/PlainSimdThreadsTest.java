package gdbench.plainsimd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Trainer;
import gdbench.core.Workload;
import org.junit.jupiter.api.Test;

/** Split over threads, plain-simd sums the same blocks and trains the same model as on one thread. */
class PlainSimdThreadsTest {

  private static float[] train(Workload w, int threads, int steps, int expectedParts) {
    try (Trainer t = Backends.open(Cell.parse("plain-simd/manual"), w.problem(), w.config(threads, Device.CPU, steps))) {
      assertEquals(expectedParts, ((PlainSimdManualTrainer) t).parts(), "ranges of rows at " + threads + " threads on " + w);
      float[] out = new float[w.d() + 2];
      for (int i = 0; i < steps; i++) {
        out[0] = t.step();
      }
      System.arraycopy(t.weights(), 0, out, 1, w.d());
      out[w.d() + 1] = t.bias();
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void threadsSplitTheBlocksAndAgreeWithOneThread() {
    for (Workload w : new Workload[] {Workload.sized(200_000, 1), Workload.sized(20_000, 16)}) {
      float[] one = train(w, 1, 25, 1);
      for (int threads : new int[] {2, 3}) {
        float[] many = train(w, threads, 25, threads);
        for (int i = 0; i < one.length; i++) {
          assertEquals(one[i], many[i], 1e-6 * Math.max(1, Math.abs(one[i])), w + ", " + threads + " threads, value " + i);
        }
      }
    }
  }

  @Test
  void smallProblemsStayOnOneThread() {
    train(Workload.SEED, 2, 3, 1);
    train(Workload.SMALL, 4, 3, 1);
  }
}
