package gdbench.report;

import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two runs side by side: per benchmark and parameters, the ratio B/A of the scores with a 95%
 * confidence interval from a bootstrap over JMH's raw data (forks resampled, then iterations within
 * each fork). A change is marked when the interval excludes 1 and the change exceeds the threshold.
 */
public final class Comparison {
  static final int RESAMPLES = 4000;

  public enum Verdict { REGRESSION, IMPROVEMENT, UNCHANGED, UNCERTAIN }

  public record Row(String key, JmhResults.Result a, JmhResults.Result b, double ratio, double low, double high, Verdict verdict) {}

  /**
   * @param incomparable results present in both runs but measured differently (another JMH mode or
   *     unit, as when a benchmark changed between the runs), with the reason; they are not compared
   */
  public record Outcome(List<Row> rows, List<String> onlyInA, List<String> onlyInB, Map<String, String> incomparable,
      Map<String, String> ignoredParams) {
    public boolean hasRegression() {
      return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION);
    }
  }

  private Comparison() {}

  /**
   * Matches results on benchmark and parameters. Parameters that are constant within each run but
   * differ between the runs (a CPU run against a GPU run: {@code device}) are left out of the match
   * and reported in {@link Outcome#ignoredParams()}.
   */
  public static Outcome compare(List<JmhResults.Result> a, List<JmhResults.Result> b, double threshold) {
    Map<String, String> ignored = new TreeMap<>();
    Map<String, String> constA = constantParams(a);
    Map<String, String> constB = constantParams(b);
    for (Map.Entry<String, String> e : constA.entrySet()) {
      String other = constB.get(e.getKey());
      if (other != null && !other.equals(e.getValue())) {
        ignored.put(e.getKey(), e.getValue() + " vs " + other);
      }
    }
    Map<String, JmhResults.Result> byKeyA = index(a, ignored.keySet());
    Map<String, JmhResults.Result> byKeyB = index(b, ignored.keySet());
    List<Row> rows = new ArrayList<>();
    List<String> onlyA = new ArrayList<>();
    Map<String, String> incomparable = new LinkedHashMap<>();
    for (Map.Entry<String, JmhResults.Result> e : byKeyA.entrySet()) {
      JmhResults.Result ra = e.getValue();
      JmhResults.Result rb = byKeyB.get(e.getKey());
      if (rb == null) {
        onlyA.add(e.getKey());
      } else if (!ra.mode().equals(rb.mode()) || !ra.primary().unit().equals(rb.primary().unit())) {
        incomparable.put(e.getKey(), "measured as " + ra.mode() + " in " + ra.primary().unit() + " in A, as " + rb.mode() + " in "
            + rb.primary().unit() + " in B");
      } else {
        rows.add(row(e.getKey(), ra, rb, threshold));
      }
    }
    List<String> onlyB = byKeyB.keySet().stream().filter(k -> !byKeyA.containsKey(k)).toList();
    return new Outcome(rows, onlyA, onlyB, incomparable, ignored);
  }

  private static Map<String, String> constantParams(List<JmhResults.Result> results) {
    Map<String, Set<String>> values = new TreeMap<>();
    for (JmhResults.Result r : results) {
      r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    Map<String, String> constant = new TreeMap<>();
    values.forEach((k, v) -> {
      if (v.size() == 1) {
        constant.put(k, v.iterator().next());
      }
    });
    return constant;
  }

  private static Map<String, JmhResults.Result> index(List<JmhResults.Result> results, Set<String> ignore) {
    Map<String, JmhResults.Result> map = new LinkedHashMap<>();
    for (JmhResults.Result r : results) {
      Map<String, String> params = new TreeMap<>(r.params());
      params.keySet().removeAll(ignore);
      map.put(r.benchmarkClass() + "." + r.method() + " " + params, r);
    }
    return map;
  }

  private static Row row(String key, JmhResults.Result ra, JmhResults.Result rb, double threshold) {
    double ratio = rb.primary().score() / ra.primary().score();
    double[] ci = bootstrap(ra.primary().raw(), rb.primary().raw(), key.hashCode());
    Verdict verdict;
    if (Double.isNaN(ci[0])) {
      verdict = Verdict.UNCERTAIN;
    } else {
      boolean significant = ci[0] > 1 || ci[1] < 1;
      // A ratio above 1 is better for rates (ops/s), worse for times (us/op).
      double better = ra.primary().higherIsBetter() ? ratio : 1 / ratio;
      if (significant && better < 1 - threshold) {
        verdict = Verdict.REGRESSION;
      } else if (significant && better > 1 + threshold) {
        verdict = Verdict.IMPROVEMENT;
      } else {
        verdict = Verdict.UNCHANGED;
      }
    }
    return new Row(key, ra, rb, ratio, ci[0], ci[1], verdict);
  }

  /** 95% percentile interval of mean(B)/mean(A); NaN when either side has fewer than two values. */
  static double[] bootstrap(double[][] a, double[][] b, long seed) {
    if (count(a) < 2 || count(b) < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] ratios = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      ratios[i] = resampledMean(b, random) / resampledMean(a, random);
    }
    java.util.Arrays.sort(ratios);
    return new double[] {ratios[(int) (0.025 * RESAMPLES)], ratios[(int) (0.975 * RESAMPLES) - 1]};
  }

  private static int count(double[][] raw) {
    int n = 0;
    for (double[] fork : raw) {
      n += fork.length;
    }
    return n;
  }

  /** Forks resampled with replacement when there are several, then iterations within each. */
  private static double resampledMean(double[][] raw, SplittableRandom random) {
    double sum = 0;
    int n = 0;
    for (int f = 0; f < raw.length; f++) {
      double[] fork = raw.length > 1 ? raw[random.nextInt(raw.length)] : raw[f];
      for (int i = 0; i < fork.length; i++) {
        sum += fork[random.nextInt(fork.length)];
        n++;
      }
    }
    return sum / n;
  }
}
