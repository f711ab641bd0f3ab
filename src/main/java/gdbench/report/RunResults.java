package gdbench.report;

import gdbench.core.Stage;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkInterval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run's results indexed once, by benchmark kind × cell × workload, with what several sections
 * and the charts derive from them (the served cells, the step workloads, the fastest step per
 * workload), so that every section reads the same figures the same way.
 *
 * <p>A run with the fork as the unit ({@link #forksAsUnit()}) is read through {@link Figure}s: the
 * mean over fork means (or the median where marked), and its step results at the run's own heap
 * size make the tables, those at a second heap size a table of their own. Older runs are read as
 * JMH scored them, as they always were.
 */
public final class RunResults {
  private final RunData run;
  private final List<CellId> cells;
  private final List<String> cellIds;
  private final Map<String, Integer> sizes;
  private final List<String> stepWorkloads;
  private final Map<BenchmarkKind, List<JmhResults.Result>> byKind = new EnumMap<>(BenchmarkKind.class);
  /** Step results at the run's heap size: cell id → workload → result. */
  private final Map<String, Map<String, JmhResults.Result>> step = new LinkedHashMap<>();
  /** Step results at another heap size, in jmh.json's order. */
  private final List<JmhResults.Result> otherHeapSteps = new ArrayList<>();
  /** Step results of the thread sweep at another thread count than the run's, in jmh.json's order. */
  private final List<JmhResults.Result> otherThreadSteps = new ArrayList<>();
  /** The run's thread count; null where env.json has none. */
  private final Integer threads;
  /** Floor results at the run's heap size: workload → result. */
  private final Map<String, JmhResults.Result> floor = new LinkedHashMap<>();
  /** The heap every benchmark JVM got unless a result says otherwise; null for runs that did not record it. */
  private final String heap;
  private final Map<JmhResults.Result, Figure> figures = new IdentityHashMap<>();
  private HostTimeline hostTimeline;
  /** Workload → the shortest time per step of any served cell (NaN where none has a result). */
  private final Map<String, Double> fastest = new LinkedHashMap<>();

  private RunResults(RunData run) {
    this.run = run;
    this.cells = run.env().servedCells();
    this.cellIds = cells.stream().map(CellId::id).toList();
    this.sizes = run.env().workloadSizes();
    RunEnvironment.JmhBenchmark stepSettings = run.env().benchmark(BenchmarkKind.STEP);
    // runs that did not record their step workloads measured every workload
    this.stepWorkloads = stepSettings == null || stepSettings.workloads().isEmpty() ? List.copyOf(sizes.keySet()) : stepSettings.workloads();
    for (BenchmarkKind kind : BenchmarkKind.values()) {
      byKind.put(kind, run.resultsOf(kind));
    }
    this.heap = run.env().settings().heap();
    this.threads = run.env().threads() == null ? null : run.env().threads().threads();
    for (JmhResults.Result r : byKind.get(BenchmarkKind.STEP)) {
      if (!atRunThreads(r)) {
        otherThreadSteps.add(r);
        continue;
      }
      Map<String, JmhResults.Result> byWorkload = step.computeIfAbsent(r.param("cell"), k -> new LinkedHashMap<>());
      if (!atRunHeap(r) || (r.heap() != null && byWorkload.containsKey(r.param("workload")))) {
        otherHeapSteps.add(r);
      } else {
        byWorkload.put(r.param("workload"), r);
      }
    }
    for (JmhResults.Result r : byKind.get(BenchmarkKind.FLOOR)) {
      if (atRunHeap(r)) {
        floor.putIfAbsent(r.param("workload"), r);
      }
    }
    for (String w : stepWorkloads) {
      double best = Double.NaN;
      for (CellId c : cells) {
        double s = secondsPerStep(c, w);
        if (Double.isFinite(s) && !(s >= best)) {
          best = s;
        }
      }
      fastest.put(w, best);
    }
  }

  public static RunResults of(RunData run) {
    return new RunResults(run);
  }

  RunData run() {
    return run;
  }

  RunEnvironment env() {
    return run.env();
  }

  /** The served cells, in the run's registry order. */
  List<CellId> cells() {
    return cells;
  }

  /** Workload id → N, in env.json's order. */
  Map<String, Integer> sizes() {
    return sizes;
  }

  /** The workloads the step benchmark was planned on: the columns of the step tables. */
  List<String> stepWorkloads() {
    return stepWorkloads;
  }

  JmhResults.Result step(CellId cell, String workload) {
    Map<String, JmhResults.Result> byWorkload = step.get(cell.id());
    return byWorkload == null ? null : byWorkload.get(workload);
  }

  /**
   * Seconds per step, from JMH's steps per second, or with the fork as the unit from the figure
   * (mean over fork means, median where marked); NaN without a result.
   */
  double secondsPerStep(CellId cell, String workload) {
    JmhResults.Result r = step(cell, workload);
    if (r == null) {
      return Double.NaN;
    }
    if (forksAsUnit()) {
      Figure f = figure(BenchmarkKind.STEP, r);
      return f == null ? Double.NaN : f.seconds();
    }
    return 1 / r.primary().score();
  }

  /** Steps per second as the tables read it (the inverse of {@link #secondsPerStep}, JMH's score for older runs); NaN without a result. */
  double stepsPerSecond(CellId cell, String workload) {
    JmhResults.Result r = step(cell, workload);
    if (r == null) {
      return Double.NaN;
    }
    return forksAsUnit() ? 1 / secondsPerStep(cell, workload) : r.primary().score();
  }

  /** Whether the run measured with the fork as the unit (env.json has its {@code statistic}). */
  boolean forksAsUnit() {
    return env().forksAsUnit();
  }

  /** The confidence of every interval of the run: env.json's {@code statistic.confidence}, 0.99 where it has none. */
  double confidence() {
    RunEnvironment.Statistic s = env().statistic();
    return s == null || s.confidence() == null ? ForkInterval.CONFIDENCE : s.confidence();
  }

  /** The heap every benchmark JVM got (settings.heap), or null where the run did not record it. */
  String heap() {
    return heap;
  }

  /** Whether a result ran at the run's own heap size (results without a heap parameter always did). */
  boolean atRunHeap(JmhResults.Result r) {
    return r.heap() == null || heap == null || heap.equals(r.heap());
  }

  /** Whether a result ran at the run's own thread count (results without the parameter always did). */
  boolean atRunThreads(JmhResults.Result r) {
    return r.threads() == null || threads == null || threads.equals(r.threads());
  }

  /** The run's thread count (1 where env.json has none). */
  int threads() {
    return threads == null ? 1 : threads;
  }

  /** Step results of the thread sweep at a count other than the run's own. */
  List<JmhResults.Result> otherThreadSteps() {
    return otherThreadSteps;
  }

  /** Step results at a heap size other than the run's own. */
  List<JmhResults.Result> otherHeapSteps() {
    return otherHeapSteps;
  }

  /** The floor's result on a workload at the run's heap, or null. */
  JmhResults.Result floor(String workload) {
    return floor.get(workload);
  }

  /** The floor's figure on a workload, or null. */
  Figure floorFigure(String workload) {
    JmhResults.Result r = floor(workload);
    return r == null ? null : figure(BenchmarkKind.FLOOR, r);
  }

  /** A step result's figure, or null without the result. */
  Figure stepFigure(CellId cell, String workload) {
    JmhResults.Result r = step(cell, workload);
    return r == null ? null : figure(BenchmarkKind.STEP, r);
  }

  /**
   * The result summarised with the fork as the unit, with the marks and cause of its plan entry
   * (matched on kind, cell, workload and heap); null where it has no measured iteration.
   */
  Figure figure(BenchmarkKind kind, JmhResults.Result r) {
    return figures.computeIfAbsent(r, k -> {
      RunEnvironment.PlanEntry entry = env().planEntry(kind, cellOf(kind, r), r.param("workload"), r.heap(), r.threads());
      double[] shifts = kind == BenchmarkKind.STEP || kind == BenchmarkKind.FLOOR ? hostTimeline().shifts(r, entry, r.primary().forkMeans().length) : null;
      return Figure.of(r, entry, env().host(), shifts, confidence());
    });
  }

  /** How fast the host ran around each step and floor fork, from the other results' forks; built once. */
  private HostTimeline hostTimeline() {
    if (hostTimeline == null) {
      hostTimeline = HostTimeline.of(this);
    }
    return hostTimeline;
  }

  /** The plan's cell of a result: its {@code cell} parameter, or {@code floor} for the floor, which has none. */
  static String cellOf(BenchmarkKind kind, JmhResults.Result r) {
    String cell = r.param("cell");
    return cell == null && kind == BenchmarkKind.FLOOR ? BenchmarkKind.FLOOR.id() : cell;
  }

  /** Figures of every result of a kind (at every heap), in {@link #sorted} order; results without iterations left out. */
  List<Figure> figures(BenchmarkKind kind) {
    List<Figure> list = new ArrayList<>();
    for (JmhResults.Result r : sorted(kind)) {
      Figure f = figure(kind, r);
      if (f != null) {
        list.add(f);
      }
    }
    return list;
  }

  double fastestSecondsPerStep(String workload) {
    return fastest.get(workload);
  }

  /** Why a step result is absent: failed, the plan's status for it, or not run when the plan never had it. */
  String missingStep(CellId cell, String workload) {
    String kind = BenchmarkKind.STEP.id();
    for (RunEnvironment.PlanEntry f : env().failed()) {
      if (cell.id().equals(f.cell()) && workload.equals(f.workload()) && kind.equals(f.benchmark())) {
        return "failed";
      }
    }
    RunEnvironment.PlanEntry p = env().planEntry(BenchmarkKind.STEP, cell.id(), workload, heap, threads);
    return p == null ? "not run" : Objects.requireNonNullElse(p.status(), "missing");
  }

  /** A kind's results ordered by served cell (cells the run did not serve first) and then by workload. */
  List<JmhResults.Result> sorted(BenchmarkKind kind) {
    List<String> workloadOrder = new ArrayList<>(sizes.keySet());
    List<JmhResults.Result> sorted = new ArrayList<>(byKind.get(kind));
    sorted.sort(Comparator.comparingInt((JmhResults.Result r) -> cellIds.indexOf(r.param("cell")))
        .thenComparingInt(r -> {
          int i = workloadOrder.indexOf(r.param("workload"));
          return i < 0 ? Integer.MAX_VALUE : i;
        }));
    return sorted;
  }

  /** The one-feature workloads among {@code workloads}, by increasing N: where time per sample can be read against N. */
  List<String> oneFeature(Collection<String> workloads) {
    List<String> byN = new ArrayList<>();
    for (String w : workloads) {
      RunEnvironment.WorkloadInfo info = env().workloads().get(w);
      if (info != null && info.d() == 1) {
        byN.add(w);
      }
    }
    byN.sort(Comparator.comparingInt(w -> sizes.getOrDefault(w, 0)));
    return byN;
  }

  /** The served cells grouped by backend, in registry order. */
  Map<String, List<CellId>> cellsByBackend() {
    Map<String, List<CellId>> map = new LinkedHashMap<>();
    for (CellId c : cells) {
      map.computeIfAbsent(c.backend(), k -> new ArrayList<>()).add(c);
    }
    return map;
  }

  /** Backends whose first cell is their manual (tuned) one and that have more: the abstraction-tax charts. */
  Map<String, List<CellId>> taxGroups() {
    Map<String, List<CellId>> groups = cellsByBackend();
    groups.values().removeIf(group -> group.size() < 2 || !group.get(0).is(Stage.MANUAL));
    return groups;
  }
}
