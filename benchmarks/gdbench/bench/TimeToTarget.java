package gdbench.bench;

import gdbench.core.Workload;
import gdbench.core.Optimum;
import gdbench.core.Problem;
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
 * Time to target: how long a cell takes to train a workload from zero weights until the excess
 * loss over the closed-form least-squares optimum is at most {@value #TARGET_FRACTION} of the
 * initial excess, or {@value #EPOCH_LIMIT} epochs, whichever comes first: the average time of one
 * such training run, over as many runs as fit in each iteration.
 *
 * <p>The excess is judged on the loss that {@code step()} returns (the loss before that step's
 * update) against {@link Optimum#loss()}: a run ends at the first step whose starting
 * parameters meet the target, so the {@code epochs} counter is the number of updates needed and
 * the run made one step more (the one that looked). The trainer is built in the trial setup; each
 * measured run starts by resetting it to zero weights (a few stores for the Java backends, one fill
 * for ND4J and DJL: small beside the ten or more steps that follow). The trial setup also trains it
 * repeatedly until the JIT has settled ({@link Fixture#prewarm}, at least {@code -Dbench.prewarm.ms},
 * default 500), so that the runs measure compiled code. Runs are averaged rather than timed one
 * shot at a time because a run on the seed takes under a microsecond, less than the harness's
 * own cost of timing a single shot. Engine load and the first steps of a fresh JVM are
 * {@link ColdStart}'s business.
 *
 * <p>Secondary results (JMH {@code @AuxCounters} events, summed over each iteration's runs; the
 * per-iteration sums are in jmh.json's rawData): {@code runs}, the training runs made;
 * {@code epochs}, updates until the target; {@code reached}, runs that met the target within the
 * limit. Epochs per run is epochs ÷ runs. If some run hits the limit, the runner lists the result
 * under {@code warnings} in env.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
public class TimeToTarget {
  /** The target: excess loss at most this fraction of the initial excess. */
  public static final double TARGET_FRACTION = 0.01;
  /** Epochs after which a shot gives up (the workloads need 10 to 20). */
  public static final int EPOCH_LIMIT = 1000;

  @Param("plain/manual")
  public String cell;

  @Param("small")
  public String workload;

  @Param("1")
  public int threads;

  @Param("cpu")
  public String device;

  /** Per-iteration counters, reported by JMH as secondary results. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Progress {
    /** Training runs made. */
    public long runs;
    /** Updates until the target was met (the limit where it was not), summed over the runs. */
    public long epochs;
    /** Runs that met the target within the limit. */
    public long reached;

    @Setup(Level.Iteration)
    public void clear() {
      runs = 0;
      epochs = 0;
      reached = 0;
    }
  }

  private Trainer trainer;
  private double optimumLoss;
  private double allowedExcess;
  /** Keeps the prewarm's results alive. */
  public double prewarmSink;

  @Setup(Level.Trial)
  public void open() {
    Workload w = Workload.parse(workload);
    Problem problem = w.problem();
    Optimum optimum = Optimum.of(problem, w.bias());
    optimumLoss = optimum.loss();
    // zero initial weights and bias: the initial loss is the mean of y², evaluated in double
    double initialExcess = problem.mse(new double[w.d()], 0) - optimumLoss;
    allowedExcess = TARGET_FRACTION * initialExcess;
    trainer = Fixture.open(cell, w, threads, device, EPOCH_LIMIT);
    Progress scratch = new Progress();
    prewarmSink = Fixture.prewarm(() -> train(scratch), Fixture.prewarmWindowNanos());
  }

  /** Trains from zero weights until the target or the epoch limit; returns the last loss. */
  @Benchmark
  public float train(Progress progress) {
    trainer.reset();
    progress.runs++;
    float loss = Float.NaN;
    for (int epoch = 0; epoch < EPOCH_LIMIT; epoch++) {
      loss = trainer.step(); // the loss of the parameters after `epoch` updates
      if (loss - optimumLoss <= allowedExcess) {
        progress.epochs += epoch;
        progress.reached++;
        return loss;
      }
      if (!Float.isFinite(loss)) {
        throw new IllegalStateException(cell + " on " + workload + ": the loss became " + loss + " at epoch " + (epoch + 1) + " (training diverged)");
      }
    }
    progress.epochs += EPOCH_LIMIT;
    return loss;
  }

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
