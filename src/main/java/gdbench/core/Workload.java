package gdbench.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>Besides the five named workloads, any size is a workload of its own: {@code n<N>} (one
 * feature) or {@code n<N>d<D>}, synthetic, with a bias and lr 0.1, like {@code large}. The size
 * sweep is made of these; where a point equals a named workload (small, large, huge) it is that one.
 */
public final class Workload {
  public static final Workload SEED = new Workload("seed", 4, 1, 0.01f, false);
  public static final Workload SMALL = new Workload("small", 1024, 1, 0.1f, true);
  public static final Workload LARGE = new Workload("large", 1 << 20, 1, 0.1f, true);
  public static final Workload WIDE = new Workload("wide", 16_384, 64, 0.1f, true);
  /** 128 MiB of x and y: several times any L3 cache of these hosts, so a step streams from DRAM. */
  public static final Workload HUGE = new Workload("huge", 1 << 24, 1, 0.1f, true);

  private static final Workload[] NAMED = {SEED, SMALL, LARGE, WIDE, HUGE};
  private static final Pattern SIZED = Pattern.compile("n([1-9][0-9]{0,9})(?:d([1-9][0-9]{0,5}))?");
  /** The largest sized workload: x and y of 2^28 floats are 2 GiB, beyond that a Java array cannot hold them. */
  static final long MAX_VALUES = 1L << 28;

  /** Seed of the synthetic generator for every synthetic workload. */
  public static final long DATA_SEED = 42;

  private final String id;
  private final int n;
  private final int d;
  private final float lr;
  private final boolean bias;

  private Workload(String id, int n, int d, float lr, boolean bias) {
    this.id = id;
    this.n = n;
    this.d = d;
    this.lr = lr;
    this.bias = bias;
  }

  /** The named workloads, in their fixed order. */
  public static Workload[] values() {
    return NAMED.clone();
  }

  /**
   * The workload of N samples and D features: a named one where it has this size (small, large,
   * wide, huge), otherwise {@code n<N>} or {@code n<N>d<D>}, synthetic, with bias, lr 0.1.
   */
  public static Workload sized(int n, int d) {
    if (n < 1 || d < 1 || (long) n * (d + 1) > MAX_VALUES) {
      throw new GdbenchException("a workload needs N >= 1, D >= 1 and N x (D + 1) <= " + MAX_VALUES + " values, got N = " + n + ", D = " + d);
    }
    for (Workload w : NAMED) {
      if (w != SEED && w.n == n && w.d == d) {
        return w;
      }
    }
    return new Workload(d == 1 ? "n" + n : "n" + n + "d" + d, n, d, 0.1f, true);
  }

  /** The size sweep: N = 4, 16, 64, ... 16,777,216 (a factor of 4 a point, to at least 4x a 32 MiB L3), one feature. */
  public static List<Workload> sizeSweep() {
    List<Workload> points = new ArrayList<>();
    for (int n = 4; n <= 1 << 24; n *= 4) {
      points.add(sized(n, 1));
    }
    return points;
  }

  /** Values of X a point of the feature sweep holds: N·D = 2^20, as {@code large} (D = 1) and {@code wide} (D = 64). */
  public static final int FEATURE_SWEEP_VALUES = 1 << 20;

  /**
   * The feature sweep: D = 1, 4, 16, 64, 256 at a fixed N·D of {@value #FEATURE_SWEEP_VALUES}, with
   * bias, to show where a matrix–vector product overtakes a fused pass and how each cost grows with D.
   */
  public static List<Workload> featureSweep() {
    List<Workload> points = new ArrayList<>();
    for (int d = 1; d <= 256; d *= 4) {
      points.add(sized(FEATURE_SWEEP_VALUES / d, d));
    }
    return points;
  }

  public String id() {
    return id;
  }

  /** Whether this is one of the five named workloads (not a point of a sweep). */
  public boolean named() {
    return Arrays.asList(NAMED).contains(this);
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
    for (Workload w : NAMED) {
      if (w.id.equals(text)) {
        return w;
      }
    }
    Matcher m = text == null ? null : SIZED.matcher(text);
    if (m != null && m.matches()) {
      long n = Long.parseLong(m.group(1));
      long d = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
      if (n * (d + 1) <= MAX_VALUES) {
        Workload w = sized((int) n, (int) d);
        if (w.id.equals(text)) {
          return w;
        }
        throw new GdbenchException("workload '" + text + "' is named '" + w.id + "'");
      }
    }
    throw new GdbenchException("unknown workload '" + text + "' (known: " + names() + ", or a size: n<N> or n<N>d<D>, e.g. n4096)");
  }

  public static String names() {
    return Arrays.stream(NAMED).map(Workload::id).collect(Collectors.joining(", "));
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
  public boolean equals(Object o) {
    return o instanceof Workload w && w.id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
