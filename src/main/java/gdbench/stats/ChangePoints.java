package gdbench.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Steps in a series of measurements taken one after another (a benchmark's result over the commits
 * of a project), by binary segmentation: split where the two sides' weighted means differ most
 * relative to their standard errors, keep the split when the step is both large and significant,
 * and split each side again.
 *
 * <p>Each point's variance is the larger of its own (from its interval) and the series' scatter
 * from one run to the next, estimated robustly from the median of successive differences (a few
 * real steps barely move a median). A single-fork interval covers only the noise inside one JVM,
 * and consecutive runs on a shared host differ by more; the scatter keeps that from passing for
 * steps. A split is kept when the step exceeds {@code minStep} and its z exceeds the normal
 * quantile at α/(2(n − 1)), Bonferroni over the n − 1 places a step could be.
 */
public final class ChangePoints {
  private ChangePoints() {}

  /** Median of absolute successive differences, divided by 0.6745·√2: the sd of one point if the series were flat. */
  public static double scatter(double[] y) {
    if (y.length < 3) {
      return 0; // one difference is the step itself as much as noise: no estimate
    }
    double[] d = new double[y.length - 1];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(y[i + 1] - y[i]);
    }
    return new Median().evaluate(d) / (0.6745 * Math.sqrt(2));
  }

  /**
   * @param y the values in order, on a scale where a step is a difference (logarithms of times)
   * @param variance each value's own variance (0 where unknown)
   * @param minStep the smallest step worth reporting, on the scale of y
   * @param alpha the chance of a false step anywhere in the series
   * @return the indices at which a new level starts, ascending
   */
  public static List<Integer> detect(double[] y, double[] variance, double minStep, double alpha) {
    int n = y.length;
    List<Integer> found = new ArrayList<>();
    if (n < 3) {
      return found; // two runs: a step cannot be told from the scatter between runs, which needs a third
    }
    double s = scatter(y);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.max(variance[i], s * s);
      w[i] = v > 0 ? 1 / v : Double.POSITIVE_INFINITY;
    }
    double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / (2.0 * (n - 1)));
    split(y, w, 0, n, minStep, z, found);
    found.sort(null);
    return found;
  }

  private static void split(double[] y, double[] w, int from, int to, double minStep, double zCritical, List<Integer> found) {
    if (to - from < 2) {
      return;
    }
    int best = -1;
    double bestZ = 0;
    for (int k = from + 1; k < to; k++) {
      double[] left = weighted(y, w, from, k);
      double[] right = weighted(y, w, k, to);
      double step = Math.abs(right[0] - left[0]);
      double se = Math.sqrt(left[1] + right[1]);
      double zk = se == 0 ? (step > 0 ? Double.POSITIVE_INFINITY : 0) : step / se;
      if (step >= minStep && zk > bestZ) {
        best = k;
        bestZ = zk;
      }
    }
    if (best < 0 || bestZ < zCritical) {
      return;
    }
    found.add(best);
    split(y, w, from, best, minStep, zCritical, found);
    split(y, w, best, to, minStep, zCritical, found);
  }

  /** The weighted mean of y over [from, to) and its variance, 1/Σw. */
  private static double[] weighted(double[] y, double[] w, int from, int to) {
    double sw = 0;
    double swy = 0;
    boolean infinite = false;
    for (int i = from; i < to; i++) {
      infinite |= Double.isInfinite(w[i]);
    }
    if (infinite) {
      // points known exactly: their plain mean, without variance
      double sum = 0;
      int c = 0;
      for (int i = from; i < to; i++) {
        if (Double.isInfinite(w[i])) {
          sum += y[i];
          c++;
        }
      }
      return new double[] {sum / c, 0};
    }
    for (int i = from; i < to; i++) {
      sw += w[i];
      swy += w[i] * y[i];
    }
    return new double[] {swy / sw, 1 / sw};
  }

  /** The mean of each segment the steps cut the series into, weighted as in {@link #detect}; one per segment. */
  public static double[] levels(double[] y, double[] variance, List<Integer> steps) {
    double s = scatter(y);
    double[] w = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double v = Math.max(variance[i], s * s);
      w[i] = v > 0 ? 1 / v : Double.POSITIVE_INFINITY;
    }
    double[] levels = new double[steps.size() + 1];
    int from = 0;
    for (int j = 0; j <= steps.size(); j++) {
      int to = j < steps.size() ? steps.get(j) : y.length;
      levels[j] = weighted(y, w, from, to)[0];
      from = to;
    }
    return levels;
  }
}
