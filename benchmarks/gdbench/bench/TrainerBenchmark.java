package gdbench.bench;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Workload;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the four benchmarks share, as in JMH's JMHSample_24_Inheritance: the parameters the runner
 * passes (every served cell, so each cell and workload runs in a JVM of its own), the state, and the
 * trainer's life. The annotations are defaults for running JMH by hand: the runner ({@link JmhLauncher})
 * sets forks, iterations and the forks' JVM options itself.
 */
@State(Scope.Benchmark)
@Fork(1)
public abstract class TrainerBenchmark {
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

  /** The forks' heap, as the runner sets it (recorded, so that results at two heaps stay apart). */
  @Param("1g")
  public String heap;

  /** Keeps the prewarm's results alive. */
  public double prewarmSink;

  protected Trainer trainer;
  private Cell parsedCell;
  private Problem problem;
  private TrainConfig config;

  /** Builds the trainer that the measured method steps: engine load and data conversion happen here. */
  protected void openTrainer(int epochs) {
    trainer = Fixture.open(cell, Workload.parse(workload), threads, device, epochs);
  }

  /** What this fork reports about itself ({@link ForkRecorder}). */
  private final ForkRecorder recorder = ForkRecorder.start();

  /** Repeats {@code work} until the fork is steady ({@link ForkRecorder#prewarm}), so JMH's warmup only has to confirm it. */
  protected void prewarm(DoubleSupplier work) {
    prewarmSink = recorder.prewarm(work);
  }

  /**
   * For benchmarks that build trainers inside the measurement: the data and configuration, made
   * here so that only building the trainer is measured. The registry only: backends touch their
   * library in create().
   */
  protected void prepareTrainers() {
    Fixture.checkThreadEnvironment(threads);
    Workload w = Workload.parse(workload);
    parsedCell = Cell.parse(cell);
    problem = w.problem();
    config = w.config(threads, Device.parse(device), 1);
    recorder.measurementStarts();
  }

  /** A new trainer of the prepared cell and data ({@link #prepareTrainers}). */
  protected Trainer newTrainer() {
    return Backends.open(parsedCell, problem, config);
  }

  /** One more step, outside the measurement: the result must come from finite, normal numbers. */
  protected void checkHealthy(String what) {
    Fixture.checkHealthy(cell + " on " + workload + what, trainer, trainer.step());
  }

  /** After a shot that built a trainer: checks and closes it. */
  protected void checkAndClose(String what) {
    if (trainer != null) {
      try {
        checkHealthy(what);
      } finally {
        closeTrainer();
      }
    }
  }

  /** The fork's record, once the engine has run: thread settings read back, the host over the measurement. */
  @TearDown(Level.Trial)
  public void recordFork() {
    recorder.finish(Cell.parse(cell).backend(), threads);
  }

  @TearDown(Level.Trial)
  public void closeTrainer() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }
}
