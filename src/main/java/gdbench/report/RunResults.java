package gdbench.report;

import gdbench.core.Stage;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run's results indexed once, by benchmark kind × cell × workload, with what several sections
 * and the charts derive from them (the served cells, the step workloads, the fastest step per
 * workload), so that every section reads the same figures the same way.
 */
public final class RunResults {
  private final RunData run;
  private final List<CellId> cells;
  private final List<String> cellIds;
  private final Map<String, Integer> sizes;
  private final List<String> stepWorkloads;
  private final Map<BenchmarkKind, List<JmhResults.Result>> byKind = new EnumMap<>(BenchmarkKind.class);
  /** Step results: cell id → workload → result. */
  private final Map<String, Map<String, JmhResults.Result>> step = new LinkedHashMap<>();
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
    for (JmhResults.Result r : byKind.get(BenchmarkKind.STEP)) {
      step.computeIfAbsent(r.param("cell"), k -> new LinkedHashMap<>()).put(r.param("workload"), r);
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

  /** Seconds per step, from JMH's steps per second; NaN without a result. */
  double secondsPerStep(CellId cell, String workload) {
    JmhResults.Result r = step(cell, workload);
    return r == null ? Double.NaN : 1 / r.primary().score();
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
    for (RunEnvironment.PlanEntry p : env().plan()) {
      if (cell.id().equals(p.cell()) && workload.equals(p.workload()) && kind.equals(p.benchmark())) {
        return Objects.requireNonNullElse(p.status(), "missing");
      }
    }
    return "not run";
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
