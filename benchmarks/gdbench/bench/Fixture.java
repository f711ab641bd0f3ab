package gdbench.bench;

import gdbench.core.Workload;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Trainer;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/** What every benchmark does in its setup and teardown, in the forked JVM. */
final class Fixture {
  private Fixture() {}

  /**
   * Fails the trial unless the forked JVM's {@code OMP_NUM_THREADS} is {@code threads}: OpenMP
   * reads it once, when a native library loads, and a JMH fork inherits its environment from the
   * runner, so only whoever starts the runner can set it (mvn -Pbench and scripts/bench do).
   */
  static void checkThreadEnvironment(int threads) {
    String omp = System.getenv("OMP_NUM_THREADS");
    if (!String.valueOf(threads).equals(omp)) {
      throw new IllegalStateException("OMP_NUM_THREADS is " + (omp == null ? "unset" : "'" + omp + "'")
          + " in the benchmark JVM but the benchmark runs with threads = " + threads
          + ": start the run with scripts/bench or mvn verify -Pbench, which set it from -Dbench.threads");
    }
  }

  /** Builds the trainer of a cell on a workload: engine load and data conversion happen here. */
  static Trainer open(String cellId, Workload workload, int threads, String device, int epochs) {
    checkThreadEnvironment(threads);
    Cell cell = Cell.parse(cellId);
    return Backends.open(cell, workload.problem(), workload.config(threads, Device.parse(device), epochs));
  }

  /**
   * Throws unless the loss is finite and not denormal and the parameters are finite: NaN,
   * infinities and denormals change what a step costs, so such a result would measure the wrong work.
   */
  static void checkHealthy(String what, Trainer trainer, float loss) {
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException(what + ": the loss became " + loss + " (training diverged): the result would not measure a normal step");
    }
    if (isDenormal(loss)) {
      throw new IllegalStateException(what + ": the loss " + loss + " is a denormal float: steps on denormals run slower, the result would not measure a normal step");
    }
    float[] w = trainer.weights();
    for (int j = 0; j < w.length; j++) {
      if (!Float.isFinite(w[j]) || isDenormal(w[j])) {
        throw new IllegalStateException(what + ": weight " + j + " became " + w[j] + ": the result would not measure a normal step");
      }
    }
    float b = trainer.bias();
    if (!Float.isFinite(b) || isDenormal(b)) {
      throw new IllegalStateException(what + ": the bias became " + b + ": the result would not measure a normal step");
    }
  }

  /** The least time a prewarm spends ({@link ForkRecorder#prewarm}), from {@code -Dbench.prewarm.ms} (the runner passes it). */
  static long prewarmWindowNanos() {
    return TimeUnit.MILLISECONDS.toNanos(Long.getLong("bench.prewarm.ms", 500));
  }

  static boolean isDenormal(float v) {
    return v != 0 && Math.abs(v) < Float.MIN_NORMAL;
  }
}
