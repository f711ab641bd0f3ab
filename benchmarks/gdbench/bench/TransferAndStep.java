package gdbench.bench;

import gdbench.core.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data's trip to the device: building a trainer (on a GPU, the host-to-device copy) and its
 * first step, on an engine already loaded, unlike {@link ColdStart}. {@link StepThroughput} keeps the
 * data resident and leaves this out. Run by default with {@code -Dbench.device=gpu}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class TransferAndStep extends TrainerBenchmark {

  @Setup(Level.Trial)
  public void prepare() {
    prepareTrainers();
    try (Trainer first = newTrainer()) { // engine load: not measured
      first.step();
    }
  }

  @Benchmark
  public float openAndStep() {
    trainer = newTrainer();
    return trainer.step();
  }

  @TearDown(Level.Iteration)
  public void close() {
    checkAndClose(" (transfer)");
  }
}
