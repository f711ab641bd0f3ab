package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkInterval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureTest {
  /** A result whose forks ran the given iterations. */
  static JmhResults.Result result(String unit, double[]... forks) {
    return new JmhResults.Result("gdbench.bench.StepThroughput.step", "thrpt", Map.of("cell", "plain/manual", "workload", "seed"), forks.length,
        new JmhResults.Metric(Double.NaN, Double.NaN, unit, forks), Map.of());
  }

  static RunEnvironment.PlanEntry entry(List<String> marks, String cause) {
    return new RunEnvironment.PlanEntry("step", "plain/manual", "seed", "ok", null, "1g", 1, 3, 3, 250, null, null, marks, cause, null);
  }

  @Test
  void aTimeFromARateInvertsTheRatesInterval() {
    Figure f = Figure.of(result("ops/s", new double[] {50, 50}, new double[] {100, 100}, new double[] {150, 150}), entry(List.of(), null), null,
        0.99);
    ForkInterval i = ForkInterval.of(new double[] {50, 100, 150});
    assertEquals(1 / i.mean(), f.seconds(), 1e-15);
    assertEquals(1 / i.upper(), f.secondsLow(), 1e-15);
    // t(2) at 99% is 9.92: the rate's interval reaches below zero, so the time's upper bound is unbounded, never "± 286%"
    assertTrue(i.lower() < 0);
    assertEquals(Double.POSITIVE_INFINITY, f.secondsHigh());
    assertEquals("10.0 ms (−" + Markdown.percent((f.seconds() - f.secondsLow()) / f.seconds()) + "/+∞)", f.time());
    assertEquals("100 ± " + Markdown.percent(i.relativeHalfWidth()), f.rateText());
    assertFalse(f.narrow());
  }

  @Test
  void boundsAreAsymmetricWhereTheRateIntervalIsNarrow() {
    Figure f = Figure.of(result("ops/s", new double[] {99}, new double[] {100}, new double[] {101}, new double[] {100}, new double[] {100}),
        entry(List.of(), null), null, 0.99);
    double s = f.seconds();
    double down = (s - f.secondsLow()) / s;
    double up = (f.secondsHigh() - s) / s;
    assertTrue(up > down, "1/x stretches the upper side");
    assertEquals(Markdown.duration(s) + " (−" + Markdown.percent(down) + "/+" + Markdown.percent(up) + ")", f.time());
    assertTrue(f.narrow());
  }

  @Test
  void aTimeScoreKeepsItsSymmetricInterval() {
    Figure f = Figure.of(result("us/op", new double[] {10, 10}, new double[] {11, 11}, new double[] {12, 12}), entry(List.of(), null), null,
        0.99);
    ForkInterval i = ForkInterval.of(new double[] {10, 11, 12});
    assertEquals(11e-6, f.seconds(), 1e-15);
    assertEquals("11.0 µs ± " + Markdown.percent(i.relativeHalfWidth()), f.time());
  }

  @Test
  void aMarkedResultIsTheMedianAndRangeOfItsIterationsWithItsCause() {
    Figure f = Figure.of(result("ops/s", new double[] {100, 40, 100, 40}, new double[] {100, 40, 100, 40}, new double[] {100, 40, 100, 40}),
        entry(List.of("bimodal"), "GC cycle"), null, 0.99);
    assertTrue(f.marked());
    assertFalse(f.narrow(), "a marked result never counts as within ±5%");
    assertEquals(1 / 70.0, f.seconds(), 1e-15);
    assertEquals("median 14.3 ms, iterations 10.0 ms – 25.0 ms (bimodal: GC cycle)", f.time());
    assertEquals("median 70.0, iterations 40.0 – 100 (bimodal: GC cycle)", f.rateText());
  }

  @Test
  void marksAreReadFromTheIterationsWhereTheRunRecordedNone() {
    double[] rising = {60, 80, 100, 120, 140, 160};
    Figure f = Figure.of(result("ops/s", rising, rising.clone(), rising.clone()), entry(null, null), null, 0.99);
    assertEquals(List.of(Figure.UNSTEADY), f.marks());
    assertTrue(f.time().endsWith("(unsteady: cause not recorded)"), f.time());
    Figure two = Figure.of(result("ops/s", new double[] {100, 100, 100}, new double[] {101, 101, 101}), entry(null, null),
        new RunEnvironment.Host(0.0, 1.0, 0.05, 2.5), 0.99);
    assertEquals(List.of(Figure.FEW_FORKS), two.marks());
    assertTrue(two.time().endsWith(")" + Figure.FEW_FORKS_NOTE), two.time());
  }

  @Test
  void aRatioTakesBothIntervalsConservatively() {
    Figure cell = Figure.of(result("ops/s", new double[] {99}, new double[] {100}, new double[] {101}), entry(List.of(), null), null, 0.99);
    Figure floor = Figure.of(result("ops/s", new double[] {990}, new double[] {1000}, new double[] {1010}), entry(List.of(), null), null, 0.99);
    double lo = cell.secondsLow() / floor.secondsHigh();
    double hi = cell.secondsHigh() / floor.secondsLow();
    assertTrue(lo < 10 && hi > 10);
    assertEquals("10.0× [" + Markdown.sig(lo) + ", " + Markdown.sig(hi) + "]", Figure.ratio(cell, floor));
    assertEquals("-", Figure.ratio(cell, null));
  }

  @Test
  void theShareLineCountsNarrowMarkedAndWideResults() {
    Figure narrow = Figure.of(result("ops/s", new double[] {100}, new double[] {100.1}, new double[] {99.9}), entry(List.of(), null), null, 0.99);
    Figure few = Figure.of(result("ops/s", new double[] {50}, new double[] {100}), entry(List.of("few-forks"), null), null, 0.99);
    Figure bimodal = Figure.of(result("ops/s", new double[] {100, 40, 100, 40}), entry(List.of("bimodal"), "GC cycle"), null, 0.99);
    Figure spread = Figure.of(result("ops/s", new double[] {90}, new double[] {95}, new double[] {100}, new double[] {105}, new double[] {110}),
        entry(List.of(), null), null, 0.99);
    assertEquals("**1 of 4 step results have a 99% interval within ±5%**; 1 marked (1 bimodal: GC cycle); 2 wider (1 spread between JVMs, "
        + "1 with fewer than 3 forks ‡), each shown with its forks' median and range and its cause under \"Not served, failed, noisy\".",
        Figure.share("step results", List.of(narrow, few, bimodal, spread), 0.99));
    assertEquals(null, narrow.wide());
    assertEquals(null, few.wide(), "fewer than 3 forks is its own mark");
    assertEquals(null, bimodal.wide(), "a shape mark names its own cause");
  }

  @Test
  void aWideIntervalNamesItsCause() {
    double[][] stray = {{100}, {100}, {101}, {70}, {99}};
    Figure s = Figure.of(result("ops/s", stray), entry(List.of(), null), null, 0.99);
    assertEquals("a stray fork: fork 4 of 5 30.0% slower than the others' median (the others: cv 0.8%)", s.wide());
    Figure t = Figure.of(result("us/op", stray), entry(List.of(), null), null, 0.99);
    assertTrue(t.wide().contains("30.0% faster"), "a lower time is faster: " + t.wide());
    Figure even = Figure.of(result("ops/s", new double[] {90}, new double[] {95}, new double[] {100}, new double[] {105}, new double[] {110}),
        entry(List.of(), null), null, 0.99);
    assertTrue(even.wide().startsWith("spread between JVMs: steady forks, steal and load within bounds, cv 7.9% over 5 forks; ±5% at 99% needs about "), even.wide());
    assertEquals("10.0 ms [9.09 ms – 11.1 ms]", even.forkMedianAndRange());
  }

  @Test
  void aWideIntervalOnABusyHostSaysSo() {
    RunEnvironment.ForkRecord quiet = new RunEnvironment.ForkRecord(null, null, null, null, 0.0, 1.0, null, null, null, null, null, null, null, null);
    RunEnvironment.ForkRecord busy = new RunEnvironment.ForkRecord(null, null, null, null, 0.20, 1.0, null, null, null, null, null, null, null, null);
    RunEnvironment.Host host = new RunEnvironment.Host(0.20, 1.0, 0.05, 2.5);
    RunEnvironment.PlanEntry strayBusy = new RunEnvironment.PlanEntry("step", "plain/manual", "seed", "ok", null, "1g", 1, 5, 5, 250, null, null,
        List.of("noisy-host"), null, List.of(quiet, quiet, quiet, busy, quiet));
    Figure s = Figure.of(result("ops/s", new double[] {100}, new double[] {100}, new double[] {101}, new double[] {70}, new double[] {99}),
        strayBusy, host, 0.99);
    assertTrue(s.wide().endsWith(", on a busy host †"), s.wide());
    Figure even = Figure.of(result("ops/s", new double[] {90}, new double[] {95}, new double[] {100}, new double[] {105}, new double[] {110}),
        strayBusy, host, 0.99);
    assertTrue(even.wide().startsWith("busy host: 1 of 5 forks ran while steal or load exceeded the bound †; cv 7.9%"), even.wide());
  }

  @Test
  void aStrayForkThatFollowsTheHostIsTheHostsMinute() {
    double[][] stray = {{100}, {100}, {101}, {70}, {99}};
    // the other results' forks around fork 4 ran 35% slower (log ratio 0.30) than their own medians: without that, fork 4 is no stray
    Figure host = Figure.of(result("ops/s", stray), entry(List.of(), null), null, new double[] {0, 0, 0, Math.log(1.35), Double.NaN}, 0.99);
    assertEquals("the host's minute: fork 4 of 5 30.0% slower than the others' median, and the other results' forks started within a minute "
        + "of it 35.0% slower than their own (the others: cv 0.8%)", host.wide());
    Figure faster = Figure.of(result("ops/s", stray), entry(List.of(), null), null, new double[] {0, 0, 0, -Math.log(1.35), 0}, 0.99);
    assertTrue(faster.wide().startsWith("a stray fork: fork 4 of 5 30.0% slower"), "the host was faster then: " + faster.wide());
    Figure little = Figure.of(result("ops/s", stray), entry(List.of(), null), null, new double[] {0, 0, 0, Math.log(1.05), 0}, 0.99);
    assertTrue(little.wide().startsWith("a stray fork:"), "a 5% shift leaves a 30% stray: " + little.wide());
  }
}
