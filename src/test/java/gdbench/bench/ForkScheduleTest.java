package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the runner spreads forks over passes: every item ends in the same pass. */
class ForkScheduleTest {

  @Test
  void itemsWantingMoreForksGetSeveralPerPassAndAllEndTogether() {
    Properties p = new Properties();
    p.setProperty("bench.include", "plain/manual");
    p.setProperty("bench.workloads", "seed");
    p.setProperty("bench.benchmarks", "step,target,cold");
    Settings settings = Settings.from(p);
    BenchPlan plan = BenchPlan.of(settings);
    ForkSchedule schedule = new ForkSchedule(settings);
    assertEquals(5, schedule.plannedPasses());
    List<String> first = schedule.pass(plan, 1).stream().map(i -> i.kind.id()).toList();
    assertEquals(List.of("step", "target", "cold", "cold"), first, "one fork each, cold a second one after the others");
    int passes = 0;
    for (int pass = 1; plan.items().stream().anyMatch(PlanItem::needsForks); pass++) {
      for (PlanItem item : schedule.pass(plan, pass)) {
        item.forks.add(null); // a fork ran
      }
      passes = pass;
      if (pass == 1) { // a calibrated item starts over and catches up in the passes left
        assertEquals(5 + 3 + 10, schedule.totalForks(plan));
        plan.items().get(0).dropForks();
        assertEquals(5 + 1 + 3 + 10, schedule.totalForks(plan), "the progress counts the dropped fork too");
      }
    }
    assertEquals(5, passes, "every item, the restarted one too, ends in the planned passes");
  }
}
