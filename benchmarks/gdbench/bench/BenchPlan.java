package gdbench.bench;

import gdbench.runfolder.BenchmarkKind;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.CellFilter;
import gdbench.core.GdbenchException;
import gdbench.core.Stage;
import gdbench.core.Variant;
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
    for (BenchmarkKind kind : settings.kinds) {
      if (kind == BenchmarkKind.FLOOR) {
        for (Workload w : settings.workloads.get(kind)) {
          plan.add(item(settings, kind, PlanItem.FLOOR_CELL, w, settings.heap));
        }
        continue;
      }
      for (Cell cell : cells) {
        String unsupported = Backends.get(cell.backend()).deviceUnsupportedReason(settings.device);
        for (Workload w : settings.workloads.get(kind)) {
          if (w == Workload.HUGE && kind == BenchmarkKind.STEP && settings.hugeFastestOnly && !fastest(cell)) {
            continue;
          }
          List<String> heaps = new ArrayList<>(List.of(settings.heap));
          if (kind == BenchmarkKind.STEP && settings.gcHeap != null && GC_HEAP_WORKLOADS.contains(w)
              && Backends.get(cell.backend()).freesNativeMemoryOnGc(cell)) {
            heaps.add(settings.gcHeap);
          }
          for (String heap : heaps) {
            PlanItem item = item(settings, kind, cell.id(), w, heap);
            if (unsupported != null) {
              item.status = "skipped";
              item.reason = cell.backend() + " cannot run on " + settings.device + ": " + unsupported;
            }
            plan.add(item);
          }
        }
      }
    }
    addSweep(settings, settings.sizeSweep, cells, plan);
    addSweep(settings, settings.featureSweep, cells, plan);
    addThreadSweep(settings, cells, plan);
    if (plan.stream().noneMatch(i -> i.status.equals("pending"))) {
      throw new GdbenchException("nothing to run: every selected cell is skipped on " + settings.device);
    }
    return new BenchPlan(plan);
  }

  /**
   * A sweep: the step of every selected cell at every point, at the run's heap, with the sweep's
   * forks; a point the plan already measures (small, large, wide, huge) is not measured twice.
   */
  private static void addSweep(Settings settings, List<Workload> points, List<Cell> cells, List<PlanItem> plan) {
    for (Cell cell : cells) {
      String unsupported = Backends.get(cell.backend()).deviceUnsupportedReason(settings.device);
      for (Workload w : points) {
        if (planned(plan, cell, w, settings.heap, settings.threads)) {
          continue;
        }
        plan.add(sweepItem(settings, cell, w, settings.threads, unsupported));
      }
    }
  }

  /** A point of a sweep: the step at the run's heap with the sweep's forks, skipped where the device cannot run the cell. */
  private static PlanItem sweepItem(Settings settings, Cell cell, Workload w, int threads, String unsupported) {
    PlanItem item = item(settings, BenchmarkKind.STEP, cell.id(), w, settings.heap, threads);
    item.forksWanted = settings.sweepForks;
    if (unsupported != null) {
      item.status = "skipped";
      item.reason = cell.backend() + " cannot run on " + settings.device + ": " + unsupported;
    }
    return item;
  }

  /**
   * The thread sweep: the step of every selected cell whose library can use threads, on large,
   * huge and wide, at every count from 1 to the machine's cores, with the sweep's forks; a point
   * the plan already measures (at the run's own count) is not measured twice.
   */
  private static void addThreadSweep(Settings settings, List<Cell> cells, List<PlanItem> plan) {
    for (Cell cell : cells) {
      Backend backend = Backends.get(cell.backend());
      if (!backend.usesThreads()) {
        continue;
      }
      String unsupported = backend.deviceUnsupportedReason(settings.device);
      for (Workload w : Settings.THREAD_SWEEP_WORKLOADS) {
        for (int threads : settings.threadSweep) {
          if (planned(plan, cell, w, settings.heap, threads)) {
            continue;
          }
          plan.add(sweepItem(settings, cell, w, threads, unsupported));
        }
      }
    }
  }

  private static boolean planned(List<PlanItem> plan, Cell cell, Workload w, String heap, int threads) {
    return plan.stream().anyMatch(i -> i.kind == BenchmarkKind.STEP && i.cell.equals(cell.id())
        && i.workload.equals(w) && i.heap.equals(heap) && i.threads == threads);
  }

  /** A library's fastest way to write the step: by hand, tuned where it has variants. */
  static boolean fastest(Cell cell) {
    return cell.stage() == Stage.MANUAL && (cell.variant() == null || cell.variant() == Variant.TUNED);
  }

  /** Where a cell whose native memory follows the GC also runs at the second heap size (large: in cache, so the heap's effect is not hidden by DRAM). */
  static final List<Workload> GC_HEAP_WORKLOADS = List.of(Workload.LARGE);

  private static PlanItem item(Settings settings, BenchmarkKind kind, String cell, Workload w, String heap) {
    return item(settings, kind, cell, w, heap, settings.threads);
  }

  private static PlanItem item(Settings settings, BenchmarkKind kind, String cell, Workload w, String heap, int threads) {
    PlanItem item = new PlanItem(kind, cell, w, heap, threads);
    Settings.Timing t = settings.timing.get(kind);
    item.forksWanted = t.forks();
    item.iterationMs = t.measurementMillis();
    return item;
  }

  /** Forks in the whole plan, the unit of progress. */
  int forks() {
    return items.stream().filter(i -> i.status.equals("pending")).mapToInt(i -> i.forksWanted).sum();
  }

  public List<PlanItem> items() {
    return items;
  }

  long count(String status) {
    return items.stream().filter(i -> i.status.equals(status)).count();
  }
}
