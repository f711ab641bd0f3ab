package gdbench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The benchmark workloads, one place for every user (JMH, the tutorial's reference timings, the
 * report). Per-call overhead shows at small N, memory bandwidth at large N. Synthetic data has
 * N(0, 1) features and noise 0.1, so the loss settles at the noise level and never reaches
 * denormals; lr 0.1 is stable for it (the loss's Hessian is close to 2·I).
 */
public enum Workload {
  /** The tutorial's four samples, its learning rate, no bias. */
  SEED("seed", 4, 1, false, 0.01f),
  SMALL("small", 1024, 1, true, 0.1f),
  LARGE("large", 1 << 20, 1, true, 0.1f),
  WIDE("wide", 16_384, 64, true, 0.1f);

  /** Seed of the synthetic workloads' data. */
  public static final long DATA_SEED = 42;

  private final String id;
  private final int n;
  private final int d;
  private final boolean bias;
  private final float lr;

  Workload(String id, int n, int d, boolean bias, float lr) {
    this.id = id;
    this.n = n;
    this.d = d;
    this.bias = bias;
    this.lr = lr;
  }

  public String id() {
    return id;
  }

  public int n() {
    return n;
  }

  public int d() {
    return d;
  }

  public boolean bias() {
    return bias;
  }

  public float lr() {
    return lr;
  }

  public Problem problem() {
    return this == SEED ? Problem.seed() : Problems.synthetic(n, d, DATA_SEED);
  }

  /** The mean rule, zero initial weights, this workload's rate and bias; threads as given. */
  public TrainConfig config(int threads, Device device) {
    return new TrainConfig(lr, 1, GradientRule.MEAN, bias, Init.zeros(), threads, device);
  }

  public static Workload parse(String text) {
    for (Workload w : values()) {
      if (w.id.equals(text)) {
        return w;
      }
    }
    throw new GdbenchException("unknown workload '" + text + "' (known: " + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")) + ")");
  }

  @Override
  public String toString() {
    return id;
  }
}
