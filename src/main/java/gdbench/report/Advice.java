package gdbench.report;

import gdbench.core.GdbenchException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which cell to pick for a problem size, from a run's size sweep: every cell's time per step at N
 * (interpolated between the neighbouring points), ranked, and whether the fastest is told apart
 * from the next beyond both intervals. Sizes outside the sweep and shapes it did not measure are
 * refused rather than extrapolated.
 */
public final class Advice {
  /** A cell's rate at the asked N. */
  public record Ranked(String cell, SizeSweep.Rate rate) {}

  private Advice() {}

  /** The cells with a rate at {@code n}, fastest first. */
  public static List<Ranked> rank(SizeSweep sweep, double n) {
    List<Ranked> ranked = new ArrayList<>();
    for (String cell : sweep.cells()) {
      SizeSweep.Rate r = sweep.at(cell, n);
      if (r != null && r.mean() > 0) {
        ranked.add(new Ranked(cell, r));
      }
    }
    ranked.sort(Comparator.comparingDouble(r -> r.rate().seconds()));
    return ranked;
  }

  /**
   * The answer for N samples of D features at T threads ({@code threads} null: the run's), as
   * Markdown; throws {@link GdbenchException} where the run cannot answer it.
   */
  public static String render(RunResults results, String run, long n, int d, Integer threads) {
    Integer recorded = results.env().threads() == null ? null : results.env().threads().threads();
    return render(SizeSweep.of(results), SizeSweep.features(results), recorded == null ? 1 : recorded, run, n, d, threads);
  }

  /**
   * One feature: from the size sweep, along N. Several: from the feature sweep, along D, where N·D
   * is the sweep's (it varies D at one N·D only).
   */
  static String render(SizeSweep sizes, SizeSweep features, int runThreads, String run, long n, int d, Integer threads) {
    if (d == 1) {
      if (sizes == null) {
        throw new GdbenchException(run + " has no size sweep (run the benchmarks with -Dbench.sweep=size)");
      }
      return render(sizes, "N", n, runThreads, run, n, d, threads);
    }
    if (features == null) {
      throw new GdbenchException(run + " has no feature sweep (run the benchmarks with -Dbench.sweep=features): no answer for D = " + d);
    }
    long values = features.valuesPerStep(0);
    if (n * d != values) {
      throw new GdbenchException(String.format(Locale.ROOT, "the feature sweep of %s holds N·D = %,d; N = %,d, D = %d (N·D = %,d) is outside it:"
          + " no answer by extrapolation", run, values, n, d, n * d));
    }
    return render(features, "D", d, runThreads, run, n, d, threads);
  }

  /** Size sweep only (the tests' entry). */
  static String render(SizeSweep sweep, int runThreads, String run, long n, int d, Integer threads) {
    return render(sweep, null, runThreads, run, n, d, threads);
  }

  private static String render(SizeSweep sweep, String axis, long x, int runThreads, String run, long n, int d, Integer threads) {
    if (threads != null && threads != runThreads) {
      throw new GdbenchException(run + " measured " + runThreads + " thread" + (runThreads == 1 ? "" : "s") + " (no thread sweep): no answer for "
          + threads);
    }
    if (x < sweep.smallest() || x > sweep.largest()) {
      throw new GdbenchException(String.format(Locale.ROOT, "%s = %,d is outside the sweep of %s (%s = %,d to %,d): no answer by extrapolation",
          axis, x, run, axis, sweep.smallest(), sweep.largest()));
    }
    List<Ranked> ranked = rank(sweep, x);
    if (ranked.isEmpty()) {
      throw new GdbenchException(String.format(Locale.ROOT, "%s has no results around %s = %,d", run, axis, x));
    }
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "N = %,d, D = %d, %d thread%s, from %s (%s)%n%n", n, d, runThreads, runThreads == 1 ? "" : "s", run,
        where(sweep, axis, x)));
    Markdown.Table t = new Markdown.Table(">#", "cell", ">time per step", ">low", ">high", ">× fastest");
    double best = ranked.get(0).rate().seconds();
    for (int i = 0; i < ranked.size(); i++) {
      SizeSweep.Rate r = ranked.get(i).rate();
      t.row(i + 1, "`" + ranked.get(i).cell() + "`", Markdown.duration(r.seconds()), bound(r.secondsLow()), bound(r.secondsHigh()),
          Markdown.times(r.seconds() / best));
    }
    md.append(t.render()).append('\n').append(verdict(ranked)).append('\n');
    return md.toString();
  }

  private static String bound(double seconds) {
    return Double.isFinite(seconds) && seconds > 0 ? Markdown.duration(seconds) : "-";
  }

  /** "a measured point" or "interpolated between N = a and b" (or D, along the feature sweep). */
  static String where(SizeSweep sweep, String axis, double n) {
    List<Integer> grid = sweep.grid();
    if (grid.contains((int) n) && n == Math.rint(n)) {
      return "a measured point";
    }
    int i = 0;
    while (grid.get(i + 1) < n) {
      i++;
    }
    return String.format(Locale.ROOT, "interpolated in log %s between the points %s = %,d and %,d", axis, axis, grid.get(i), grid.get(i + 1));
  }

  /** Pick the fastest where it wins beyond both intervals; otherwise say the first two are not told apart. */
  static String verdict(List<Ranked> ranked) {
    Ranked first = ranked.get(0);
    if (ranked.size() == 1) {
      return "Only `" + first.cell() + "` has a result here.";
    }
    Ranked second = ranked.get(1);
    double ratio = second.rate().seconds() / first.rate().seconds();
    double low = second.rate().secondsLow() / first.rate().secondsHigh();
    double high = second.rate().secondsHigh() / first.rate().secondsLow();
    String range = Double.isFinite(low) && Double.isFinite(high) ? String.format(Locale.ROOT, "%s to %s", Markdown.times(low), Markdown.times(high))
        : Double.isFinite(low) ? "at least " + Markdown.times(low) + ": an interval is open"
        : "no interval";
    if (low > 1) {
      return String.format(Locale.ROOT, "Pick `%s`: %s faster than `%s` (%s).", first.cell(), Markdown.times(ratio), second.cell(), range);
    }
    return String.format(Locale.ROOT, "`%s` and `%s` are not told apart here: %s by the means, but their intervals overlap (%s).",
        first.cell(), second.cell(), Markdown.times(ratio), range);
  }
}
