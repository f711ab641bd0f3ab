package gdbench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Why an interval over fork means is wide although every fork was steady: either one fork lies
 * far from the others (a JVM that compiled or placed the step differently, or a slow minute of the
 * host), or the means spread without a stray, so that JVMs differ as a rule and only more forks
 * narrow the interval. The two call for different readings: a stray fork moves the mean; an even
 * spread is the result's real run-to-run variation.
 *
 * @param forks number of fork means
 * @param stray index of the fork furthest from the others' median when it is a stray, else -1
 * @param strayOff that fork's distance from the others' median, relative to it (−0.27: 27% below)
 * @param othersCv the coefficient of variation of the other forks' means
 * @param cv the coefficient of variation of all fork means
 * @param forksForTarget the forks a Student t interval at the confidence would need, at this cv,
 *     to be within ± the target; -1 when more than {@link #MAX_FORKS}
 */
public record ForkSpread(int forks, int stray, double strayOff, double othersCv, double cv, int forksForTarget) {
  /** A stray is at least this far from the others' median... */
  public static final double STRAY_OFF = 0.10;
  /** ...and at least this many of the others' standard deviations (relative) away. */
  public static final double STRAY_SPREADS = 3;
  /** Forks below which no fork can be told to stray: with three, the other two define nothing. */
  public static final int MIN_FORKS = 4;
  /** The largest fork count {@link #forksForTarget} reports. */
  public static final int MAX_FORKS = 100;

  public static ForkSpread of(double[] forkMeans, double target, double confidence) {
    int n = forkMeans.length;
    if (n < 2) {
      throw new IllegalArgumentException("a spread needs two fork means");
    }
    int stray = -1;
    double off = 0;
    double othersCv = Double.NaN;
    if (n >= MIN_FORKS) {
      int furthest = -1;
      for (int i = 0; i < n; i++) {
        ForkInterval others = ForkInterval.of(without(forkMeans, i), confidence);
        double d = (forkMeans[i] - others.median()) / others.median();
        if (furthest < 0 || Math.abs(d) > Math.abs(off)) {
          furthest = i;
          off = d;
          othersCv = others.cv();
        }
      }
      if (Math.abs(off) >= STRAY_OFF && Math.abs(off) >= STRAY_SPREADS * othersCv) {
        stray = furthest;
      }
    }
    double cv = ForkInterval.of(forkMeans, confidence).cv();
    return new ForkSpread(n, stray, stray < 0 ? Double.NaN : off, stray < 0 ? Double.NaN : othersCv, cv, forksFor(cv, target, confidence));
  }

  /**
   * The smallest fork count whose Student t interval at the confidence, at this coefficient of
   * variation, is within ± target of the mean; -1 above {@link #MAX_FORKS}.
   */
  public static int forksFor(double cv, double target, double confidence) {
    if (!(cv >= 0) || !(target > 0)) {
      return -1;
    }
    for (int k = 2; k <= MAX_FORKS; k++) {
      double t = new TDistribution(k - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
      if (t * cv / Math.sqrt(k) <= target) {
        return k;
      }
    }
    return -1;
  }

  public boolean hasStray() {
    return stray >= 0;
  }

  private static double[] without(double[] values, int skip) {
    double[] out = new double[values.length - 1];
    for (int i = 0, j = 0; i < values.length; i++) {
      if (i != skip) {
        out[j++] = values[i];
      }
    }
    return out;
  }

}
