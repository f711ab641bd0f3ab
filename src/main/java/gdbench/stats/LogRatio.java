package gdbench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's t on the logarithms of two samples of fork means: the ratio of their geometric means,
 * B/A, with its interval, and the p-value that the change exceeds a threshold. Logarithms because
 * timings are positive and vary by a factor, not by an amount, and a ratio is what a reader asks
 * for; Welch because the two sides need not share a variance (another revision, another host).
 *
 * @param nA number of values of A
 * @param nB number of values of B
 * @param meanA mean of the logarithms of A
 * @param meanB mean of the logarithms of B
 * @param varA sample variance of the logarithms of A (0 with one value)
 * @param varB sample variance of the logarithms of B
 * @param se standard error of {@code meanB - meanA}, including any variance added by the caller
 * @param df Welch–Satterthwaite degrees of freedom (NaN with fewer than two values a side)
 */
public record LogRatio(int nA, int nB, double meanA, double meanB, double varA, double varB, double se, double df) {

  /** {@code logA}, {@code logB}: the natural logarithms of each side's fork means. */
  public static LogRatio of(double[] logA, double[] logB) {
    return of(logA, logB, 0, 0);
  }

  /**
   * As {@link #of(double[], double[])}, with a variance added to each side's mean: the uncertainty
   * of a reference each value was divided by (a run's floor), which the values' own scatter does
   * not show when they share it.
   */
  public static LogRatio of(double[] logA, double[] logB, double extraVarA, double extraVarB) {
    if (logA.length == 0 || logB.length == 0) {
      throw new IllegalArgumentException("a side without values");
    }
    double ma = mean(logA);
    double mb = mean(logB);
    double va = variance(logA, ma);
    double vb = variance(logB, mb);
    double sa = va / logA.length + extraVarA;
    double sb = vb / logB.length + extraVarB;
    double se = Math.sqrt(sa + sb);
    double df;
    if (logA.length < 2 || logB.length < 2) {
      df = Double.NaN;
    } else if (sa + sb == 0) {
      df = logA.length + logB.length - 2.0;
    } else {
      df = (sa + sb) * (sa + sb) / (sa * sa / (logA.length - 1) + sb * sb / (logB.length - 1));
    }
    return new LogRatio(logA.length, logB.length, ma, mb, va, vb, se, df);
  }

  /** {@code meanB - meanA}: the logarithm of the ratio. */
  public double difference() {
    return meanB - meanA;
  }

  /** B/A, the ratio of the geometric means. */
  public double ratio() {
    return Math.exp(difference());
  }

  public boolean testable() {
    return !Double.isNaN(df);
  }

  /**
   * The pooled standard deviation of one value's logarithm, within the sides: about the
   * coefficient of variation between forks, the noise floor of one measurement. NaN unless one
   * side has two values.
   */
  public double pooledSd() {
    int dof = Math.max(nA - 1, 0) + Math.max(nB - 1, 0);
    return dof == 0 ? Double.NaN : Math.sqrt(((nA - 1) * varA + (nB - 1) * varB) / dof);
  }

  /** The two-sided {@code confidence} interval of B/A; NaNs when not {@link #testable()}. */
  public double[] interval(double confidence) {
    if (!testable()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double half = se == 0 ? 0 : quantile(1 - (1 - confidence) / 2) * se;
    return new double[] {Math.exp(difference() - half), Math.exp(difference() + half)};
  }

  /**
   * The p-value of "the change is at most {@code delta}" (|log B/A| ≤ delta) against "it is
   * larger, either way": 2·P(T ≥ (|d| − delta)/se). It is at most α exactly when the two-sided
   * 1 − α interval lies wholly beyond ±delta, so a test and its printed interval always agree.
   */
  public double pBeyond(double delta) {
    if (!testable()) {
      return 1;
    }
    double excess = Math.abs(difference()) - delta;
    if (se == 0) {
      return excess > 0 ? 0 : 1;
    }
    double t = excess / se;
    return Math.min(1, 2 * (1 - new TDistribution(df).cumulativeProbability(t)));
  }

  private double quantile(double p) {
    return new TDistribution(df).inverseCumulativeProbability(p);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x, double mean) {
    if (x.length < 2) {
      return 0;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return ss / (x.length - 1);
  }
}
