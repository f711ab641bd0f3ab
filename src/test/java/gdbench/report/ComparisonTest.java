package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.GdbenchException;
import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  static final String STEP = "gdbench.bench.StepThroughput.step";

  /** A result whose forks sit at {@code level} with {@code forkCv} between them and 0.2% noise per iteration. */
  static JmhResults.Result result(String cell, String unit, double level, int forks, double forkCv, long seed) {
    return result(STEP, "thrpt", cell, "seed", "cpu", unit, forks(level, forks, 8, forkCv, seed));
  }

  static JmhResults.Result result(String benchmark, String mode, String cell, String workload, String device, String unit, double[][] raw) {
    double sum = 0;
    int n = 0;
    for (double[] f : raw) {
      for (double v : f) {
        sum += v;
        n++;
      }
    }
    Map<String, String> params = cell == null ? Map.of("workload", workload, "device", device)
        : Map.of("cell", cell, "device", device, "workload", workload);
    return new JmhResults.Result(benchmark, mode, params, raw.length, new JmhResults.Metric(sum / n, Double.NaN, unit, raw), Map.of());
  }

  static double[][] forks(double level, int forks, int iterations, double forkCv, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] raw = new double[forks][iterations];
    for (int f = 0; f < forks; f++) {
      double l = level * (1 + forkCv * r.nextGaussian());
      for (int i = 0; i < iterations; i++) {
        raw[f][i] = l * (1 + 0.002 * r.nextGaussian());
      }
    }
    return raw;
  }

  static List<JmhResults.Result> many(int count, double factorOnFirst, int forks, double forkCv, long seed) {
    List<JmhResults.Result> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(result("cell" + i, "ops/s", 1000 * (i + 1) * (i == 0 ? factorOnFirst : 1), forks, forkCv, seed * 1000 + i));
    }
    return list;
  }

  @Test
  void aResultComparedWithItselfIsUnchanged() {
    var a = many(20, 1, 5, 0.02, 1);
    Comparison.Outcome o = Comparison.compare(a, a, 0.10);
    assertEquals(20, o.tested());
    assertTrue(o.rows().stream().allMatch(r -> r.verdict() == Comparison.Verdict.UNCHANGED), o.rows().toString());
    assertEquals(1.0, o.rows().get(0).ratio(), 1e-12);
  }

  /**
   * Two runs of the same code, 200 times over, 70 results of 3 forks each with 5% between forks:
   * the gate must almost never fail (the old compare failed about 98% of the time on real runs).
   */
  @Test
  void runsOfTheSameCodeRarelyFail() {
    int failed = 0;
    for (long k = 0; k < 200; k++) {
      if (Comparison.compare(many(70, 1, 3, 0.05, 2 * k + 1), many(70, 1, 3, 0.05, 2 * k + 2), 0.10).hasRegression()) {
        failed++;
      }
    }
    assertTrue(failed <= 2, failed + " of 200 comparisons of the same code failed");
  }

  @Test
  void aDropOf15PercentWithTightForksIsARegressionOfThatResultOnly() {
    var a = many(30, 1, 5, 0.005, 1);
    var b = many(30, 0.85, 5, 0.005, 2);
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Comparison.Verdict.REGRESSION, o.rows().get(0).verdict(), o.rows().get(0).toString());
    assertTrue(o.rows().get(0).high() < 1 / 1.10, "the whole interval lies beyond the threshold: " + o.rows().get(0));
    assertEquals(1, o.count(Comparison.Verdict.REGRESSION), o.rows().toString());
    assertEquals(29, o.count(Comparison.Verdict.UNCHANGED));
    assertTrue(o.hasRegression());
  }

  @Test
  void aLongerTimeIsARegressionAndAShorterAnImprovement() {
    var a = List.of(result("x", "us/op", 10, 5, 0.005, 1), result("y", "us/op", 10, 5, 0.005, 2));
    var b = List.of(result("x", "us/op", 13, 5, 0.005, 3), result("y", "us/op", 5, 5, 0.005, 4));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Comparison.Verdict.REGRESSION, o.rows().get(0).verdict());
    assertEquals(Comparison.Verdict.IMPROVEMENT, o.rows().get(1).verdict());
  }

  @Test
  void aChangeUnderTheThresholdIsNotMarkedHoweverSure() {
    var o = Comparison.compare(List.of(result("x", "ops/s", 100, 10, 0.001, 1)), List.of(result("x", "ops/s", 93, 10, 0.001, 2)), 0.10);
    assertEquals(Comparison.Verdict.UNCHANGED, o.rows().get(0).verdict());
    assertTrue(o.rows().get(0).p() > 0.5, "7% is within 10%: " + o.rows().get(0));
  }

  /** With 8% between forks, the threshold becomes 3 × 8%: a 20% change is inside a result's own noise. */
  @Test
  void aNoisyResultRaisesItsOwnThreshold() {
    var o = Comparison.compare(List.of(result("x", "ops/s", 100, 40, 0.08, 1)), List.of(result("x", "ops/s", 80, 40, 0.08, 2)), 0.10);
    Comparison.Row row = o.rows().get(0);
    assertTrue(row.noise() > 0.06 && row.noise() < 0.10, row.toString());
    assertEquals(3 * row.noise(), row.threshold(), 1e-12);
    assertEquals(Comparison.Verdict.UNCHANGED, row.verdict(), row.toString());
  }

  /** The same borderline change passes alone and not among 60 results: the correction counts them. */
  @Test
  void theCorrectionCountsTheResultsTested() {
    double[][] a = {{100}, {101}, {99}, {100.5}, {99.5}};
    double[][] b = {{88.5}, {90}, {87.5}, {89}, {88}};
    var ra = result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", a);
    var rb = result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", b);
    Comparison.Outcome alone = Comparison.compare(List.of(ra), List.of(rb), 0.10);
    assertEquals(Comparison.Verdict.REGRESSION, alone.rows().get(0).verdict(), alone.rows().toString());
    List<JmhResults.Result> manyA = new ArrayList<>(List.of(ra));
    List<JmhResults.Result> manyB = new ArrayList<>(List.of(rb));
    manyA.addAll(many(59, 1, 5, 0.01, 5).subList(1, 59));
    manyB.addAll(many(59, 1, 5, 0.01, 6).subList(1, 59));
    Comparison.Outcome among = Comparison.compare(manyA, manyB, 0.10);
    assertEquals(59, among.tested());
    assertEquals(Comparison.Verdict.UNCHANGED, among.rows().get(0).verdict(), among.rows().get(0).toString());
    assertTrue(among.rows().get(0).confidence() > alone.rows().get(0).confidence(), "a wider, corrected interval");
  }

  @Test
  void fewerThanThreeForksIsUncertainAndNeverARegression() {
    for (int forks : new int[] {1, 2}) {
      var o = Comparison.compare(List.of(result("x", "ops/s", 100, forks, 0.001, 1)), List.of(result("x", "ops/s", 50, forks, 0.001, 2)), 0.10);
      assertEquals(Comparison.Verdict.UNCERTAIN, o.rows().get(0).verdict());
      assertEquals(forks + "/" + forks + " forks", o.rows().get(0).reason());
      assertEquals(0, o.tested());
      assertFalse(o.hasRegression());
    }
  }

  @Test
  void bimodalOrTrendingIterationsAreUncertain() {
    double[][] alternating = new double[5][10];
    double[][] rising = new double[5][10];
    for (int f = 0; f < 5; f++) {
      for (int i = 0; i < 10; i++) {
        alternating[f][i] = i % 2 == 0 ? 100 : 50;
        rising[f][i] = 100 * (1 + 0.03 * i);
      }
    }
    var steady = result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", forks(40, 5, 10, 0.001, 1));
    var o = Comparison.compare(List.of(steady), List.of(result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", alternating)), 0.10);
    assertEquals(Comparison.Verdict.UNCERTAIN, o.rows().get(0).verdict());
    assertEquals("bimodal in B", o.rows().get(0).reason());
    o = Comparison.compare(List.of(result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", rising)), List.of(steady), 0.10);
    assertEquals("unsteady in A", o.rows().get(0).reason());
  }

  @Test
  void aCpuRunMatchesAGpuRunOfTheSameCells() {
    var a = List.of(result(STEP, "thrpt", "x", "seed", "cpu", "ops/s", forks(100, 3, 5, 0.001, 1)));
    var b = List.of(result(STEP, "thrpt", "x", "seed", "gpu", "ops/s", forks(300, 3, 5, 0.001, 2)));
    Comparison.Outcome o = Comparison.compare(a, b, 0.10);
    assertEquals(Map.of("device", "cpu vs gpu"), o.ignoredParams());
    assertEquals(1, o.rows().size());
    assertEquals(Comparison.Verdict.IMPROVEMENT, o.rows().get(0).verdict());
  }

  /** A benchmark whose mode changed between the runs (time to target: single shot, then average) is not compared. */
  @Test
  void resultsMeasuredDifferentlyAreNotCompared() {
    var single = result("gdbench.bench.TimeToTarget.train", "ss", "x", "seed", "cpu", "us/op", new double[][] {{3.6, 3.8}});
    var averaged = result("gdbench.bench.TimeToTarget.train", "avgt", "x", "seed", "cpu", "us/op", new double[][] {{0.36, 0.38}});
    var o = Comparison.compare(List.of(single), List.of(averaged), 0.10);
    assertTrue(o.rows().isEmpty(), "no ratio between a single shot and an average");
    assertEquals(1, o.incomparable().size());
    assertTrue(o.incomparable().values().iterator().next().contains("ss in us/op in A, as avgt in us/op in B"), o.incomparable().toString());
    assertFalse(o.hasRegression());
  }

  /** Three single-fork runs a side make three forks a side: the A/B script's case. */
  @Test
  void forksArePooledOverTheRunsOfASide() {
    List<Comparison.Member> a = new ArrayList<>();
    List<Comparison.Member> b = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      a.add(new Comparison.Member("a" + i, null, List.of(result("x", "ops/s", 100, 1, 0.005, i)), RunExtras.none()));
      b.add(new Comparison.Member("b" + i, null, List.of(result("x", "ops/s", 50, 1, 0.005, 10 + i)), RunExtras.none()));
    }
    var o = Comparison.compare(new Comparison.Side(a), new Comparison.Side(b), Comparison.Options.of(0.10));
    assertEquals(3, o.rows().get(0).forksA());
    assertEquals(3, o.rows().get(0).forksB());
    assertEquals(Comparison.Verdict.REGRESSION, o.rows().get(0).verdict(), o.rows().toString());
  }

  /** B's host is 30% slower in everything, floor included: plain marks every result, normalized none, but a real slowdown still shows. */
  @Test
  void normalizingByTheFloorCancelsAUniformlySlowerHost() {
    List<JmhResults.Result> a = new ArrayList<>();
    List<JmhResults.Result> b = new ArrayList<>();
    for (String w : List.of("seed", "small")) {
      a.add(result(STEP, "thrpt", "x", w, "cpu", "ops/s", forks(1000, 5, 8, 0.005, w.hashCode())));
      a.add(result(STEP, "thrpt", "y", w, "cpu", "ops/s", forks(2000, 5, 8, 0.005, w.hashCode() + 1)));
      a.add(result(RunExtras.FLOOR_BENCHMARK, "thrpt", null, w, "cpu", "ops/s", forks(1e6, 5, 8, 0.005, w.hashCode() + 2)));
      b.add(result(STEP, "thrpt", "x", w, "cpu", "ops/s", forks(700, 5, 8, 0.005, w.hashCode() + 3)));
      b.add(result(STEP, "thrpt", "y", w, "cpu", "ops/s", forks(2000 * 0.7 * (w.equals("small") ? 0.5 : 1), 5, 8, 0.005, w.hashCode() + 4)));
      b.add(result(RunExtras.FLOOR_BENCHMARK, "thrpt", null, w, "cpu", "ops/s", forks(0.7e6, 5, 8, 0.005, w.hashCode() + 5)));
    }
    var plain = Comparison.compare(a, b, 0.10);
    assertEquals(6, plain.count(Comparison.Verdict.REGRESSION), "the host, not the code: " + plain.rows());
    var normalized = Comparison.compare(Comparison.Side.ofResults(a), Comparison.Side.ofResults(b),
        new Comparison.Options(0.10, Comparison.DEFAULT_ALPHA, Comparison.Normalize.FLOOR));
    assertEquals(4, normalized.rows().size(), "the floors are the reference, not compared");
    assertEquals(1, normalized.count(Comparison.Verdict.REGRESSION), normalized.rows().toString());
    Comparison.Row marked = normalized.rows().stream().filter(r -> r.verdict() == Comparison.Verdict.REGRESSION).findFirst().orElseThrow();
    assertEquals("y", marked.a().param("cell"));
    assertEquals("small", marked.a().param("workload"));
    assertEquals(0.5, marked.ratio(), 0.02);
    assertEquals("x floor", marked.unit());
  }

  @Test
  void normalizingRunsWithoutAFloorOrCanaryIsRefused() {
    var a = many(3, 1, 5, 0.01, 1);
    GdbenchException e = assertThrows(GdbenchException.class, () -> Comparison.compare(Comparison.Side.ofResults(a), Comparison.Side.ofResults(a),
        new Comparison.Options(0.10, 0.05, Comparison.Normalize.FLOOR)));
    assertTrue(e.getMessage().contains("no floor benchmark (gdbench.bench.Floor.pass) in jmh.json"), e.getMessage());
    e = assertThrows(GdbenchException.class, () -> Comparison.compare(Comparison.Side.ofResults(a), Comparison.Side.ofResults(a),
        new Comparison.Options(0.10, 0.05, Comparison.Normalize.CANARY)));
    assertTrue(e.getMessage().contains("no host canary in env.json"), e.getMessage());
  }

  /** The method line states the test, the threshold rule, the correction and the count tested. */
  @Test
  void theMethodIsStated() {
    var a = many(4, 1, 5, 0.01, 1);
    String m = Comparison.method(Comparison.compare(a, a, 0.10));
    assertTrue(m.contains("Welch's t") && m.contains("max(10%, 3 x") && m.contains("Holm correction over the 4 results tested, 5% family-wise"), m);
  }
}
