package gdbench.report;

import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkInterval;
import gdbench.stats.ForkSpread;
import gdbench.stats.IterationShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One JMH result of a run with the fork as the unit, as the report shows it: the mean over fork
 * means with its interval (a Student t interval, at the run's confidence), the forks' spread, and
 * the marks the runner gave it. A result marked {@link #UNSTEADY} or {@link #BIMODAL} is shown as
 * the median and range of its measured iterations (every fork's) with the cause, since a mean and
 * an interval describe neither a trend nor two modes, and the modes of a result whose iterations
 * swing with the GC show within each fork, not between fork means.
 *
 * <p>Times per operation derived from a rate (steps per second) take their bounds from the rate's
 * interval inverted, so they are asymmetric: a rate of 100 ± 50 per second is a time of 10 ms
 * between 6.7 and 20 ms, never "10 ms ± 50%".
 *
 * @param interval the interval over the fork means, in the score's unit
 * @param iterations every measured iteration of every fork, sorted: the median and range of a marked result
 * @param unit JMH's score unit
 * @param marks the runner's marks, or those read from the iterations where the run recorded none
 * @param cause the likeliest cause of a trend or two modes, as the runner named it; null if none
 * @param wide why a steady result's interval is wider than ±{@link #NARROW} ({@link #wideCause}); null
 *     where it is not, is marked unsteady or bimodal, or has fewer than {@link #FEW} forks
 */
record Figure(ForkInterval interval, double[] iterations, String unit, List<String> marks, String cause, String wide) {
  static final String UNSTEADY = "unsteady";
  static final String BIMODAL = "bimodal";
  static final String NOISY_HOST = "noisy-host";
  static final String FEW_FORKS = "few-forks";
  /** An interval no wider than ± this share of the mean is "within ±5%" in the share lines. */
  static final double NARROW = 0.05;
  /** Fewer forks than this make an interval wide by construction (t at 99% is 9.9 with 3 forks, 63.7 with 2). */
  static final int FEW = 3;
  /** Footnote markers for the marks that leave the figure shown but qualify it. */
  static final String NOISY_HOST_NOTE = "†";
  static final String FEW_FORKS_NOTE = "‡";
  /** The kinds of wide interval {@link #wideCause} names, as the share lines count them. */
  static final String HOST_MINUTE = "the host's minute";
  static final String STRAY_FORK = "a stray fork";
  static final String BETWEEN_JVMS = "spread between JVMs";
  static final String BUSY_HOST = "busy host";

  /** The result's figure, or null where it has no measured iteration. {@code entry} is its plan entry, if any. */
  static Figure of(JmhResults.Result r, RunEnvironment.PlanEntry entry, RunEnvironment.Host host, double confidence) {
    return of(r, entry, host, null, confidence);
  }

  /**
   * The same, with the host's shift around each fork ({@link HostTimeline#shifts}; null where
   * unknown), which tells a fork that measured the host's minute from one that measured its JVM.
   */
  static Figure of(JmhResults.Result r, RunEnvironment.PlanEntry entry, RunEnvironment.Host host, double[] shifts, double confidence) {
    double[] means = r.primary().forkMeans();
    if (means.length == 0) {
      return null;
    }
    ForkInterval interval = ForkInterval.of(means, confidence);
    List<String> marks = entry != null && entry.marks() != null ? List.copyOf(entry.marks()) : marksOf(r.primary().raw(), means.length, entry, host);
    double[] iterations = Arrays.stream(r.primary().raw()).flatMapToDouble(Arrays::stream).sorted().toArray();
    boolean shapeMarked = marks.contains(UNSTEADY) || marks.contains(BIMODAL);
    String wide = !shapeMarked && means.length >= FEW && !(interval.relativeHalfWidth() <= NARROW)
        ? wideCause(means, shifts, busyForks(entry, host, means.length), rateUnit(r.primary().unit()), confidence)
        : null;
    return new Figure(interval, iterations, r.primary().unit(), marks, entry == null ? null : entry.cause(), wide);
  }

  /**
   * Why the interval is wide, read from the fork means and the forks' own records: {@link
   * #HOST_MINUTE} (one fork far from the others, and the other results' forks around it moved the
   * same way: without the host's shift it is no stray), {@link #STRAY_FORK} (one fork far from the
   * others on its own, with how far and, where so, that it ran on a busy host), {@link #BUSY_HOST}
   * (no stray, but forks ran while steal or load exceeded the bound), or {@link #BETWEEN_JVMS}
   * (steady forks, steal and load within bounds, that differ as a rule: only more forks narrow it,
   * and how many the cv asks for is said).
   */
  static String wideCause(double[] means, double[] shifts, boolean[] busy, boolean rate, double confidence) {
    ForkSpread spread = ForkSpread.of(means, NARROW, confidence);
    if (spread.hasStray()) {
      int k = spread.stray();
      boolean slower = rate ? spread.strayOff() < 0 : spread.strayOff() > 0;
      String fork = String.format(Locale.ROOT, "fork %d of %d %s %s than the others' median", k + 1, spread.forks(),
          Markdown.percent(Math.abs(spread.strayOff())), slower ? "slower" : "faster");
      double shift = shifts == null ? Double.NaN : shifts[k];
      if (Double.isFinite(shift) && (shift > 0) == slower && !ForkSpread.of(withoutHostShift(means, shifts, rate), NARROW, confidence).hasStray()) {
        return String.format(Locale.ROOT, "%s: %s, and the other results' forks started within a minute of it %s %s than their own "
            + "(the others: cv %s)", HOST_MINUTE, fork, Markdown.percent(Math.expm1(Math.abs(shift))), slower ? "slower" : "faster",
            Markdown.percent(spread.othersCv()));
      }
      return String.format(Locale.ROOT, "%s: %s (the others: cv %s)%s", STRAY_FORK, fork, Markdown.percent(spread.othersCv()),
          busy[k] ? ", on a busy host " + NOISY_HOST_NOTE : "");
    }
    long busyForks = IntStream.range(0, busy.length).filter(i -> busy[i]).count();
    String needed = spread.forksForTarget() < 0 ? "more than " + ForkSpread.MAX_FORKS
        : spread.forksForTarget() <= spread.forks() ? String.valueOf(spread.forks()) : "about " + spread.forksForTarget();
    String forks = String.format(Locale.ROOT, "cv %s over %d forks; ±%s at %s needs %s forks at that cv", Markdown.percent(spread.cv()),
        spread.forks(), Markdown.percent(NARROW).replace(".0%", "%"), Markdown.percent(confidence).replace(".0%", "%"), needed);
    if (busyForks > 0) {
      return BUSY_HOST + ": " + busyForks + " of " + spread.forks() + " forks ran while steal or load exceeded the bound " + NOISY_HOST_NOTE
          + "; " + forks;
    }
    return BETWEEN_JVMS + ": steady forks, steal and load within bounds, " + forks;
  }

  /** The fork means with the host's shift around each taken out (a fork without a known shift unchanged). */
  private static double[] withoutHostShift(double[] means, double[] shifts, boolean rate) {
    double[] out = new double[means.length];
    for (int i = 0; i < means.length; i++) {
      double s = Double.isFinite(shifts[i]) ? shifts[i] : 0;
      out[i] = rate ? means[i] * Math.exp(s) : means[i] * Math.exp(-s);
    }
    return out;
  }

  /** Which forks ran while steal or load exceeded the run's bound, in fork order; none where the run recorded no fork records. */
  private static boolean[] busyForks(RunEnvironment.PlanEntry entry, RunEnvironment.Host host, int forks) {
    boolean[] busy = new boolean[forks];
    if (entry == null || host == null) {
      return busy;
    }
    List<RunEnvironment.ForkRecord> records = entry.forkRecords();
    for (int i = 0; i < forks && i < records.size(); i++) {
      busy[i] = above(records.get(i).steal(), host.stealBound()) || above(records.get(i).load(), host.loadBound());
    }
    return busy;
  }

  static boolean rateUnit(String unit) {
    return unit.contains("/s") || unit.startsWith("ops/");
  }

  /**
   * Marks for a result whose run recorded none (an entry written before its forks were analysed):
   * the shape of the iterations where every fork has three or more, a fork record above the run's
   * steal or load bound, and too few forks. The cause then reads "not recorded".
   */
  private static List<String> marksOf(double[][] raw, int forks, RunEnvironment.PlanEntry entry, RunEnvironment.Host host) {
    List<String> marks = new ArrayList<>();
    double[][] measured = Arrays.stream(raw).filter(f -> f.length > 0).toArray(double[][]::new);
    if (Arrays.stream(measured).allMatch(f -> f.length >= 3)) {
      IterationShape shape = IterationShape.of(measured);
      if (shape.trending()) {
        marks.add(UNSTEADY);
      }
      if (shape.bimodal()) {
        marks.add(BIMODAL);
      }
    }
    if (entry != null && host != null && entry.forkRecords().stream().anyMatch(f -> above(f.steal(), host.stealBound())
        || above(f.load(), host.loadBound()))) {
      marks.add(NOISY_HOST);
    }
    if (forks < FEW) {
      marks.add(FEW_FORKS);
    }
    return marks;
  }

  private static boolean above(Double value, Double bound) {
    return value != null && bound != null && value > bound;
  }

  /** Whether the score is a rate (higher is better), whose time per operation is its inverse. */
  boolean rate() {
    return rateUnit(unit);
  }

  /** Unsteady or bimodal: shown as median and range. */
  boolean marked() {
    return marks.contains(UNSTEADY) || marks.contains(BIMODAL);
  }

  int forks() {
    return interval.forks();
  }

  /** The figure in the score's unit: the mean over fork means, or the median iteration where marked. */
  double point() {
    return marked() ? median(iterations) : interval.mean();
  }

  /** The lower end in the score's unit: of the interval, or of the iterations' range where marked; NaN with one fork. */
  double low() {
    return marked() ? iterations[0] : interval.lower();
  }

  double high() {
    return marked() ? iterations[iterations.length - 1] : interval.upper();
  }

  /** The median of sorted values. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Seconds per operation. */
  double seconds() {
    return toSeconds(point());
  }

  /** The shortest time per operation the interval (or range) allows. */
  double secondsLow() {
    return rate() ? 1 / high() : low() * secondsPerUnit();
  }

  /** The longest; infinite where a rate's interval reaches zero. */
  double secondsHigh() {
    if (!rate()) {
      return high() * secondsPerUnit();
    }
    double lo = low();
    return Double.isNaN(lo) ? Double.NaN : lo > 0 ? 1 / lo : Double.POSITIVE_INFINITY;
  }

  /** Seconds per unit of a time score (ms/op: 1e-3); NaN for a rate. */
  double secondsPerUnit() {
    return switch (unit) {
      case "ns/op" -> 1e-9;
      case "us/op" -> 1e-6;
      case "ms/op" -> 1e-3;
      case "s/op" -> 1;
      default -> Double.NaN;
    };
  }

  /** Steady and with an interval no wider than ±{@link #NARROW}: what the share lines count. */
  boolean narrow() {
    return !marked() && interval.hasInterval() && interval.relativeHalfWidth() <= NARROW;
  }

  /** The time per operation with its bounds: {@code 1.23 µs (−1.0%/+1.1%)} from a rate, {@code 1.23 ms ± 1.0%} from a time. */
  String time() {
    if (marked()) {
      return "median " + Markdown.duration(seconds()) + ", iterations " + Markdown.duration(secondsLow()) + " – "
          + Markdown.duration(secondsHigh()) + " (" + shape() + ")" + notes();
    }
    if (!interval.hasInterval()) {
      return Markdown.duration(seconds()) + " (1 fork)" + notes();
    }
    if (!rate()) {
      return Markdown.duration(seconds()) + " ± " + Markdown.percent(interval.relativeHalfWidth()) + notes();
    }
    double s = seconds();
    double up = secondsHigh();
    return Markdown.duration(s) + " (−" + Markdown.percent((s - secondsLow()) / s) + "/+"
        + (Double.isInfinite(up) ? "∞" : Markdown.percent((up - s) / s)) + ")" + notes();
  }

  /** A rate with its symmetric interval, {@code 812 k ± 1.1%}, or median and range where marked. */
  String rateText() {
    if (marked()) {
      return "median " + Markdown.rate(point()) + ", iterations " + Markdown.rate(low()) + " – " + Markdown.rate(high()) + " (" + shape() + ")"
          + notes();
    }
    if (!interval.hasInterval()) {
      return Markdown.rate(point()) + " (1 fork)" + notes();
    }
    return Markdown.rate(point()) + " ± " + Markdown.percent(interval.relativeHalfWidth()) + notes();
  }

  /**
   * The forks' median and range as time per operation, {@code 5.70 ms [4.90 ms – 6.81 ms]}: how a
   * result with a wide interval is shown beside its cause.
   */
  String forkMedianAndRange() {
    double median = toSeconds(interval.median());
    double a = toSeconds(interval.min());
    double b = toSeconds(interval.max());
    return Markdown.duration(median) + " [" + Markdown.duration(Math.min(a, b)) + " – " + Markdown.duration(Math.max(a, b)) + "]";
  }

  private double toSeconds(double score) {
    return rate() ? 1 / score : score * secondsPerUnit();
  }

  /** The forks' coefficient of variation, the spread beside every interval. */
  String cv() {
    return Markdown.percent(interval.cv());
  }

  /** The shape marks with their cause: {@code bimodal: GC cycle}. */
  String shape() {
    List<String> shape = marks.stream().filter(m -> m.equals(UNSTEADY) || m.equals(BIMODAL)).toList();
    return String.join(", ", shape) + ": " + (cause == null ? "cause not recorded" : cause);
  }

  /** The footnote markers of the marks that qualify a figure without replacing it. */
  String notes() {
    return (marks.contains(NOISY_HOST) ? NOISY_HOST_NOTE : "") + (marks.contains(FEW_FORKS) ? FEW_FORKS_NOTE : "");
  }

  /**
   * {@code a}'s time per operation over {@code b}'s with the interval of the ratio, taken
   * conservatively from both: [a's shortest ÷ b's longest, a's longest ÷ b's shortest].
   */
  static String ratio(Figure a, Figure b) {
    if (a == null || b == null) {
      return "-";
    }
    double r = a.seconds() / b.seconds();
    double lo = a.secondsLow() / b.secondsHigh();
    double hi = a.secondsHigh() / b.secondsLow();
    if (Double.isNaN(lo) || Double.isNaN(hi)) { // a figure from one fork has no interval
      return Markdown.times(r);
    }
    return Markdown.times(r) + " [" + Markdown.sig(lo) + ", " + (Double.isInfinite(hi) ? "∞" : Markdown.sig(hi)) + "]";
  }

  /**
   * "N of M {@code what} have a 99% interval within ±5%; K marked (causes)": how much of a table
   * can be read at face value.
   */
  static String share(String what, List<Figure> figures, double confidence) {
    long narrow = figures.stream().filter(Figure::narrow).count();
    List<Figure> marked = figures.stream().filter(Figure::marked).toList();
    Map<String, Integer> causes = new TreeMap<>();
    for (Figure f : marked) {
      causes.merge(f.shape(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    causes.forEach((shape, n) -> parts.add(n + " " + shape));
    List<Figure> wide = figures.stream().filter(f -> !f.narrow() && !f.marked()).toList();
    Map<String, Integer> why = new java.util.LinkedHashMap<>();
    for (String kind : List.of(HOST_MINUTE, STRAY_FORK, BETWEEN_JVMS, BUSY_HOST)) {
      long n = wide.stream().filter(f -> f.wide() != null && f.wide().startsWith(kind + ":")).count();
      if (n > 0) {
        why.put(kind, (int) n);
      }
    }
    long few = wide.stream().filter(f -> f.wide() == null).count();
    List<String> whyText = new ArrayList<>();
    why.forEach((kind, n) -> whyText.add(n + " " + kind + (kind.equals(BUSY_HOST) ? " " + NOISY_HOST_NOTE : "")));
    if (few > 0) {
      whyText.add(few + " with fewer than " + FEW + " forks " + FEW_FORKS_NOTE);
    }
    return String.format(Locale.ROOT, "**%d of %d %s have a %s interval within ±%s**; %d marked%s%s.", narrow, figures.size(), what,
        Markdown.percent(confidence).replace(".0%", "%"), Markdown.percent(NARROW).replace(".0%", "%"), marked.size(),
        parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")",
        wide.isEmpty() ? "" : String.format(Locale.ROOT, "; %d wider (%s)%s", wide.size(), String.join(", ", whyText),
            why.isEmpty() ? "" : ", each shown with its forks' median and range and its cause under \"Not served, failed, noisy\""))
        + forksForNinetyPercent(figures, confidence);
  }

  /**
   * " At its own cv, 90% of the N steady results would be within ±5% with K forks each (this run: F)":
   * what the ±5% line would cost on this host, from the run's own spreads; empty with fewer than
   * five steady results of three forks or more, or where every one is within ±5% already.
   */
  static String forksForNinetyPercent(List<Figure> figures, double confidence) {
    List<Figure> steady = figures.stream().filter(f -> !f.marked() && f.forks() >= FEW && Double.isFinite(f.interval().cv())).toList();
    if (steady.size() < 5 || steady.stream().allMatch(Figure::narrow)) {
      return "";
    }
    int[] needed = steady.stream().mapToInt(f -> {
      int k = ForkSpread.forksFor(f.interval().cv(), NARROW, confidence);
      return k < 0 ? Integer.MAX_VALUE : k;
    }).sorted().toArray();
    int k = needed[(int) Math.ceil(0.9 * needed.length) - 1];
    int[] forks = steady.stream().mapToInt(Figure::forks).sorted().toArray();
    return String.format(Locale.ROOT, " At its own cv, 90%% of the %d steady results would be within ±%s with %s forks each (this run: %d).",
        steady.size(), Markdown.percent(NARROW).replace(".0%", "%"),
        k == Integer.MAX_VALUE ? "more than " + ForkSpread.MAX_FORKS : String.valueOf(k), forks[forks.length / 2]);
  }
}
