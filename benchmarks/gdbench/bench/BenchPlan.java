package gdbench.bench;

import gdbench.bench.Settings.Kind;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.CellFilter;
import gdbench.core.GdbenchException;
import gdbench.core.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a run will measure: every (benchmark, served cell, workload) the settings select, in that
 * order, items a backend cannot run on the device marked skipped. Computed from the registry alone,
 * so a test can see that a backend is picked up without running JMH.
 */
public final class BenchPlan {
  private final List<PlanItem> items;

  private BenchPlan(List<PlanItem> items) {
    this.items = List.copyOf(items);
  }

  /** The plan of a run with these {@code -Dbench.*} settings; bad settings throw {@link GdbenchException}. */
  public static BenchPlan of(Properties settings) {
    return of(Settings.from(settings));
  }

  static BenchPlan of(Settings settings) {
    CellFilter filter = new CellFilter(settings.include);
    List<Cell> served = Backends.cells();
    List<Cell> cells = served.stream().filter(filter::matches).toList();
    if (cells.isEmpty()) {
      throw new GdbenchException("no served cell matches -Dbench.include=" + String.join(",", settings.include)
          + " (served: " + String.join(", ", served.stream().map(Cell::id).toList()) + ")");
    }
    List<PlanItem> plan = new ArrayList<>();
    for (Kind kind : settings.kinds) {
      for (Cell cell : cells) {
        String unsupported = Backends.get(cell.backend()).deviceUnsupportedReason(settings.device);
        for (Workload w : settings.workloads.get(kind)) {
          PlanItem item = new PlanItem(kind, cell.id(), w);
          if (unsupported != null) {
            item.status = "skipped";
            item.reason = cell.backend() + " cannot run on " + settings.device + ": " + unsupported;
          }
          plan.add(item);
        }
      }
    }
    if (plan.stream().noneMatch(i -> i.status.equals("pending"))) {
      throw new GdbenchException("nothing to run: every selected cell is skipped on " + settings.device);
    }
    return new BenchPlan(plan);
  }

  public List<PlanItem> items() {
    return items;
  }

  long count(String status) {
    return items.stream().filter(i -> i.status.equals(status)).count();
  }
}
