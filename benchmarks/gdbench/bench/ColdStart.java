package gdbench.bench;

import gdbench.core.Workload;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Cold start: the first trainer in a fresh JVM, from nothing to the first step's loss. The
 * measured call builds the trainer (loads the engine and its native library, converts the data)
 * and runs one step; the data itself is generated in the setup, and the trainer is closed after
 * the measurement. One shot per fork, no warmup: every fork is a new JVM, so the result is the
 * distribution over forks.
 *
 * <p>Secondary results (JMH {@code @AuxCounters} events, summed over the forks; per-fork values in
 * rawData): {@code openMs}, building the trainer, and {@code firstStepMs}, its first step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
public class ColdStart {

  @Param("plain/manual")
  public String cell;

  @Param("large")
  public String workload;

  @Param("1")
  public int threads;

  @Param("cpu")
  public String device;

  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Phases {
    /** Milliseconds to build the trainer: engine load and data conversion. */
    public double openMs;
    /** Milliseconds of the first step. */
    public double firstStepMs;
  }

  private Cell parsedCell;
  private Problem problem;
  private TrainConfig config;
  private Trainer trainer;

  @Setup(Level.Trial)
  public void prepare() {
    Fixture.checkThreadEnvironment(threads);
    Workload w = Workload.parse(workload);
    parsedCell = Cell.parse(cell); // the registry only: backends touch their library in create()
    problem = w.problem();
    config = w.config(threads, Device.parse(device), 1);
  }

  @Benchmark
  public float openAndStep(Phases phases) {
    long t0 = System.nanoTime();
    trainer = Backends.open(parsedCell, problem, config);
    long t1 = System.nanoTime();
    float loss = trainer.step();
    long t2 = System.nanoTime();
    phases.openMs = (t1 - t0) / 1e6;
    phases.firstStepMs = (t2 - t1) / 1e6;
    return loss;
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (trainer != null) {
      try {
        Fixture.checkHealthy(cell + " on " + workload + " (cold start)", trainer, trainer.step());
      } finally {
        trainer.close();
        trainer = null;
      }
    }
  }
}
