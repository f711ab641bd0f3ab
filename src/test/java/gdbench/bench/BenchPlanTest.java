package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.core.Workload;
import gdbench.runfolder.BenchmarkKind;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The plan comes from the registry and the settings alone: no JMH run needed to see what a run would measure. */
class BenchPlanTest {

  private static BenchPlan plan(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return BenchPlan.of(p);
  }

  @Test
  void everyRegisteredBackendIsInTheFullPlan() {
    List<PlanItem> items = plan().items();
    for (Backend b : Backends.all()) {
      assertTrue(items.stream().anyMatch(i -> i.cell().startsWith(b.name() + "/") && i.benchmark().equals("step")), b.name());
    }
    assertTrue(items.stream().allMatch(i -> i.status().equals("pending")), "the CPU runs every cell");
    long gcHeapItems = Backends.cells().stream().filter(c -> Backends.get(c.backend()).freesNativeMemoryOnGc(c)).count()
        * BenchPlan.GC_HEAP_WORKLOADS.size();
    long fastest = Backends.cells().stream().filter(BenchPlan::fastest).count();
    assertEquals(List.of("plain/manual", "plain-simd/manual", "ejml/manual/tuned", "nd4j/manual/tuned", "djl/manual/tuned",
        "ojalgo/manual/tuned", "pytorch-javacpp/manual/tuned", "tensorflow/manual"), items.stream().filter(i -> i.benchmark().equals("step") && i.workload() == Workload.HUGE)
        .map(PlanItem::cell).toList(), "huge: each library's fastest cell");
    assertEquals(Backends.cells().size() * (2 + 1 + 1) + fastest + 3 + gcHeapItems, items.size(),
        "step on seed and large for every cell (and at the second heap for cells whose memory follows the GC on large),"
        + " on huge for the fastest; target on seed, cold on large, one floor per step workload");
  }

  @Test
  void theIncludeSettingSelectsCellsInBenchmarkCellWorkloadOrder() {
    List<PlanItem> items = plan("bench.include", "plain*", "bench.workloads", "seed,small", "bench.benchmarks", "step").items();
    assertEquals(List.of("step plain/manual on seed: pending", "step plain/manual on small: pending",
        "step plain-simd/manual on seed: pending", "step plain-simd/manual on small: pending"), items.stream().map(PlanItem::toString).toList());
  }

  @Test
  void anUnmatchedIncludeNamesTheSetting() {
    String message = assertThrows(GdbenchException.class, () -> plan("bench.include", "nope")).getMessage();
    assertTrue(message.startsWith("no served cell matches -Dbench.include=nope (served: plain/manual"), message);
  }

  /** A fork of a backend with a class path of its own starts on that class path (JmhLauncher), every other on the runner's. */
  @Test
  void forksOfABackendWithItsOwnClasspathAreStartedThere() {
    assertEquals("tensorflow", JmhLauncher.ownClasspathBackend(new PlanItem(BenchmarkKind.STEP, "tensorflow/manual", Workload.SEED, "1g", 1)));
    assertEquals("pytorch-javacpp", JmhLauncher.ownClasspathBackend(new PlanItem(BenchmarkKind.COLD, "pytorch-javacpp/autograd", Workload.LARGE, "1g", 1)));
    assertNull(JmhLauncher.ownClasspathBackend(new PlanItem(BenchmarkKind.STEP, "djl/manual/tuned", Workload.SEED, "1g", 1)));
    assertNull(JmhLauncher.ownClasspathBackend(new PlanItem(BenchmarkKind.STEP, "plain/manual", Workload.SEED, "1g", 1)));
  }

  /** The feature sweep adds its points for every selected cell, and not those the plan measures already (large). */
  @Test
  void theFeatureSweepAddsItsPointsOnce() {
    List<String> steps = plan("bench.sweep", "features", "bench.include", "plain/manual").items().stream()
        .filter(i -> i.benchmark().equals("step")).map(i -> i.workload().id()).sorted().toList();
    assertEquals(List.of("huge", "large", "n262144d4", "n4096d256", "n65536d16", "seed", "wide"), steps);
  }

  /**
   * The thread sweep: large, huge and wide at 1 up to the machine's cores for every selected cell
   * whose library can use threads, each point once; plain Java's single loop is not swept.
   */
  @Test
  void theThreadSweepCoversTheCellsThatUseThreads() {
    List<PlanItem> items = plan("bench.sweep", "threads", "bench.include", "plain*,ejml/manual/tuned", "bench.benchmarks", "step",
        "bench.workloads", "large").items();
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(1 + 2 * 3 * cores, items.size(), "plain/manual once; plain-simd and EJML on large, huge and wide at 1.." + cores);
    assertTrue(items.stream().filter(i -> i.cell().equals("plain/manual")).allMatch(i -> i.threads() == 1));
    for (String cell : List.of("plain-simd/manual", "ejml/manual/tuned")) {
      for (Workload w : List.of(Workload.LARGE, Workload.HUGE, Workload.WIDE)) {
        for (int t = 1; t <= cores; t++) {
          int threads = t;
          assertEquals(1, items.stream().filter(i -> i.cell().equals(cell) && i.workload() == w && i.threads() == threads).count(),
              cell + " on " + w + " at " + t);
        }
      }
    }
  }
}
