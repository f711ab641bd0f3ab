package gdbench.measure;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The timing rule for one cheap operation, the same on both sides (tutorial_reference.py's
 * {@code per_op_ns} applies it to numpy and torch): batches sized to about {@code batchSeconds};
 * warm-up for at least {@code minWarmupSeconds}, then until the last five batches agree within 5%
 * (at most {@code warmupCapSeconds}); then {@code timedBatches} batches, whose median is the
 * process's figure. The JIT needs the minimum warm-up; a steady state is recorded, not assumed.
 */
public record PerOpTiming(double batchSeconds, double minWarmupSeconds, double warmupCapSeconds, int timedBatches) {
  public static final PerOpTiming FULL = new PerOpTiming(0.02, 0.3, 3.0, 7);
  public static final PerOpTiming QUICK = new PerOpTiming(0.01, 0.1, 1.0, 7);

  /** Nanoseconds per op of each timed batch, and whether the warm-up reached a steady state. */
  public record Result(double[] batchNs, boolean steady) {
    public double median() {
      double[] s = batchNs.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
  }

  /** A sink the JIT cannot prove unused, so that the op's result is never dead code. */
  private static volatile double sink;

  public Result time(DoubleSupplier op) {
    long ops = 1;
    while (true) { // size the batch
      long t = batch(op, ops);
      if (t >= batchSeconds * 1e9) {
        break;
      }
      ops = t < batchSeconds * 1e9 / 4 ? ops * 2 : Math.max(ops + 1, (long) (ops * batchSeconds * 1e9 * 1.1 / t));
    }
    long start = System.nanoTime();
    double[] recent = new double[5];
    int seen = 0;
    boolean steady = false;
    while (System.nanoTime() - start < warmupCapSeconds * 1e9) {
      recent[seen++ % 5] = (double) batch(op, ops) / ops;
      if (seen >= 5 && System.nanoTime() - start >= minWarmupSeconds * 1e9 && agree(recent)) {
        steady = true;
        break;
      }
    }
    double[] ns = new double[timedBatches];
    for (int i = 0; i < timedBatches; i++) {
      ns[i] = (double) batch(op, ops) / ops;
    }
    return new Result(ns, steady);
  }

  private static long batch(DoubleSupplier op, long ops) {
    double acc = 0;
    long t0 = System.nanoTime();
    for (long i = 0; i < ops; i++) {
      acc += op.getAsDouble();
    }
    long t = System.nanoTime() - t0;
    sink = acc;
    return Math.max(t, 1);
  }

  /** Within 5% of their median, as the Python side checks. */
  static boolean agree(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    double median = s[s.length / 2];
    return s[s.length - 1] - s[0] <= 0.05 * median;
  }
}
