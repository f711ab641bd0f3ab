package gdbench.bench;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Workload;
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
 * The data's trip to the device, labelled as such: building a trainer (converting the data into
 * the library's arrays, which on a GPU is the host-to-device copy) and its first step, whose loss
 * comes back to the host. The engine is already loaded (the trial setup builds and closes one
 * trainer first), so unlike {@link ColdStart} this is the cost of moving a problem onto a warm
 * engine. {@link StepThroughput} keeps the data resident and leaves this out. Run by default with
 * {@code -Dbench.device=gpu}; on the CPU on request ({@code -Dbench.benchmarks=transfer}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
public class TransferAndStep {

  @Param("plain/manual")
  public String cell;

  @Param("large")
  public String workload;

  @Param("1")
  public int threads;

  @Param("cpu")
  public String device;

  private Cell parsedCell;
  private Problem problem;
  private TrainConfig config;
  private Trainer trainer;

  @Setup(Level.Trial)
  public void prepare() {
    Fixture.checkThreadEnvironment(threads);
    Workload w = Workload.parse(workload);
    parsedCell = Cell.parse(cell);
    problem = w.problem();
    config = w.config(threads, Device.parse(device), 1);
    try (Trainer first = Backends.open(parsedCell, problem, config)) { // engine load: not measured
      first.step();
    }
  }

  @Benchmark
  public float openAndStep() {
    trainer = Backends.open(parsedCell, problem, config);
    return trainer.step();
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (trainer != null) {
      try {
        Fixture.checkHealthy(cell + " on " + workload + " (transfer)", trainer, trainer.step());
      } finally {
        trainer.close();
        trainer = null;
      }
    }
  }
}
