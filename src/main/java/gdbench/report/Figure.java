package gdbench.report;

import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkInterval;
import gdbench.stats.IterationShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 */
record Figure(ForkInterval interval, double[] iterations, String unit, List<String> marks, String cause) {
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

  /** The result's figure, or null where it has no measured iteration. {@code entry} is its plan entry, if any. */
  static Figure of(JmhResults.Result r, RunEnvironment.PlanEntry entry, RunEnvironment.Host host, double confidence) {
    double[] means = r.primary().forkMeans();
    if (means.length == 0) {
      return null;
    }
    ForkInterval interval = ForkInterval.of(means, confidence);
    List<String> marks = entry != null && entry.marks() != null ? List.copyOf(entry.marks()) : marksOf(r.primary().raw(), means.length, entry, host);
    double[] iterations = Arrays.stream(r.primary().raw()).flatMapToDouble(Arrays::stream).sorted().toArray();
    return new Figure(interval, iterations, r.primary().unit(), marks, entry == null ? null : entry.cause());
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
    return unit.contains("/s") || unit.startsWith("ops/");
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
  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Seconds per operation. */
  double seconds() {
    return rate() ? 1 / point() : point() * secondsPerUnit();
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
    List<String> why = new ArrayList<>();
    long few = wide.stream().filter(f -> f.marks().contains(FEW_FORKS)).count();
    long busy = wide.stream().filter(f -> f.marks().contains(NOISY_HOST)).count();
    if (few > 0) {
      why.add(few + " with fewer than " + FEW + " forks " + FEW_FORKS_NOTE);
    }
    if (busy > 0) {
      why.add(busy + " measured on a busy host " + NOISY_HOST_NOTE);
    }
    return String.format(Locale.ROOT, "**%d of %d %s have a %s interval within ±%s**; %d marked%s%s.", narrow, figures.size(), what,
        Markdown.percent(confidence).replace(".0%", "%"), Markdown.percent(NARROW).replace(".0%", "%"), marked.size(),
        parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")",
        wide.isEmpty() ? "" : String.format(Locale.ROOT, "; %d wider and not marked%s", wide.size(),
            why.isEmpty() ? "" : " (" + String.join(", ", why) + ")"));
  }
}
