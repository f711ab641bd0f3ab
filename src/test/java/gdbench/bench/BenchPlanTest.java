package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.core.Workload;
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
    int workloads = Workload.values().length;
    long gcHeapItems = Backends.cells().stream().filter(c -> Backends.get(c.backend()).freesNativeMemoryOnGc(c)).count()
        * BenchPlan.GC_HEAP_WORKLOADS.size();
    assertEquals(Backends.cells().size() * (workloads + (workloads - 1) + 1) + workloads + gcHeapItems, items.size(),
        "step on every workload (and at the second heap for cells whose memory follows the GC on large and huge),"
        + " target on every workload but huge, cold on large, one floor per workload");
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
}
