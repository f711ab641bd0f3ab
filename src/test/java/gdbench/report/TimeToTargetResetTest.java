package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.JmhResults;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time to target without the reset: the reset's own time per run taken out of every iteration, per fork. */
class TimeToTargetResetTest {

  static JmhResults.Metric metric(String unit, double[][] raw) {
    return new JmhResults.Metric(raw[0][0], Double.NaN, unit, raw);
  }

  @Test
  void theResetIsTakenOutOfEachForkBeforeTheInterval() {
    // 10, 11, 12 µs a run in three forks, of which the reset took 1 µs (100 runs, 100,000 ns an iteration)
    JmhResults.Result r = new JmhResults.Result("gdbench.bench.TimeToTarget.train", "avgt", Map.of("cell", "djl/manual/tuned"), 3,
        metric("us/op", new double[][] {{10, 10}, {11, 11}, {12, 12}}),
        Map.of("runs", metric("#", new double[][] {{100, 100}, {100, 100}, {100, 100}}),
            SingleRunSections.RESET_NANOS, metric("#", new double[][] {{100_000, 100_000}, {100_000, 100_000}, {100_000, 100_000}})));
    String text = SingleRunSections.withoutReset(r, 0.99);
    assertTrue(text.startsWith(Markdown.duration(10e-6) + " ("), text);
    assertTrue(text.endsWith(")"), "an interval over three forks: " + text);
  }

  @Test
  void withoutTheCounterThereIsNothingToTakeOut() {
    JmhResults.Result r = new JmhResults.Result("gdbench.bench.TimeToTarget.train", "avgt", Map.of(), 1,
        metric("us/op", new double[][] {{10}}), Map.of());
    assertEquals("-", SingleRunSections.withoutReset(r, 0.99));
  }
}
