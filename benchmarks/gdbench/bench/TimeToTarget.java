package gdbench.bench;

import gdbench.runfolder.BenchmarkKind;
import gdbench.core.Optimum;
import gdbench.core.Problem;
import gdbench.core.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Time to target: the average time of one training run from zero weights until the excess loss over
 * the closed-form optimum is at most {@value BenchmarkKind#TARGET_FRACTION} of the initial excess, or
 * {@value #EPOCH_LIMIT} epochs. Runs are averaged over each iteration rather than timed one shot at a
 * time because a run on the small workloads is too short to time alone; engine load and a fresh
 * JVM's first steps are {@link ColdStart}'s business.
 *
 * <p>The target is judged on the loss {@code step()} returns, that of the parameters before its
 * update: the {@code epochs} counter is the number of updates needed. Counters (summed per iteration,
 * in jmh.json's rawData): {@code runs}, {@code epochs}, {@code reached} (runs within the limit),
 * {@code resetNanos} (time in the reset to zero weights); the
 * runner warns when a run hits the limit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
public class TimeToTarget extends TrainerBenchmark {
  /** Epochs after which a run gives up: far more than any workload needs (WorkloadTest checks). */
  public static final int EPOCH_LIMIT = 1000;

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
    /** Nanoseconds spent in {@code reset()}, summed over the runs: the report takes it out of the run's time. */
    public long resetNanos;

    @Setup(Level.Iteration)
    public void clear() {
      runs = 0;
      epochs = 0;
      reached = 0;
      resetNanos = 0;
    }
  }

  private double optimumLoss;
  private double allowedExcess;

  @Setup(Level.Trial)
  public void open() {
    Workload w = Workload.parse(workload);
    Problem problem = w.problem();
    optimumLoss = Optimum.of(problem, w.bias()).loss();
    // zero initial weights and bias: the initial loss is the mean of y², evaluated in double
    double initialExcess = problem.mse(new double[w.d()], 0) - optimumLoss;
    allowedExcess = BenchmarkKind.TARGET_FRACTION * initialExcess;
    openTrainer(EPOCH_LIMIT);
    Progress scratch = new Progress();
    prewarm(() -> train(scratch));
  }

  /** Trains from zero weights until the target or the epoch limit; returns the last loss. */
  @Benchmark
  public float train(Progress progress) {
    // The reset is no part of training and costs the backends unequally (a copy to native memory in
    // DJL tuned, a Java fill elsewhere): timed on its own, so that the report can leave it out.
    long resetStart = System.nanoTime();
    trainer.reset();
    progress.resetNanos += System.nanoTime() - resetStart;
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
    checkHealthy("");
  }
}
