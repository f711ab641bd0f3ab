package gdbench.bench;

import gdbench.core.Problem;
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
 * The floor of a workload: one pass reading X and y ({@link FloorKernel}), in passes per second,
 * measured like the step benchmark (same forks, iterations and JVM options) so that a cell's
 * "× floor" is a ratio of two numbers from one run.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 300, timeUnit = TimeUnit.MILLISECONDS)
public class Floor {
  @Param("seed")
  public String workload;

  @Param("1")
  public int threads;

  @Param("cpu")
  public String device;

  /** The forks' heap, as the runner sets it (recorded, so that results at two heaps stay apart). */
  @Param("1g")
  public String heap;

  /** Keeps the prewarm's results alive. */
  public double prewarmSink;

  private float[] x;
  private float[] y;
  private ForkRecorder recorder;

  @Setup(Level.Trial)
  public void open() {
    Problem p = Workload.parse(workload).problem();
    x = p.x();
    y = p.y();
    recorder = ForkRecorder.start();
    prewarmSink = recorder.prewarm(() -> FloorKernel.pass(x, y));
  }

  @Benchmark
  public float pass() {
    return FloorKernel.pass(x, y);
  }

  @TearDown(Level.Trial)
  public void close() {
    recorder.finish(null, threads);
  }
}
