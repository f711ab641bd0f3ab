package gdbench.report;

import gdbench.core.GdbenchException;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.stats.ForkInterval;
import gdbench.stats.Holm;
import gdbench.stats.IterationShape;
import gdbench.stats.LogRatio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two sets of runs side by side, with the fork as the unit. Per result (benchmark and parameters),
 * each side's fork means are pooled over its run folders, and B/A is the ratio of their geometric
 * means, tested by Welch's t on their logarithms. A result's noise floor is the pooled standard
 * deviation of its log fork means (about their coefficient of variation), and its threshold is
 * the larger of the caller's and {@link #NOISE_MULTIPLE} times that floor. The p-value of "the
 * change is within the threshold" is corrected by Holm over every result tested; a change is
 * marked only when its corrected interval lies wholly beyond the threshold. Results with fewer
 * than {@link #MIN_FORKS} forks on a side, or whose iterations trend or are bimodal, are not
 * tested: their verdict is {@link Verdict#UNCERTAIN}.
 *
 * <p>Iterations inside one fork are not samples: they trend, alternate with the GC and share the
 * JVM's compilation and heap layout, and the variation that dominates is the one between JVMs.
 */
public final class Comparison {
  public static final double DEFAULT_THRESHOLD = 0.10;
  /** The family-wise error rate of the whole comparison: the chance that a gate fails on noise. */
  public static final double DEFAULT_ALPHA = 0.05;
  public static final int MIN_FORKS = 3;
  public static final double NOISE_MULTIPLE = 3;

  public enum Verdict { REGRESSION, IMPROVEMENT, UNCHANGED, UNCERTAIN }

  /** What each result is divided by before the comparison: nothing, its run's floor of the same workload, or its run's canary. */
  public enum Normalize {
    NONE, FLOOR, CANARY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param threshold smallest change to mark, as a fraction (0.10: B takes 1.1× A's time, or 1/1.1)
   * @param alpha family-wise error rate of the Holm correction
   */
  public record Options(double threshold, double alpha, Normalize normalize) {
    public static Options of(double threshold) {
      return new Options(threshold, DEFAULT_ALPHA, Normalize.NONE);
    }
  }

  /** One run folder of a side: its results, and (null for bare result lists) the folder and its optional env.json fields. */
  public record Member(String name, RunData run, List<JmhResults.Result> results, RunExtras extras) {}

  /** One side of the comparison: one or more run folders, whose forks are pooled per result. */
  public record Side(List<Member> members) {
    public static Side of(List<RunData> runs) {
      if (runs.isEmpty()) {
        throw new GdbenchException("a side of the comparison has no run folder");
      }
      return new Side(runs.stream().map(r -> new Member(r.machine() + "/" + r.run(), r, r.results(), RunExtras.read(r))).toList());
    }

    /** Bare results, as one run folder without env.json extras (tests, and callers with results in memory). */
    public static Side ofResults(List<JmhResults.Result> results) {
      return new Side(List.of(new Member("results", null, results, RunExtras.none())));
    }
  }

  /**
   * One result compared.
   *
   * @param forksA forks pooled in A
   * @param valueA geometric mean of A's fork means, in {@code unit}
   * @param ratio valueB / valueA
   * @param low lower bound of B/A's interval at {@code confidence}; NaN when not testable
   * @param confidence 1 − the Holm level the result was tested at (for an uncertain result, the level
   *     at which the procedure stopped)
   * @param threshold the change that must be exceeded: max(the caller's, 3 × noise)
   * @param noise the between-fork standard deviation of the log fork means, pooled over both sides (NaN with one fork a side)
   * @param p the p-value of "the change is within the threshold", before correction (1 when not tested)
   * @param reason why uncertain, else empty
   */
  public record Row(String key, JmhResults.Result a, JmhResults.Result b, int forksA, int forksB, double valueA, double valueB,
      String unit, double ratio, double low, double high, double confidence, double threshold, double noise, double p,
      Verdict verdict, String reason) {}

  /**
   * @param incomparable results present in both runs but measured differently (another JMH mode or
   *     unit, as when a benchmark changed between the runs), or without a reference to normalize by
   * @param tested how many results entered the correction
   * @param notes lines the caller prints under the header (normalization references, noisy hosts)
   */
  public record Outcome(List<Row> rows, List<String> onlyInA, List<String> onlyInB, Map<String, String> incomparable,
      Map<String, String> ignoredParams, Options options, int tested, List<String> notes) {
    public boolean hasRegression() {
      return count(Verdict.REGRESSION) > 0;
    }

    public long count(Verdict v) {
      return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /**
     * Of the rows with two forks or more on each side, how many have overlapping 99% t intervals
     * over their raw fork means (not normalized): whether two runs of one commit agree, a weaker
     * question than the test above and the one a reproducibility check asks. {overlapping, rows}.
     */
    public int[] overlapping() {
      int both = 0;
      int overlap = 0;
      for (Row r : rows) {
        ForkInterval a = ForkInterval.of(forkMeans(r.a()));
        ForkInterval b = ForkInterval.of(forkMeans(r.b()));
        if (a.hasInterval() && b.hasInterval()) {
          both++;
          overlap += a.overlaps(b) ? 1 : 0;
        }
      }
      return new int[] {overlap, both};
    }
  }

  private Comparison() {}

  /** One result list against another, unnormalized. */
  public static Outcome compare(List<JmhResults.Result> a, List<JmhResults.Result> b, double threshold) {
    return compare(Side.ofResults(a), Side.ofResults(b), Options.of(threshold));
  }

  /**
   * Matches results on benchmark and parameters. Parameters that are constant within each side but
   * differ between the sides (a CPU run against a GPU run: {@code device}) are left out of the match
   * and reported in {@link Outcome#ignoredParams()}.
   *
   * @throws GdbenchException when normalizing by a floor or canary that a run folder lacks
   */
  public static Outcome compare(Side a, Side b, Options options) {
    if (!(options.threshold() >= 0) || !(options.alpha() > 0 && options.alpha() < 1)) {
      throw new GdbenchException("the threshold must be >= 0 and alpha in (0, 1), got " + options.threshold() + " and " + options.alpha());
    }
    List<String> notes = new ArrayList<>();
    if (options.normalize() != Normalize.NONE) {
      requireReferences(a, options.normalize(), notes);
      requireReferences(b, options.normalize(), notes);
    }
    Map<String, String> ignored = new TreeMap<>();
    Map<String, String> constA = constantParams(a);
    Map<String, String> constB = constantParams(b);
    for (Map.Entry<String, String> e : constA.entrySet()) {
      String other = constB.get(e.getKey());
      if (other != null && !other.equals(e.getValue())) {
        ignored.put(e.getKey(), e.getValue() + " vs " + other);
      }
    }
    Map<String, List<Pick>> byKeyA = index(a, ignored.keySet());
    Map<String, List<Pick>> byKeyB = index(b, ignored.keySet());
    List<String> onlyA = new ArrayList<>();
    Map<String, String> incomparable = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    for (Map.Entry<String, List<Pick>> e : byKeyA.entrySet()) {
      String key = e.getKey();
      List<Pick> pa = e.getValue();
      List<Pick> pb = byKeyB.get(key);
      if (pb == null) {
        onlyA.add(key);
        continue;
      }
      if (options.normalize() == Normalize.FLOOR && RunExtras.isFloor(pa.get(0).result())) {
        continue; // a floor over itself is 1 by definition: it is the reference, listed in the notes
      }
      String why = measuredDifferently(pa, pb);
      if (why != null) {
        incomparable.put(key, why);
        continue;
      }
      Pooled sa = pool(a, pa, options.normalize(), ignored.keySet(), "A");
      Pooled sb = pool(b, pb, options.normalize(), ignored.keySet(), "B");
      if (sa.missing() != null || sb.missing() != null) {
        incomparable.put(key, sa.missing() != null ? sa.missing() : sb.missing());
        continue;
      }
      pending.add(new Pending(key, pa.get(0).result(), pb.get(0).result(), sa, sb));
    }
    long noisy = pending.stream().filter(p -> p.sa().noisyHost() || p.sb().noisyHost()).count();
    if (noisy > 0) {
      notes.add("note: " + noisy + " result(s) marked noisy-host by their run (CPU steal or load beyond the harness's bound while they"
          + " were measured): their forks carry the host's noise, which widens their intervals");
    }
    List<String> onlyB = byKeyB.keySet().stream().filter(k -> !byKeyA.containsKey(k))
        .filter(k -> options.normalize() != Normalize.FLOOR || !RunExtras.isFloor(byKeyB.get(k).get(0).result())).toList();
    return new Outcome(test(pending, options), onlyA, onlyB, incomparable, ignored, options,
        (int) pending.stream().filter(p -> p.uncertainty() == null).count(), notes);
  }

  /** A result of one member of a side. */
  private record Pick(int member, JmhResults.Result result) {}

  /**
   * A side's fork values of one result: logarithms, normalized when asked, with the variance the
   * references add, whether the iterations are steady, and why it cannot be compared, if so.
   */
  private record Pooled(double[] logs, double extraVariance, String shape, String missing, boolean noisyHost) {}

  private record Pending(String key, JmhResults.Result a, JmhResults.Result b, Pooled sa, Pooled sb) {
    String uncertainty() {
      if (sa.logs().length < MIN_FORKS || sb.logs().length < MIN_FORKS) {
        return String.format(Locale.ROOT, "%d/%d forks", sa.logs().length, sb.logs().length);
      }
      if (sa.shape() != null || sb.shape() != null) {
        return sa.shape() != null ? sa.shape() : sb.shape();
      }
      return null;
    }
  }

  private static List<Row> test(List<Pending> pending, Options options) {
    List<Integer> tested = new ArrayList<>();
    List<LogRatio> ratios = new ArrayList<>();
    double[] thresholds = new double[pending.size()];
    double[] noises = new double[pending.size()];
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      LogRatio lr = LogRatio.of(p.sa().logs(), p.sb().logs(), p.sa().extraVariance(), p.sb().extraVariance());
      ratios.add(lr);
      noises[i] = lr.pooledSd();
      thresholds[i] = Double.isNaN(noises[i]) ? options.threshold() : Math.max(options.threshold(), NOISE_MULTIPLE * noises[i]);
      if (p.uncertainty() == null) {
        tested.add(i);
      }
    }
    double[] p = new double[tested.size()];
    for (int j = 0; j < p.length; j++) {
      int i = tested.get(j);
      p[j] = ratios.get(i).pBeyond(Math.log1p(thresholds[i]));
    }
    Holm holm = Holm.of(p, options.alpha());
    double stop = options.alpha();
    for (int j = 0; j < p.length; j++) {
      if (!holm.rejected()[j]) {
        stop = holm.level()[j];
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Pending pe = pending.get(i);
      LogRatio lr = ratios.get(i);
      int j = tested.indexOf(i);
      double level = j >= 0 ? holm.level()[j] : stop;
      double[] ci = lr.interval(1 - level);
      Verdict verdict;
      String reason = "";
      if (j < 0) {
        verdict = Verdict.UNCERTAIN;
        reason = pe.uncertainty();
      } else if (!holm.rejected()[j]) {
        verdict = Verdict.UNCHANGED;
      } else {
        // A ratio above 1 is better for rates (ops/s), worse for times (us/op).
        boolean better = pe.a().primary().higherIsBetter() == lr.difference() > 0;
        verdict = better ? Verdict.IMPROVEMENT : Verdict.REGRESSION;
      }
      rows.add(new Row(pe.key(), pe.a(), pe.b(), lr.nA(), lr.nB(), Math.exp(lr.meanA()), Math.exp(lr.meanB()),
          unit(pe.a(), options.normalize()), lr.ratio(), ci[0], ci[1], 1 - level, thresholds[i], noises[i], j >= 0 ? p[j] : 1, verdict,
          reason));
    }
    return rows;
  }

  private static String unit(JmhResults.Result r, Normalize n) {
    return n == Normalize.NONE ? r.primary().unit() : "x " + n.id();
  }

  private static String measuredDifferently(List<Pick> pa, List<Pick> pb) {
    JmhResults.Result ra = pa.get(0).result();
    JmhResults.Result rb = pb.get(0).result();
    for (List<Pick> side : List.of(pa, pb)) {
      for (Pick p : side) {
        JmhResults.Result r = p.result();
        if (!r.mode().equals(side.get(0).result().mode()) || !r.primary().unit().equals(side.get(0).result().primary().unit())) {
          return "measured differently within " + (side == pa ? "A" : "B") + ": as " + side.get(0).result().mode() + " in "
              + side.get(0).result().primary().unit() + " and as " + r.mode() + " in " + r.primary().unit();
        }
      }
    }
    if (!ra.mode().equals(rb.mode()) || !ra.primary().unit().equals(rb.primary().unit())) {
      return "measured as " + ra.mode() + " in " + ra.primary().unit() + " in A, as " + rb.mode() + " in " + rb.primary().unit() + " in B";
    }
    return null;
  }

  /** A side's fork means of one result, as logarithms, each over its own run's reference when normalizing. */
  private static Pooled pool(Side side, List<Pick> picks, Normalize normalize, Set<String> ignored, String label) {
    List<Double> logs = new ArrayList<>();
    List<double[][]> unmarked = new ArrayList<>();
    String shape = null;
    boolean noisyHost = false;
    double[] counts = new double[side.members().size()];
    double[] refVariance = new double[side.members().size()];
    for (Pick p : picks) {
      Member m = side.members().get(p.member());
      JmhResults.Result r = p.result();
      double offset = 0;
      if (normalize != Normalize.NONE) {
        double[] ref = reference(m, r, normalize, ignored);
        if (ref == null) {
          return new Pooled(null, 0, null, "no " + normalize.id() + " for workload " + r.param("workload") + " in " + label + "'s run " + m.name(),
              false);
        }
        // ln(rate / speed) for a rate, ln(time × speed) for a time: both say "relative to this host"
        offset = r.primary().higherIsBetter() ? ref[0] : -ref[0];
        refVariance[p.member()] = ref[1];
      }
      for (double mean : forkMeans(r)) {
        if (mean > 0 && Double.isFinite(mean)) {
          logs.add(Math.log(mean) - offset);
          counts[p.member()]++;
        }
      }
      // One run folder a side: its own marks, where it recorded them. Several (scripts/ab, one fork
      // each): the shape of all their forks together, which says more than each folder's one fork.
      RunExtras.PlanMarks recorded = m.extras().marksOf(m.run(), r);
      noisyHost |= recorded != null && recorded.marks() != null && recorded.marks().contains("noisy-host");
      RunExtras.PlanMarks marks = side.members().size() == 1 ? recorded : null;
      if (marks != null && marks.marks() != null) {
        if (shape == null && (marks.marks().contains("unsteady") || marks.marks().contains("bimodal"))) {
          shape = (marks.marks().contains("unsteady") ? "unsteady" : "bimodal") + " in " + label + " (marked by the run)";
        }
      } else if (r.primary().raw().length > 0) {
        unmarked.add(r.primary().raw());
      }
    }
    if (shape == null && !unmarked.isEmpty()) {
      double[][] forks = unmarked.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new);
      IterationShape s = IterationShape.of(forks);
      shape = s.trending() ? "unsteady in " + label : s.bimodal() ? "bimodal in " + label : null;
    }
    double n = logs.size();
    double extra = 0;
    for (int i = 0; i < counts.length; i++) {
      extra += n == 0 ? 0 : (counts[i] / n) * (counts[i] / n) * refVariance[i];
    }
    return new Pooled(logs.stream().mapToDouble(Double::doubleValue).toArray(), extra, shape, null, noisyHost);
  }

  /** Per fork, the mean of its measured iterations; the score alone where JMH kept no raw data. */
  static double[] forkMeans(JmhResults.Result r) {
    double[][] raw = r.primary().raw();
    List<Double> means = new ArrayList<>();
    for (double[] fork : raw) {
      if (fork.length > 0) {
        means.add(java.util.Arrays.stream(fork).average().orElseThrow());
      }
    }
    if (means.isEmpty()) {
      means.add(r.primary().score());
    }
    return means.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The logarithm of a run's speed (higher is a faster host) and that logarithm's variance: the
   * floor's rate for the result's workload, threads and device, or the inverse of the canary's
   * level (passes per second). Null where the run has none for this result.
   */
  private static double[] reference(Member m, JmhResults.Result r, Normalize normalize, Set<String> ignored) {
    if (normalize == Normalize.CANARY) {
      RunExtras.Canary c = m.extras().canary();
      return c == null || !(c.level() > 0) ? null : new double[] {-Math.log(c.level() * 1e-9), c.logLevelVariance()};
    }
    for (JmhResults.Result f : m.results()) {
      if (!RunExtras.isFloor(f) || !same(f, r, "workload", ignored) || !same(f, r, "threads", ignored) || !same(f, r, "device", ignored)) {
        continue;
      }
      double[] means = forkMeans(f);
      double sum = 0;
      for (double v : means) {
        sum += Math.log(v);
      }
      double mean = sum / means.length;
      double ss = 0;
      for (double v : means) {
        ss += (Math.log(v) - mean) * (Math.log(v) - mean);
      }
      double variance = means.length < 2 ? 0 : ss / (means.length - 1) / means.length;
      return new double[] {f.primary().higherIsBetter() ? mean : -mean, variance};
    }
    return null;
  }

  private static boolean same(JmhResults.Result floor, JmhResults.Result r, String param, Set<String> ignored) {
    String a = floor.param(param);
    String b = r.param(param);
    return a == null || b == null || ignored.contains(param) || a.equals(b);
  }

  /** Refuses, in one line, to normalize by what a run folder lacks; notes what each run is normalized by. */
  private static void requireReferences(Side side, Normalize normalize, List<String> notes) {
    for (Member m : side.members()) {
      if (normalize == Normalize.CANARY) {
        RunExtras.Canary c = m.extras().canary();
        if (c == null) {
          throw new GdbenchException(where(m) + ": no host canary in env.json: --normalize canary needs runs whose harness recorded one");
        }
        notes.add(String.format(Locale.ROOT, "normalized by %s's canary: %.4g ns per pass (drift %+.1f%%, spread %.1f%%%s)", m.name(), c.level(),
            100 * c.drift(), 100 * c.spread(), c.noisy() ? ", NOISY" : ""));
      } else {
        List<JmhResults.Result> floors = m.results().stream().filter(RunExtras::isFloor).toList();
        if (floors.isEmpty()) {
          throw new GdbenchException(where(m) + ": no floor benchmark (" + RunExtras.FLOOR_BENCHMARK
              + ") in jmh.json: --normalize floor needs runs whose harness measured one");
        }
        List<String> parts = new ArrayList<>();
        for (JmhResults.Result f : floors) {
          parts.add(String.format(Locale.ROOT, "%s %.4g %s", f.param("workload"), f.primary().score(), f.primary().unit()));
        }
        notes.add("normalized by " + m.name() + "'s floor: " + String.join(", ", parts));
      }
    }
  }

  private static String where(Member m) {
    return m.run() == null ? m.name() : m.run().dir().toString();
  }

  private static Map<String, String> constantParams(Side side) {
    Map<String, Set<String>> values = new TreeMap<>();
    for (Member m : side.members()) {
      for (JmhResults.Result r : m.results()) {
        r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
      }
    }
    Map<String, String> constant = new TreeMap<>();
    values.forEach((k, v) -> {
      if (v.size() == 1) {
        constant.put(k, v.iterator().next());
      }
    });
    return constant;
  }

  private static Map<String, List<Pick>> index(Side side, Set<String> ignore) {
    Map<String, List<Pick>> map = new LinkedHashMap<>();
    for (int i = 0; i < side.members().size(); i++) {
      for (JmhResults.Result r : side.members().get(i).results()) {
        Map<String, String> params = new TreeMap<>(r.params());
        params.keySet().removeAll(ignore);
        map.computeIfAbsent(r.benchmarkClass() + "." + r.method() + " " + params, k -> new ArrayList<>()).add(new Pick(i, r));
      }
    }
    return map;
  }

  /** The method in one line, for the output and the report. */
  public static String method(Outcome o) {
    Options opt = o.options();
    return String.format(Locale.ROOT, "method: per result, the forks' means (the fork is the unit, not the iteration)%s, compared by Welch's t on"
        + " their logarithms; threshold per result max(%s%%, %s x the between-fork variation); Holm correction over the %d results tested,"
        + " %s%% family-wise; marked only when the whole corrected interval lies beyond the threshold; fewer than %d forks a side, or"
        + " iterations unsteady or bimodal: uncertain, never a failure",
        opt.normalize() == Normalize.NONE ? "" : " each over its own run's " + opt.normalize().id(),
        trim(100 * opt.threshold()), trim(NOISE_MULTIPLE), o.tested(), trim(100 * opt.alpha()), MIN_FORKS);
  }

  static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
