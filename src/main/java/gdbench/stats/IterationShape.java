package gdbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Whether a result's measured iterations reached a steady state: no trend across iterations
 * within its forks and one mode, not two. A result that fails either is shown as median and range,
 * with its cause, instead of as a mean with an interval.
 *
 * <ul>
 *   <li>Trend: the Mann–Kendall test applied to each fork's iterations in order and pooled over the
 *       forks (the sum of the forks' S statistics against the sum of their variances), so that a
 *       drift every fork shows counts and one fork's noise does not. A trend is reported only when
 *       it is significant at {@link #TREND_ALPHA} and the Theil–Sen slope moves the result by more
 *       than {@link #TREND_MIN_CHANGE} over one fork's iterations: a significant but tiny drift is
 *       not worth a mark.
 *   <li>Bimodality: Sarle's bimodality coefficient of all iterations, each divided by its fork's
 *       median (so that differences between forks do not pass for modes), above
 *       {@link #BIMODAL_COEFFICIENT} (a uniform distribution gives 5/9 ≈ 0.555) with the two
 *       halves of the distribution more than {@link #BIMODAL_MIN_SPREAD} apart.
 * </ul>
 */
public record IterationShape(double trendP, double trendChange, double bimodality, double spread) {

  public static final double TREND_ALPHA = 0.01;
  public static final double TREND_MIN_CHANGE = 0.05;
  public static final double BIMODAL_COEFFICIENT = 0.6;
  public static final double BIMODAL_MIN_SPREAD = 0.10;

  /** {@code forks[f][i]}: fork f's i-th measured iteration, in order. */
  public static IterationShape of(double[][] forks) {
    double s = 0;
    double var = 0;
    List<Double> relativeSlopes = new ArrayList<>();
    List<Double> normalised = new ArrayList<>();
    int iterations = 0;
    for (double[] it : forks) {
      int n = it.length;
      iterations = Math.max(iterations, n);
      double med = new Median().evaluate(it);
      for (double v : it) {
        normalised.add(med == 0 ? 0 : v / med);
      }
      if (n < 3) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          s += Math.signum(it[j] - it[i]);
        }
      }
      var += n * (n - 1) * (2.0 * n + 5) / 18;
      relativeSlopes.add(theilSen(it) / (med == 0 ? 1 : med));
    }
    double p = 1;
    if (var > 0) {
      double z = s == 0 ? 0 : (s - Math.signum(s)) / Math.sqrt(var);
      p = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z)));
    }
    double slope = relativeSlopes.isEmpty() ? 0 : new Median().evaluate(relativeSlopes.stream().mapToDouble(Double::doubleValue).toArray());
    double[] all = normalised.stream().mapToDouble(Double::doubleValue).toArray();
    return new IterationShape(p, slope * Math.max(iterations - 1, 0), bimodalityCoefficient(all), halvesApart(all));
  }

  public boolean trending() {
    return trendP < TREND_ALPHA && Math.abs(trendChange) > TREND_MIN_CHANGE;
  }

  public boolean bimodal() {
    return bimodality > BIMODAL_COEFFICIENT && spread > BIMODAL_MIN_SPREAD;
  }

  public boolean steady() {
    return !trending() && !bimodal();
  }

  /** Sarle's coefficient (g² + 1) / (k + 3(n − 1)² / ((n − 2)(n − 3))), with sample skewness g and excess kurtosis k. */
  static double bimodalityCoefficient(double[] x) {
    int n = x.length;
    if (n < 4) {
      return 0;
    }
    double g = new Skewness().evaluate(x);
    double k = new Kurtosis().evaluate(x);
    if (Double.isNaN(g) || Double.isNaN(k)) {
      return 0; // all values equal
    }
    return (g * g + 1) / (k + 3.0 * (n - 1) * (n - 1) / ((n - 2.0) * (n - 3.0)));
  }

  /** The medians of the lower and upper halves, relative to the overall median: how far two modes would be apart. */
  static double halvesApart(double[] x) {
    if (x.length < 4) {
      return 0;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int h = sorted.length / 2;
    Median m = new Median();
    double lo = m.evaluate(Arrays.copyOfRange(sorted, 0, h));
    double hi = m.evaluate(Arrays.copyOfRange(sorted, sorted.length - h, sorted.length));
    double mid = m.evaluate(sorted);
    return mid == 0 ? 0 : (hi - lo) / mid;
  }

  private static double theilSen(double[] y) {
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      for (int j = i + 1; j < y.length; j++) {
        slopes.add((y[j] - y[i]) / (j - i));
      }
    }
    return new Median().evaluate(slopes.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
