package gdbench.report;

import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.stats.ChangePoints;
import gdbench.stats.ForkInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every run of one machine in commit order: per benchmark family (step, target, …), per cell and
 * workload, the time per step (or per operation) of each run with its interval, and the steps a
 * change-point search finds in that series, each named by the run and commit that first shows it.
 * Runs whose fingerprint differs (CPU, SIMD set, native kernel, JDK, device) form series of their
 * own: a new host is not a regression.
 */
public final class History {
  /** The smallest step reported: smaller moves between runs on one host are common without any change of code. */
  public static final double DEFAULT_MIN_STEP = 0.10;
  /** The chance of a false step in one series. */
  public static final double ALPHA = 0.01;
  /** JMH's error is the half-width of a 99.9% interval: about 3.29 standard errors. */
  private static final double Z_999 = 3.29;

  /**
   * One run in the order of the history.
   *
   * @param number 1-based position
   * @param commit the full commit, or null
   * @param subject the commit's subject line, where git knows it
   * @param fingerprint the id of its fingerprint, F1, F2, …
   */
  public record Run(int number, RunData data, String commit, String subject, String fingerprint) {
    public String shortCommit() {
      return commit == null ? "?" : commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
  }

  /**
   * One run's result in a series, in seconds per operation (per step for the step benchmark).
   *
   * @param run the run's number
   * @param low lower bound: of the 99% fork interval with two forks or more, else of JMH's 99.9% error
   * @param logVariance the variance of ln(seconds), for the change-point search
   */
  public record Point(int run, double seconds, double low, double high, int forks, double logVariance) {}

  /** A step: from {@code run} on (a run number), the level moved from {@code before} to {@code after} seconds. */
  public record Step(int run, double before, double after) {
    public double ratio() {
      return after / before;
    }
  }

  /**
   * One cell and workload of one family on one fingerprint and measuring mode.
   *
   * @param panel what the chart's panel groups: workload, and mode and unit where the family used several
   * @param label the cell, with its fingerprint and parameters where they tell series apart
   */
  public record Series(String family, String panel, String cell, String workload, String fingerprint, String label, List<Point> points,
      List<Step> steps) {}

  /**
   * @param order how the runs were ordered, in words
   * @param fingerprints id → description
   * @param families family → its benchmark's JMH name
   * @param skipped run folders that could not be read, with why
   */
  public record Model(String machine, List<Run> runs, String order, Map<String, String> fingerprints, Map<String, String> families,
      List<Series> series, List<String> skipped, double minStep) {
    public List<Series> of(String family) {
      return series.stream().filter(s -> s.family().equals(family)).toList();
    }

    public List<Series> withSteps() {
      return series.stream().filter(s -> !s.steps().isEmpty()).toList();
    }
  }

  /** What git knows of a commit: its position in the history (0 the oldest) and its subject. */
  public record Commit(int rank, String subject) {}

  private History() {}

  /**
   * @param commits what git says of each commit (empty where git is not available): the runs are put
   *     in commit order when every run's commit is known, else in the order they started
   */
  public static Model build(String machine, List<RunData> runs, Map<String, Commit> commits, List<String> skipped, double minStep) {
    List<RunData> ordered = new ArrayList<>(runs);
    Comparator<RunData> byStart = Comparator.comparing((RunData r) -> r.env().startedAt() == null ? r.run() : r.env().startedAt());
    String order;
    List<String> unknown = runs.stream().map(r -> r.env().git().commit()).filter(c -> c == null || !commits.containsKey(c)).distinct().toList();
    if (unknown.isEmpty() && !runs.isEmpty()) {
      ordered.sort(Comparator.comparingInt((RunData r) -> commits.get(r.env().git().commit()).rank()).thenComparing(byStart));
      order = "commit order (git), then the time each run started";
    } else {
      ordered.sort(byStart);
      order = commits.isEmpty() ? "the time each run started (no git history here)"
          : "the time each run started (git does not know commit " + Markdown.or(unknown.get(0), "none") + ")";
    }
    Map<String, String> fingerprints = new LinkedHashMap<>();
    List<Run> list = new ArrayList<>();
    for (RunData r : ordered) {
      String fp = fingerprint(r);
      if (!fingerprints.containsValue(fp)) {
        fingerprints.put("F" + (fingerprints.size() + 1), fp);
      }
      String id = fingerprints.entrySet().stream().filter(e -> e.getValue().equals(fp)).findFirst().orElseThrow().getKey();
      String commit = r.env().git().commit();
      Commit c = commit == null ? null : commits.get(commit);
      list.add(new Run(list.size() + 1, r, commit, c == null ? null : c.subject(), id));
    }
    Map<String, String> families = new LinkedHashMap<>();
    Map<String, List<Point>> points = new LinkedHashMap<>();
    Map<String, String[]> describe = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> modesByFamily = new TreeMap<>();
    for (Run run : list) {
      // A heap size tells two results of one run apart (the harness measures GC-bound cells at two);
      // elsewhere it is the run's setting, and runs from before it was a parameter join the series.
      Map<String, Integer> perCell = new java.util.HashMap<>();
      for (JmhResults.Result res : run.data().results()) {
        perCell.merge(res.benchmark() + "|" + res.param("cell") + "|" + res.param("workload"), 1, Integer::sum);
      }
      for (JmhResults.Result res : run.data().results()) {
        Point p = point(run.number(), res);
        if (p == null) {
          continue;
        }
        String id = RunExtras.benchmarkId(run.data(), res);
        String family = id != null ? id : res.benchmarkClass().toLowerCase(Locale.ROOT);
        families.putIfAbsent(family, res.benchmark());
        String mode = res.mode() + " in " + res.primary().unit();
        modesByFamily.computeIfAbsent(family, f -> new java.util.TreeSet<>()).add(mode);
        String cell = Markdown.or(res.param("cell"), family);
        String workload = Markdown.or(res.param("workload"), "-");
        Map<String, String> others = new TreeMap<>(res.params());
        others.keySet().removeAll(List.of("cell", "workload", "device"));
        others.remove("threads", "1");
        if (perCell.get(res.benchmark() + "|" + res.param("cell") + "|" + res.param("workload")) == 1) {
          others.remove("heap");
        }
        String key = String.join("|", family, workload, mode, cell, others.toString(), run.fingerprint());
        points.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        describe.putIfAbsent(key, new String[] {family, workload, mode, cell, others.isEmpty() ? "" : " " + others, run.fingerprint()});
      }
    }
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, List<Point>> e : points.entrySet()) {
      String[] d = describe.get(e.getKey());
      boolean severalModes = modesByFamily.get(d[0]).size() > 1;
      String panel = d[1] + (severalModes ? " (" + d[2] + ")" : "");
      String label = d[3] + d[4] + (fingerprints.size() > 1 ? " [" + d[5] + "]" : "");
      series.add(new Series(d[0], panel, d[3], d[1], d[5], label, e.getValue(), steps(e.getValue(), minStep)));
    }
    return new Model(machine, list, order, fingerprints, families, series, skipped, minStep);
  }

  /** What must match for two runs to sit on one line: CPU, cores and SIMD set, native kernel where recorded, JDK, device. */
  static String fingerprint(RunData r) {
    RunExtras extras = RunExtras.read(r);
    return r.hardware() + " · JDK " + Markdown.or(r.env().jdk().version(), "?")
        + (extras.nativeKernel() == null ? "" : " · native kernel " + extras.nativeKernel()) + " · " + r.device();
  }

  /** A result as seconds per operation with its interval; null for a unit that is no rate or time. */
  static Point point(int run, JmhResults.Result r) {
    String unit = r.primary().unit();
    double perUnit = secondsPer(unit);
    boolean rate = isRate(unit);
    if (Double.isNaN(perUnit)) {
      return null;
    }
    double[] forks = Comparison.forkMeans(r);
    double mean;
    double lo;
    double hi;
    double logVariance;
    if (forks.length >= 2) {
      ForkInterval fi = ForkInterval.of(forks);
      mean = fi.mean();
      lo = fi.lower();
      hi = fi.upper();
      logVariance = fi.cv() * fi.cv() / forks.length;
    } else {
      mean = forks[0];
      double err = Double.isFinite(r.primary().error()) ? r.primary().error() : 0;
      lo = mean - err;
      hi = mean + err;
      logVariance = Math.pow(err / mean / Z_999, 2);
    }
    if (!(mean > 0)) {
      return null;
    }
    double seconds = rate ? perUnit / mean : mean * perUnit;
    double low = rate ? (hi > 0 ? perUnit / hi : Double.NaN) : (lo > 0 ? lo * perUnit : Double.NaN);
    double high = rate ? (lo > 0 ? perUnit / lo : Double.NaN) : hi * perUnit;
    return new Point(run, seconds, low, high, forks.length, logVariance);
  }

  private static boolean isRate(String unit) {
    return unit.startsWith("ops/");
  }

  /** Seconds in the unit's time: of {@code ops/ms} a millisecond, of {@code us/op} a microsecond; NaN for other units. */
  private static double secondsPer(String unit) {
    String time = isRate(unit) ? unit.substring(4) : unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : "";
    return switch (time) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "min" -> 60;
      default -> Double.NaN;
    };
  }

  private static List<Step> steps(List<Point> points, double minStep) {
    double[] y = new double[points.size()];
    double[] v = new double[points.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.log(points.get(i).seconds());
      v[i] = points.get(i).logVariance();
    }
    List<Integer> at = ChangePoints.detect(y, v, Math.log1p(minStep), ALPHA);
    double[] levels = ChangePoints.levels(y, v, at);
    List<Step> steps = new ArrayList<>();
    for (int j = 0; j < at.size(); j++) {
      steps.add(new Step(points.get(at.get(j)).run(), Math.exp(levels[j]), Math.exp(levels[j + 1])));
    }
    return steps;
  }

  /** HISTORY.md: the runs, the fingerprints, the steps found, and one chart per family ({@code chartNames}: family → file). */
  public static String render(Model m, Map<String, String> chartNames) {
    StringBuilder md = new StringBuilder("# History of ").append(m.machine()).append("\n\n");
    md.append(String.format(Locale.ROOT, "%d run(s) of this machine, in %s. Per benchmark family one chart, one panel per workload "
        + "(and measuring mode, where it changed): the time per step, or per operation, of every cell in every run, on a log scale; the "
        + "bars are the run's 99%% interval over its fork means where it has two forks or more, else JMH's 99.9%% error, which covers "
        + "the noise inside one JVM only. Runs whose fingerprint (CPU, cores and SIMD set, native kernel where recorded, JDK, device) "
        + "differs are drawn as separate series, never joined. `gdbench history` rewrites this page.%n%n", m.runs().size(), m.order()));
    Markdown.Table runs = new Markdown.Table(">#", "run", "commit", "mode", "status", "fingerprint", ">forks");
    for (Run r : m.runs()) {
      int minForks = r.data().results().stream().mapToInt(x -> x.primary().raw().length).min().orElse(0);
      int maxForks = r.data().results().stream().mapToInt(x -> x.primary().raw().length).max().orElse(0);
      runs.row(r.number(), "[" + r.data().run() + "](../" + r.data().run() + "/" + gdbench.runfolder.RunFolderFiles.REPORT + ")",
          "`" + r.shortCommit() + "`" + (r.subject() == null ? "" : " " + abbreviate(r.subject(), 70)), Markdown.text(r.data().env().mode()),
          Markdown.text(r.data().env().status()), r.fingerprint(), minForks == maxForks ? String.valueOf(maxForks) : minForks + "–" + maxForks);
    }
    md.append(runs.render()).append('\n');
    m.fingerprints().forEach((id, fp) -> md.append("- ").append(id).append(": ").append(fp).append('\n'));
    md.append('\n');
    for (String s : m.skipped()) {
      md.append("Skipped: ").append(s).append("\n\n");
    }
    md.append("## Steps\n\n");
    md.append(String.format(Locale.ROOT, "Found by binary segmentation of each series' logarithms: split where the two sides' weighted means "
        + "differ most against their standard errors, keep the split when the step is larger than %s and its z exceeds the normal quantile "
        + "at %s/(2(n − 1)) (a Bonferroni bound over the places a step could be), and split each side again. A point's variance is the "
        + "larger of its own and the series' scatter from run to run (the median of successive differences), so that a single fork's "
        + "narrow error does not make every move a step; a series needs three runs. A step is named by the first run that shows it: the "
        + "change is in the commits since the run before.%n%n", Markdown.percent(m.minStep()), Comparison.trim(ALPHA)));
    List<Series> stepped = m.withSteps();
    if (stepped.isEmpty()) {
      md.append("None found.\n\n");
    } else {
      Markdown.Table t = new Markdown.Table("family", "cell", "workload", "from run", "commit", ">before", ">after", ">change");
      for (Series s : stepped) {
        for (Step step : s.steps()) {
          Run r = m.runs().get(step.run() - 1);
          Run prev = step.run() >= 2 ? m.runs().get(step.run() - 2) : null;
          String commit = "`" + r.shortCommit() + "`" + (r.subject() == null ? "" : " " + abbreviate(r.subject(), 50));
          if (prev != null && r.commit() != null && r.commit().equals(prev.commit())) {
            commit += " (the same commit as run " + prev.number() + ": not a change of code)";
          }
          if (prev != null && r.data().env().mode() != null && !r.data().env().mode().equals(prev.data().env().mode())) {
            commit += " (" + prev.data().env().mode() + " run, then " + r.data().env().mode() + ": the measuring settings changed too)";
          }
          t.row(s.family(), "`" + s.label() + "`", s.panel(), "#" + r.number() + " " + r.data().run(), commit, Markdown.duration(step.before()),
              Markdown.duration(step.after()), Markdown.times(step.ratio()));
        }
      }
      md.append(t.render()).append('\n');
    }
    for (Map.Entry<String, String> f : m.families().entrySet()) {
      String chart = chartNames.get(f.getKey());
      md.append("## ").append(f.getKey()).append(" (`").append(f.getValue()).append("`)\n\n");
      if (chart != null) {
        md.append("![").append(f.getKey()).append(" over the runs](").append(chart).append(")\n\n");
      }
    }
    return md.toString();
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
