package gdbench.report;

import gdbench.runfolder.CellId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's size sweep, or its feature sweep along D at a fixed N·D ({@link #features}; there the
 * grid and every {@code n} below are D): every cell's steps per second at N = 4, 16, 64, ... (one feature), read
 * between the grid points by interpolating log(rate) linearly in log(N), and the crossovers where
 * one cell overtakes another. A point's bounds are those of its figure (the interval over fork
 * means, or the range of the iterations where the result is marked unsteady or bimodal); between
 * points the bounds are interpolated the same way, so they describe the neighbouring points, not a
 * measurement at that N.
 */
public final class SizeSweep {
  /** Steps per second of one cell at one N, with bounds (NaN where unknown, e.g. one fork). */
  public record Rate(double n, double mean, double low, double high) {
    /** Seconds per step: the inverse of the rate, its bounds inverted. */
    public double seconds() {
      return 1 / mean;
    }

    public double secondsLow() {
      return 1 / high;
    }

    /** The longest; infinite where the rate's interval reaches zero (few forks, wide spread), as {@link Figure#secondsHigh()}. */
    public double secondsHigh() {
      return Double.isNaN(low) ? Double.NaN : low > 0 ? 1 / low : Double.POSITIVE_INFINITY;
    }
  }

  /**
   * Where {@code faster} overtakes {@code slower}: at N ≈ {@code n} by the means, somewhere between
   * {@code nLow} and {@code nHigh} by the bounds (NaN where a bound's curve does not cross inside
   * the grid); or one of the other verdicts, with {@code n} NaN.
   */
  public record Crossover(String faster, String slower, Verdict verdict, double n, double nLow, double nHigh) {}

  public enum Verdict {
    /** Slower below N, faster from N on. */
    OVERTAKES,
    /** Faster at every point of the grid. */
    ALWAYS,
    /** Slower at every point. */
    NEVER,
    /** Faster by the means only inside the grid: from N ≈ {@code n} (NaN: from the smallest) to N ≈ {@code nHigh}, slower at the largest. */
    WINDOW,
    /** A result is missing. */
    UNKNOWN
  }

  private final List<String> workloads;
  private final List<Integer> grid;
  private final List<Long> valuesPerStep;
  private final Map<String, List<Rate>> rates = new LinkedHashMap<>();

  private SizeSweep(List<String> workloads, List<Integer> grid, List<Long> valuesPerStep) {
    this.workloads = List.copyOf(workloads);
    this.grid = List.copyOf(grid);
    this.valuesPerStep = List.copyOf(valuesPerStep);
  }

  /** The run's size sweep, or null where it made none. */
  public static SizeSweep of(RunResults results) {
    List<String> workloads = results.env().settings().sizeSweep();
    List<Integer> grid = workloads.stream().map(w -> results.sizes().getOrDefault(w, 0)).toList();
    return read(results, workloads, grid, grid.stream().map(Integer::longValue).toList());
  }

  /** The run's feature sweep (the grid is D; N·D is the same at every point), or null where it made none. */
  public static SizeSweep features(RunResults results) {
    List<String> workloads = results.env().settings().featureSweep();
    Map<String, Integer> d = results.env().workloadFeatures();
    List<Integer> grid = workloads.stream().map(w -> d.getOrDefault(w, 0)).toList();
    List<Long> values = workloads.stream().map(w -> (long) results.sizes().getOrDefault(w, 0) * d.getOrDefault(w, 0)).toList();
    return read(results, workloads, grid, values);
  }

  private static SizeSweep read(RunResults results, List<String> workloads, List<Integer> grid, List<Long> valuesPerStep) {
    if (workloads.isEmpty()) {
      return null;
    }
    SizeSweep sweep = new SizeSweep(workloads, grid, valuesPerStep);
    for (CellId cell : results.cells()) {
      List<Rate> row = new ArrayList<>();
      for (int i = 0; i < workloads.size(); i++) {
        Figure f = results.stepFigure(cell, workloads.get(i));
        row.add(f == null || !f.rate() ? null : new Rate(grid.get(i), f.point(), f.low(), f.high()));
      }
      if (row.stream().anyMatch(r -> r != null)) {
        sweep.rates.put(cell.id(), row);
      }
    }
    return sweep;
  }

  /** Builds a sweep from rates directly: cell → one rate per grid point (null where missing). */
  static SizeSweep of(List<String> workloads, List<Integer> grid, Map<String, List<Rate>> rates) {
    return of(workloads, grid, grid.stream().map(Integer::longValue).toList(), rates);
  }

  /** The same for any sweep: {@code valuesPerStep} is N (size) or N·D (features) at each point. */
  static SizeSweep of(List<String> workloads, List<Integer> grid, List<Long> valuesPerStep, Map<String, List<Rate>> rates) {
    SizeSweep sweep = new SizeSweep(workloads, grid, valuesPerStep);
    sweep.rates.putAll(rates);
    return sweep;
  }

  public List<String> workloads() {
    return workloads;
  }

  /** N at each point, increasing. */
  public List<Integer> grid() {
    return grid;
  }

  /** Values of X one step reads at each point: N (size sweep) or N·D (feature sweep). */
  public long valuesPerStep(int index) {
    return valuesPerStep.get(index);
  }

  /** The cells with at least one point, in the run's order. */
  public List<String> cells() {
    return List.copyOf(rates.keySet());
  }

  /** The measured rate of a cell at a point; null where missing. */
  public Rate point(String cell, int index) {
    List<Rate> row = rates.get(cell);
    return row == null ? null : row.get(index);
  }

  public int smallest() {
    return grid.get(0);
  }

  public int largest() {
    return grid.get(grid.size() - 1);
  }

  /**
   * The cell's rate at {@code n}, interpolated between the two neighbouring points (the point
   * itself on the grid); null where {@code n} is outside the grid or a neighbour is missing.
   */
  public Rate at(String cell, double n) {
    List<Rate> row = rates.get(cell);
    if (row == null || !(n >= smallest()) || !(n <= largest())) {
      return null;
    }
    int i = 0;
    while (i < grid.size() - 1 && grid.get(i + 1) < n) {
      i++;
    }
    Rate a = row.get(i);
    if (grid.get(i) == n || i == grid.size() - 1) {
      return a;
    }
    Rate b = row.get(i + 1);
    if (a == null || b == null) {
      return null;
    }
    double t = (Math.log(n) - Math.log(a.n())) / (Math.log(b.n()) - Math.log(a.n()));
    return new Rate(n, geometric(a.mean(), b.mean(), t), geometric(a.low(), b.low(), t), geometric(a.high(), b.high(), t));
  }

  private static double geometric(double a, double b, double t) {
    return Math.exp((1 - t) * Math.log(a) + t * Math.log(b));
  }

  /**
   * Where {@code a} overtakes {@code b}: the last point from which {@code a} is faster by the means
   * at every larger point, with the crossing N interpolated in log N; its range from the
   * pessimistic (a's low against b's high) and optimistic (a's high against b's low) curves.
   */
  public Crossover crossover(String a, String b) {
    List<Rate> ra = rates.get(a);
    List<Rate> rb = rates.get(b);
    if (ra == null || rb == null || ra.contains(null) || rb.contains(null)) {
      return new Crossover(a, b, Verdict.UNKNOWN, Double.NaN, Double.NaN, Double.NaN);
    }
    int k = grid.size();
    double[] mid = new double[k];
    double[] pessimistic = new double[k];
    double[] optimistic = new double[k];
    for (int i = 0; i < k; i++) {
      mid[i] = Math.log(ra.get(i).mean() / rb.get(i).mean());
      pessimistic[i] = Math.log(ra.get(i).low() / rb.get(i).high());
      optimistic[i] = Math.log(ra.get(i).high() / rb.get(i).low());
    }
    if (!(mid[k - 1] > 0)) {
      return window(a, b, mid);
    }
    int from = k - 1; // the first point of the run of faster points that reaches the largest N
    while (from > 0 && mid[from - 1] > 0) {
      from--;
    }
    if (from == 0) {
      return new Crossover(a, b, Verdict.ALWAYS, Double.NaN, Double.NaN, Double.NaN);
    }
    double n = zero(mid, from - 1);
    return new Crossover(a, b, Verdict.OVERTAKES, n, earliest(optimistic, from), latest(pessimistic));
  }

  /**
   * A cell faster by the means somewhere inside the grid but not at the largest N: the run of
   * faster points around its best point, with the N where it rises above and falls below, in log N.
   */
  private Crossover window(String a, String b, double[] mid) {
    int best = -1;
    for (int i = 0; i < mid.length; i++) {
      if (mid[i] > 0 && (best < 0 || mid[i] > mid[best])) {
        best = i;
      }
    }
    if (best < 0) {
      return new Crossover(a, b, Verdict.NEVER, Double.NaN, Double.NaN, Double.NaN);
    }
    int first = best;
    while (first > 0 && mid[first - 1] > 0) {
      first--;
    }
    int last = best;
    while (last < mid.length - 1 && mid[last + 1] > 0) {
      last++;
    }
    double up = first == 0 ? Double.NaN : zero(mid, first - 1);
    double t = mid[last] / (mid[last] - mid[last + 1]); // last < length - 1: the largest point is not faster
    double down = Math.exp(Math.log(grid.get(last)) + t * (Math.log(grid.get(last + 1)) - Math.log(grid.get(last))));
    return new Crossover(a, b, Verdict.WINDOW, up, Double.NaN, down);
  }

  /** N where the curve crosses zero between points i (at or below zero) and i + 1 (above), in log N. */
  private double zero(double[] curve, int i) {
    double t = -curve[i] / (curve[i + 1] - curve[i]);
    return Math.exp(Math.log(grid.get(i)) + t * (Math.log(grid.get(i + 1)) - Math.log(grid.get(i))));
  }

  /** The optimistic curve's last upward crossing at or before point {@code from}; NaN if it is above zero down to the smallest N. */
  private double earliest(double[] optimistic, int from) {
    if (Double.isNaN(optimistic[from])) {
      return Double.NaN;
    }
    for (int i = from; i > 0; i--) {
      if (optimistic[i] > 0 && !(optimistic[i - 1] > 0)) {
        return Double.isNaN(optimistic[i - 1]) ? Double.NaN : zero(optimistic, i - 1);
      }
    }
    return Double.NaN;
  }

  /** Where the pessimistic curve crosses above zero for the last time, staying above to the largest N; NaN if it is not above there. */
  private double latest(double[] pessimistic) {
    int j = pessimistic.length - 1;
    if (!(pessimistic[j] > 0)) {
      return Double.NaN; // not faster beyond the intervals even at the largest N
    }
    while (j > 0 && pessimistic[j - 1] > 0) { // stops at or after `from`: the pessimistic curve lies below the means'
      j--;
    }
    return Double.isNaN(pessimistic[j - 1]) ? Double.NaN : zero(pessimistic, j - 1);
  }
}
