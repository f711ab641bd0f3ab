package gdbench.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark workloads, defined once: the problem, its size, and a learning rate that is stable
 * for it. Benchmarks, the runner, env.json and later tools (converge, report) use these names.
 *
 * <p>{@code seed} is the tutorial's problem (lr 0.01, no bias). The others are
 * {@code Problems.synthetic(n, d, 42)}: N(0, 1) features, noise 0.1, with a bias. Their loss's
 * Hessian is close to 2·I (largest eigenvalue about 2.0 for D = 1, 2.26 for D = 64 with
 * N = 16,384), so lr 0.1 contracts the error by about 0.8 per step and never diverges, and the
 * noise keeps the loss near 0.01, far from denormals. Every workload uses the {@code mean} rule.
 */
public enum Workload {
  SEED("seed", 4, 1, 0.01f, false),
  SMALL("small", 1024, 1, 0.1f, true),
  LARGE("large", 1 << 20, 1, 0.1f, true),
  WIDE("wide", 16_384, 64, 0.1f, true),
  /** 128 MiB of x and y: several times any L3 cache of these hosts, so a step streams from DRAM. */
  HUGE("huge", 1 << 24, 1, 0.1f, true);

  /** Seed of the synthetic generator for every synthetic workload. */
  public static final long DATA_SEED = 42;

  private final String id;
  private final int n;
  private final int d;
  private final float lr;
  private final boolean bias;

  Workload(String id, int n, int d, float lr, boolean bias) {
    this.id = id;
    this.n = n;
    this.d = d;
    this.lr = lr;
    this.bias = bias;
  }

  public String id() {
    return id;
  }

  /** Samples per step: steps/s × n = samples/s. */
  public int n() {
    return n;
  }

  public int d() {
    return d;
  }

  public float lr() {
    return lr;
  }

  public boolean bias() {
    return bias;
  }

  /** Bytes of x and y that one step must read at least once (float32). */
  public long workingSetBytes() {
    return 4L * n * (d + 1);
  }

  /** Builds the data (deterministic: the same on every JVM). */
  public Problem problem() {
    return this == SEED ? Problem.seed() : Problems.synthetic(n, d, DATA_SEED);
  }

  /** How to train this workload: mean rule, zero initial weights, its lr and bias. */
  public TrainConfig config(int threads, Device device, int epochs) {
    return new TrainConfig(lr, epochs, GradientRule.MEAN, bias, Init.zeros(), threads, device);
  }

  /** How the problem is described on the command line ({@code gdbench train --data ...}). */
  public String dataSpec() {
    return this == SEED ? "seed" : "synthetic:n=" + n + ",d=" + d + ",seed=" + DATA_SEED;
  }

  public static Workload parse(String text) {
    for (Workload w : values()) {
      if (w.id.equals(text)) {
        return w;
      }
    }
    throw new GdbenchException("unknown workload '" + text + "' (known: " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", "));
  }

  /** The description written to env.json, so a report can derive samples/s without this class. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("d", d);
    m.put("lr", (double) lr);
    m.put("bias", bias);
    m.put("rule", GradientRule.MEAN.id());
    m.put("init", "zeros");
    m.put("data", dataSpec());
    m.put("workingSetBytes", workingSetBytes());
    return m;
  }

  @Override
  public String toString() {
    return id;
  }
}
