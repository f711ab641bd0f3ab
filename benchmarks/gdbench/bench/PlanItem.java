package gdbench.bench;

import gdbench.core.Workload;
import gdbench.runfolder.BenchmarkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

/**
 * One result of the plan: a benchmark on a cell, a workload and a heap size, measured over several
 * forks that the runner interleaves with those of other items; and what became of it.
 */
public final class PlanItem {
  /** The primary result as JMH reports it; null where not finite. */
  record Score(Double value, Double error, String unit) {}

  /** The floor benchmark's cell: it trains nothing. */
  static final String FLOOR_CELL = "floor";

  final BenchmarkKind kind;
  final String cell;
  final Workload workload;
  final String heap;
  /** Native threads the cell may use (the run's count, or a point of the thread sweep). */
  final int threads;
  int forksWanted;
  /** Length of a measured iteration; 0 where the benchmark has none (single shots). */
  int iterationMs;
  /** Why {@link #iterationMs} differs from the kind's default, or null. */
  String iterationReason;
  String status = "pending"; // pending, running, ok, failed, skipped, not-run
  String reason;
  List<String> logTail;
  Double seconds;
  Score score;
  private BenchmarkParams params;
  final List<BenchmarkResult> forks = new ArrayList<>();
  /** Forks measured and then dropped (an item calibrated to longer iterations starts over): they count in the run's progress. */
  int forksDropped;
  final List<Map<String, Object>> forkRecords = new ArrayList<>();
  /** What {@link ResultAnalysis} made of the forks. */
  ResultAnalysis analysis;

  PlanItem(BenchmarkKind kind, String cell, Workload workload, String heap, int threads) {
    this.kind = kind;
    this.cell = cell;
    this.workload = workload;
    this.heap = heap;
    this.threads = threads;
  }

  /** The benchmark's id: step, target, cold, transfer or floor. */
  public String benchmark() {
    return kind.id();
  }

  public String cell() {
    return cell;
  }

  public Workload workload() {
    return workload;
  }

  public String heap() {
    return heap;
  }

  public int threads() {
    return threads;
  }

  /** pending, running, ok, failed, skipped or not-run. */
  public String status() {
    return status;
  }

  /** Why the item failed, was skipped or did not run; null otherwise. */
  public String reason() {
    return reason;
  }

  boolean needsForks() {
    return (status.equals("pending") || status.equals("running")) && forks.size() < forksWanted;
  }

  /** Adds one fork's JMH result and what the fork recorded about itself. */
  void addFork(RunResult result, Map<String, Object> record) {
    if (params == null) {
      params = result.getParams();
    }
    forks.addAll(result.getBenchmarkResults());
    forkRecords.add(record);
  }

  /** Forgets the forks measured so far (a calibration fork whose iterations were too short). */
  void dropForks() {
    forksDropped += forks.size();
    forks.clear();
    forkRecords.clear();
  }

  /** All forks as one JMH result, as if JMH had run them back to back. */
  RunResult merged() {
    return forks.isEmpty() ? null : new RunResult(params, new ArrayList<>(forks));
  }

  @Override
  public String toString() {
    return kind.id() + " " + cell + " on " + workload.id() + (threads == 1 ? "" : " (" + threads + " threads)") + ": " + status;
  }
}
