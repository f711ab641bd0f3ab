package gdbench.bench;

import gdbench.bench.Settings.Kind;
import gdbench.core.Workload;
import java.util.List;

/** One JMH run of the plan, a benchmark on a cell and a workload, and what became of it. */
public final class PlanItem {
  /** The primary result as JMH reports it; null where not finite. */
  record Score(Double value, Double error, String unit) {}

  final Kind kind;
  final String cell;
  final Workload workload;
  String status = "pending"; // pending, running, ok, failed, skipped, not-run
  String reason;
  List<String> logTail;
  Double seconds;
  Score score;

  PlanItem(Kind kind, String cell, Workload workload) {
    this.kind = kind;
    this.cell = cell;
    this.workload = workload;
  }

  /** The benchmark's id: step, target, cold or transfer. */
  public String benchmark() {
    return kind.id;
  }

  public String cell() {
    return cell;
  }

  public Workload workload() {
    return workload;
  }

  /** pending, running, ok, failed, skipped or not-run. */
  public String status() {
    return status;
  }

  /** Why the item failed, was skipped or did not run; null otherwise. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return kind.id + " " + cell + " on " + workload.id() + ": " + status;
  }
}
