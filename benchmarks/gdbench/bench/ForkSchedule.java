package gdbench.bench;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.runfolder.BenchmarkKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * In which order forks run, and how long the rest will take. Forks go round-robin over the plan,
 * one fork of every item per pass, each pass starting further along the plan: a slow minute of
 * the host is spread over many items instead of landing on one item's forks.
 */
final class ForkSchedule {
  /** Collections a measured iteration must hold on average for a cell whose native memory follows the GC. */
  static final double GC_PER_ITERATION = 3;
  /** The longest iteration the calibration chooses. */
  static final int MAX_ITERATION_MS = 2000;

  private final Settings settings;
  private final Map<BenchmarkKind, double[]> observed = new EnumMap<>(BenchmarkKind.class); // seconds, count

  ForkSchedule(Settings settings) {
    this.settings = settings;
  }

  /**
   * The forks of one pass: every item that still needs one, rotated by the pass number, then again
   * the items that need more than one fork per pass to finish with the others (cold start wants 10
   * forks where a step result wants 5; a calibrated item starts over), so that all items end in the
   * same pass and a time box that stops between passes leaves them with comparable fork counts.
   */
  List<PlanItem> pass(BenchPlan plan, int pass) {
    List<PlanItem> open = plan.items().stream().filter(PlanItem::needsForks).toList();
    if (open.isEmpty()) {
      return open;
    }
    int shift = ((pass - 1) * Math.max(1, open.size() / Math.max(1, maxForks(plan)))) % open.size();
    List<PlanItem> rotated = new ArrayList<>(open.subList(shift, open.size()));
    rotated.addAll(open.subList(0, shift));
    List<PlanItem> order = new ArrayList<>();
    for (int round = 0; ; round++) {
      int before = order.size();
      for (PlanItem item : rotated) {
        if (forksThisPass(item, pass) > round) {
          order.add(item);
        }
      }
      if (order.size() == before) {
        return order;
      }
    }
  }

  /** The passes a full plan takes: as many as a step result has forks. */
  int plannedPasses() {
    Settings.Timing step = settings.timing.get(BenchmarkKind.STEP);
    return Math.max(1, step.forks());
  }

  /** How many forks an item gets in this pass: what it still needs, spread over the passes left. */
  int forksThisPass(PlanItem item, int pass) {
    int needed = item.forksWanted - item.forks.size();
    if (!item.needsForks()) {
      return 0;
    }
    int passesLeft = Math.max(1, plannedPasses() - pass + 1);
    return (needed + passesLeft - 1) / passesLeft;
  }

  private static int maxForks(BenchPlan plan) {
    return plan.items().stream().mapToInt(i -> i.forksWanted).max().orElse(1);
  }

  int totalForks(BenchPlan plan) {
    return plan.items().stream().filter(i -> !i.status.equals("skipped"))
        .mapToInt(i -> Math.max(i.forksWanted, i.forks.size()) + i.forksDropped).sum();
  }

  void observe(PlanItem item, double seconds) {
    double[] o = observed.computeIfAbsent(item.kind, k -> new double[2]);
    o[0] += seconds;
    o[1]++;
  }

  /**
   * Seconds a fork of this kind takes: the mean of those timed so far, else an estimate from the
   * settings (a JVM and an engine start, the prewarm window twice, the iterations).
   */
  double forkSeconds(BenchmarkKind kind) {
    double[] o = observed.get(kind);
    if (o != null && o[1] > 0) {
      return o[0] / o[1];
    }
    Settings.Timing t = settings.timing.get(kind);
    return 3 + 2 * settings.prewarmMillis / 1000.0
        + (t.warmupIterations() * t.warmupMillis() + t.measurementIterations() * t.measurementMillis()) / 1000.0;
  }

  double expectedSeconds(BenchPlan plan) {
    return plan.items().stream().filter(i -> i.status.equals("pending")).mapToDouble(i -> i.forksWanted * forkSeconds(i.kind)).sum();
  }

  /** Seconds this pass will take. */
  double passSeconds(BenchPlan plan, int pass) {
    return plan.items().stream().mapToDouble(i -> forksThisPass(i, pass) * forkSeconds(i.kind)).sum();
  }

  double secondsLeft(BenchPlan plan) {
    return plan.items().stream().filter(PlanItem::needsForks)
        .mapToDouble(i -> (i.forksWanted - i.forks.size()) * forkSeconds(i.kind)).sum();
  }

  /**
   * After the first pass: a step item whose native memory follows the GC and whose iterations held
   * fewer than {@link #GC_PER_ITERATION} collections gets iterations long enough to hold that many
   * (at most {@link #MAX_ITERATION_MS}); its first fork, too short, is measured again.
   */
  void calibrate(BenchPlan plan, RunProgress run, PrintStream out) {
    for (PlanItem item : plan.items()) {
      if (item.kind != BenchmarkKind.STEP || item.forks.isEmpty() || !followsGc(item)) {
        continue;
      }
      double gcs = gcPerIteration(item.forks);
      if (Double.isNaN(gcs) || gcs >= GC_PER_ITERATION || item.iterationMs >= MAX_ITERATION_MS) {
        continue;
      }
      int ms = (int) Math.min(MAX_ITERATION_MS, Math.ceil(item.iterationMs * GC_PER_ITERATION / Math.max(gcs, 0.5)));
      item.iterationReason = String.format(Locale.ROOT, "%.1f collections per %d ms iteration in the first fork: iterations of %d ms",
          gcs, item.iterationMs, ms);
      item.iterationMs = ms;
      item.dropForks();
      synchronized (run.lock) {
        run.results.remove(item);
      }
      out.println("# gdbench: " + item.cell + " on " + item.workload.id() + " (heap " + item.heap + "): " + item.iterationReason);
    }
  }

  private static boolean followsGc(PlanItem item) {
    try {
      Cell cell = Cell.parse(item.cell);
      return Backends.get(cell.backend()).freesNativeMemoryOnGc(cell);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Mean garbage collections per measured iteration (JMH's gc profiler); NaN without it. */
  static double gcPerIteration(List<BenchmarkResult> forks) {
    double sum = 0;
    int n = 0;
    for (BenchmarkResult br : forks) {
      for (IterationResult ir : br.getIterationResults()) {
        Result<?> gc = ir.getSecondaryResults().get("gc.count");
        if (gc == null) {
          gc = ir.getSecondaryResults().get("·gc.count");
        }
        if (gc != null) {
          sum += gc.getScore();
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
