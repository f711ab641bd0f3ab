package gdbench.core;

/**
 * A regression problem: N samples of D float32 features (row-major) and N targets. Immutable by
 * contract: {@link #x()} and {@link #y()} hand out the arrays themselves, to spare a copy of a
 * million samples, and no backend may write to them.
 */
public final class Problem {
  private final String name;
  private final int n;
  private final int d;
  private final float[] x;
  private final float[] y;

  public Problem(String name, int n, int d, float[] x, float[] y) {
    if (n < 1) {
      throw new GdbenchException(name + ": fewer than one sample");
    }
    if (d < 1) {
      throw new GdbenchException(name + ": needs at least one feature");
    }
    if (x.length != (long) n * d || y.length != n) {
      throw new IllegalArgumentException("x must hold n*d values and y n values");
    }
    this.name = name;
    this.n = n;
    this.d = d;
    this.x = x;
    this.y = y;
  }

  /** The tutorial's data: x = [1, 2, 3, 4], y = 2x. */
  public static Problem seed() {
    return new Problem("seed", 4, 1, new float[] {1, 2, 3, 4}, new float[] {2, 4, 6, 8});
  }

  /** How the data was specified: {@code seed}, {@code synthetic:...} or a file name. */
  public String name() {
    return name;
  }

  public int n() {
    return n;
  }

  public int d() {
    return d;
  }

  /** Features, row-major, N×D. Read only. */
  public float[] x() {
    return x;
  }

  /** Targets, N values. Read only. */
  public float[] y() {
    return y;
  }

  public boolean isSeed() {
    return "seed".equals(name);
  }

  /** The mean squared error of parameters (w, b), evaluated in double precision. */
  public double mse(float[] w, double b) {
    double[] wd = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      wd[j] = w[j];
    }
    return mse(wd, b);
  }

  /** The mean squared error of parameters (w, b), evaluated in double precision. */
  public double mse(double[] w, double b) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = b - y[i];
      int row = i * d;
      for (int j = 0; j < d; j++) {
        r += x[row + j] * w[j];
      }
      sum += r * r;
    }
    return sum / n;
  }

  @Override
  public String toString() {
    return name + " (N = " + n + ", D = " + d + ")";
  }
}
