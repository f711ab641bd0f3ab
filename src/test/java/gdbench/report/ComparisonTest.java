package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.JmhResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  static JmhResults.Result result(String cell, String device, String unit, double... iterations) {
    double mean = java.util.Arrays.stream(iterations).average().orElseThrow();
    return new JmhResults.Result("gdbench.bench.StepThroughput.step", "thrpt", Map.of("cell", cell, "device", device, "workload", "seed"), 1,
        new JmhResults.Metric(mean, Double.NaN, unit, new double[][] {iterations}), Map.of());
  }

  @Test
  void aSignificantDropInThroughputIsARegression() {
    var a = List.of(result("x", "cpu", "ops/s", 100, 101, 99, 100, 102));
    var b = List.of(result("x", "cpu", "ops/s", 80, 81, 79, 80, 82));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(1, o.rows().size());
    Comparison.Row row = o.rows().get(0);
    assertEquals(80.4 / 100.4, row.ratio(), 1e-9);
    assertTrue(row.low() < row.ratio() && row.high() > row.ratio() && row.high() < 1);
    assertEquals(Comparison.Verdict.REGRESSION, row.verdict());
    assertTrue(o.hasRegression());
  }

  @Test
  void smallOrNoisyChangesAreNotMarked() {
    var a = List.of(result("x", "cpu", "ops/s", 100, 101, 99), result("y", "cpu", "ops/s", 100, 150, 50));
    var b = List.of(result("x", "cpu", "ops/s", 95, 96, 94), result("y", "cpu", "ops/s", 80, 140, 40));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Comparison.Verdict.UNCHANGED, o.rows().get(0).verdict(), "5% is under the threshold");
    assertEquals(Comparison.Verdict.UNCHANGED, o.rows().get(1).verdict(), "the interval includes 1");
    assertFalse(o.hasRegression());
  }

  @Test
  void aLongerTimeIsARegressionAndAShorterAnImprovement() {
    var a = List.of(result("x", "cpu", "us/op", 10, 10.1, 9.9), result("y", "cpu", "us/op", 10, 10.1, 9.9));
    var b = List.of(result("x", "cpu", "us/op", 13, 13.1, 12.9), result("y", "cpu", "us/op", 5, 5.1, 4.9));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Comparison.Verdict.REGRESSION, o.rows().get(0).verdict());
    assertEquals(Comparison.Verdict.IMPROVEMENT, o.rows().get(1).verdict());
  }

  @Test
  void aCpuRunMatchesAGpuRunOfTheSameCells() {
    var a = List.of(result("x", "cpu", "ops/s", 100, 101, 99));
    var b = List.of(result("x", "gpu", "ops/s", 300, 301, 299));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Map.of("device", "cpu vs gpu"), o.ignoredParams());
    assertEquals(1, o.rows().size());
    assertEquals(Comparison.Verdict.IMPROVEMENT, o.rows().get(0).verdict());
  }

  @Test
  void oneSampleGivesNoIntervalAndNoVerdict() {
    var o = Comparison.compare(List.of(result("x", "cpu", "ops/s", 100)), List.of(result("x", "cpu", "ops/s", 50)), 0.10);
    assertEquals(Comparison.Verdict.UNCERTAIN, o.rows().get(0).verdict());
  }

  /** A benchmark whose mode changed between the runs (time to target: single shot, then average) is not compared. */
  @Test
  void resultsMeasuredDifferentlyAreNotCompared() {
    var single = new JmhResults.Result("gdbench.bench.TimeToTarget.train", "ss", Map.of("cell", "x", "device", "cpu", "workload", "seed"), 1,
        new JmhResults.Metric(3.7, Double.NaN, "us/op", new double[][] {{3.6, 3.8}}), Map.of());
    var averaged = new JmhResults.Result("gdbench.bench.TimeToTarget.train", "avgt", Map.of("cell", "x", "device", "cpu", "workload", "seed"), 1,
        new JmhResults.Metric(0.37, Double.NaN, "us/op", new double[][] {{0.36, 0.38}}), Map.of());
    var o = Comparison.compare(List.of(single), List.of(averaged), 0.10);
    assertTrue(o.rows().isEmpty(), "no ratio between a single shot and an average");
    assertEquals(1, o.incomparable().size());
    assertTrue(o.incomparable().values().iterator().next().contains("ss in us/op in A, as avgt in us/op in B"), o.incomparable().toString());
    assertFalse(o.hasRegression());
  }

  @Test
  void theIntervalIsDeterministic() {
    double[][] a = {{1, 2, 3}, {2, 3, 4}};
    double[][] b = {{2, 3, 4}, {3, 4, 5}};
    assertEquals(List.of(Comparison.bootstrap(a, b, 7)[0], Comparison.bootstrap(a, b, 7)[1]),
        List.of(Comparison.bootstrap(a, b, 7)[0], Comparison.bootstrap(a, b, 7)[1]));
  }
}
