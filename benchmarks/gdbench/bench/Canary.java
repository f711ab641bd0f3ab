package gdbench.bench;

import java.util.Arrays;

/**
 * A fixed pure-Java workload timed in the runner's JVM at the start of a run, between passes and
 * at the end: how fast the host ran the same code over the run. Its level lets runs from two hosts
 * be told apart, and its drift and scatter mark a run whose host changed speed while it measured.
 * The loop is scalar on purpose (one dependent chain per element, no SIMD, no allocation), so it
 * reads the core's speed and not the JIT's vectoriser.
 */
final class Canary {
  /** Elements per pass: 4 MiB of floats, inside the L2/L3 of every host seen here. */
  static final int N = 1 << 20;
  /** Timed passes per check; the median is the check's value. */
  static final int PASSES = 31;
  /** A run whose checks' largest and smallest values differ by more than this is marked noisy. */
  static final double NOISY_SPREAD = 0.10;

  private final float[] x = new float[N];
  private final float[] y = new float[N];
  private double sink;

  Canary() {
    for (int i = 0; i < N; i++) {
      x[i] = (i % 97) * 0.01f;
      y[i] = (i % 89) * 0.02f;
    }
    // compile before the first check, so that the first check is not a JIT measurement
    long end = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < end) {
      sink += pass(0.5f);
    }
  }

  /** Nanoseconds per pass: the median of {@link #PASSES} timed passes. */
  double check() {
    double[] t = new double[PASSES];
    for (int p = 0; p < PASSES; p++) {
      long t0 = System.nanoTime();
      sink += pass(0.5f + p * 1e-3f);
      t[p] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return t[PASSES / 2];
  }

  /** The loss and gradient of one linear-regression step, scalar. */
  private float pass(float w) {
    float g = 0;
    float l = 0;
    for (int i = 0; i < N; i++) {
      float r = w * x[i] - y[i];
      l += r * r;
      g += x[i] * r;
    }
    return g + l;
  }

  /** Keeps the work alive. */
  double sink() {
    return sink;
  }

  /** (largest − smallest) ÷ smallest of the checks. */
  static double spread(double[] checks) {
    double min = Arrays.stream(checks).min().orElse(Double.NaN);
    double max = Arrays.stream(checks).max().orElse(Double.NaN);
    return (max - min) / min;
  }

  /** (last − first) ÷ first of the checks: positive when the host got slower. */
  static double drift(double[] checks) {
    return checks.length < 2 ? 0 : (checks[checks.length - 1] - checks[0]) / checks[0];
  }
}
