package gdbench.bench;

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
 * Training throughput: one full-batch gradient-descent step per call, in steps per second
 * ({@link SamplesProfiler} adds samples per second). The trainer is built and prewarmed outside the
 * measurement, and every iteration starts from the initial weights, so every iteration measures the same work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class StepThroughput extends TrainerBenchmark {

  @Setup(Level.Trial)
  public void open() {
    openTrainer(1);
    prewarm(trainer::step);
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

  /** Its loss is that of the iteration's final parameters. */
  @TearDown(Level.Iteration)
  public void check() {
    checkHealthy("");
  }
}
