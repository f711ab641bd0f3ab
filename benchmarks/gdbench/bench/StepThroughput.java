package gdbench.bench;

import gdbench.core.Workload;
import gdbench.core.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput: one full-batch gradient-descent step per call, in steps per second
 * (samples per second = steps/s × N, added by {@link SamplesProfiler}).
 *
 * <p>The trainer (engine load, data conversion) is built in the trial setup, outside the
 * measurement, and stepped there until the JIT has settled ({@link Fixture#prewarm}); every
 * iteration starts from the initial weights, so every iteration measures the
 * same work; after every iteration one more step checks that the loss and the parameters stayed
 * finite and normal. The runner ({@link BenchMain}) passes every served cell as {@link #cell}, so
 * each (cell, workload) runs in a JVM of its own. The annotations are defaults for running JMH by
 * hand; the runner sets forks, iterations and JVM options itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
public class StepThroughput {

  /** A cell id from the registry: backend/stage or backend/stage/variant. */
  @Param("plain/manual")
  public String cell;

  /** A {@link Workload} id. */
  @Param("seed")
  public String workload;

  /** Native threads a backend may use; OMP_NUM_THREADS must match (the runner sees to it). */
  @Param("1")
  public int threads;

  /** cpu or gpu. */
  @Param("cpu")
  public String device;

  private Trainer trainer;

  /** Keeps the prewarm's results alive. */
  public double prewarmSink;

  @Setup(Level.Trial)
  public void open() {
    trainer = Fixture.open(cell, Workload.parse(workload), threads, device, 1);
    // the JIT settles here, so that JMH's warmup iterations only have to confirm it
    prewarmSink = Fixture.prewarm(trainer::step, Fixture.prewarmWindowNanos());
  }

  @Setup(Level.Iteration)
  public void reset() {
    trainer.reset();
  }

  /** One step; the loss (before the update) goes back to JMH's blackhole. */
  @Benchmark
  public float step() {
    return trainer.step();
  }

  /** One more step, outside the measurement: its loss is that of the iteration's final parameters. */
  @TearDown(Level.Iteration)
  public void check() {
    Fixture.checkHealthy(cell + " on " + workload, trainer, trainer.step());
  }

  @TearDown(Level.Trial)
  public void close() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }
}
