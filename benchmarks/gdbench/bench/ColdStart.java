package gdbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start: the first trainer in a fresh JVM, from nothing to the first step's loss (engine and
 * native library load, data conversion, one step). One shot per fork, no warmup: every fork is a new
 * JVM, so the result is the distribution over forks. Counters per fork: {@code openMs}, {@code firstStepMs}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(3)
public class ColdStart extends TrainerBenchmark {

  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Phases {
    /** Milliseconds to build the trainer: engine load and data conversion. */
    public double openMs;
    /** Milliseconds of the first step. */
    public double firstStepMs;
  }

  @Setup(Level.Trial)
  public void prepare() {
    prepareTrainers();
  }

  @Benchmark
  public float openAndStep(Phases phases) {
    long t0 = System.nanoTime();
    trainer = newTrainer();
    long t1 = System.nanoTime();
    float loss = trainer.step();
    long t2 = System.nanoTime();
    phases.openMs = (t1 - t0) / 1e6;
    phases.firstStepMs = (t2 - t1) / 1e6;
    return loss;
  }

  @TearDown(Level.Iteration)
  public void close() {
    checkAndClose(" (cold start)");
  }
}
