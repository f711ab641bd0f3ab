package gdbench.core;

import java.util.SplittableRandom;

/**
 * Initial parameters: {@code zeros} (the tutorial's {@code w = 0.0}, the default) or
 * {@code random:SEED}. Random values are drawn here, in the core, not by each library, so every
 * backend starts from the same numbers: uniform in ±1/√D, the range of PyTorch's
 * {@code nn.Linear} default initialisation.
 */
public final class Init {
  private final Long seed; // null: zeros

  private Init(Long seed) {
    this.seed = seed;
  }

  public static Init zeros() {
    return new Init(null);
  }

  public static Init random(long seed) {
    return new Init(seed);
  }

  public static Init parse(String text) {
    if ("zeros".equals(text)) {
      return zeros();
    }
    if (text != null && text.startsWith("random:")) {
      String s = text.substring("random:".length());
      try {
        return random(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new GdbenchException("random:SEED needs an integer seed, got '" + s + "'");
      }
    }
    throw new GdbenchException("unknown initialisation '" + text + "' (known: zeros, random:SEED)");
  }

  public boolean isZeros() {
    return seed == null;
  }

  /** D initial weights followed by the initial bias: {@code d + 1} values. */
  public float[] parameters(int d) {
    float[] p = new float[d + 1];
    if (seed != null) {
      SplittableRandom random = new SplittableRandom(seed);
      double bound = 1.0 / Math.sqrt(d);
      for (int i = 0; i <= d; i++) {
        p[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
    return p;
  }

  public float[] weights(int d) {
    return java.util.Arrays.copyOf(parameters(d), d);
  }

  /** The initial bias (used only when the model has one). */
  public float bias(int d) {
    return parameters(d)[d];
  }

  @Override
  public String toString() {
    return seed == null ? "zeros" : "random:" + seed;
  }
}
