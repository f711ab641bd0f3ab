package gdbench.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A result summarised with the fork as the unit: the mean of the fork means with a Student t
 * interval over them, and the forks' own spread (median, range, coefficient of variation). The
 * variation between JVMs (JIT decisions, heap layout, the host's minute) is what the interval must
 * cover; iterations inside one fork are not independent and are not counted as samples.
 *
 * @param forks number of forks
 * @param mean mean of the fork means
 * @param lower lower bound of the {@code confidence} interval of the mean (NaN with one fork)
 * @param upper upper bound (NaN with one fork)
 * @param confidence the interval's confidence, e.g. 0.99
 * @param median median of the fork means
 * @param min smallest fork mean
 * @param max largest fork mean
 * @param cv coefficient of variation between fork means (sample standard deviation ÷ mean; NaN with one fork)
 */
public record ForkInterval(int forks, double mean, double lower, double upper, double confidence, double median,
    double min, double max, double cv) {

  /** The confidence of every interval gdbench publishes. */
  public static final double CONFIDENCE = 0.99;

  public static ForkInterval of(double[] forkMeans) {
    return of(forkMeans, CONFIDENCE);
  }

  public static ForkInterval of(double[] forkMeans, double confidence) {
    int n = forkMeans.length;
    if (n == 0) {
      throw new IllegalArgumentException("no fork means");
    }
    double[] sorted = forkMeans.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElseThrow();
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    if (n == 1) {
      return new ForkInterval(1, mean, Double.NaN, Double.NaN, confidence, median, sorted[0], sorted[0], Double.NaN);
    }
    double ss = 0;
    for (double v : sorted) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double half = t * sd / Math.sqrt(n);
    return new ForkInterval(n, mean, mean - half, mean + half, confidence, median, sorted[0], sorted[n - 1], sd / mean);
  }

  /** Half the interval's width relative to the mean, e.g. 0.05 for ±5%; NaN with one fork. */
  public double relativeHalfWidth() {
    return (upper - lower) / 2 / Math.abs(mean);
  }

  public boolean hasInterval() {
    return forks > 1;
  }

  /** True when the two intervals share a point: the difference is then not a finding. */
  public boolean overlaps(ForkInterval other) {
    return hasInterval() && other.hasInterval() && lower <= other.upper && other.lower <= upper;
  }
}
