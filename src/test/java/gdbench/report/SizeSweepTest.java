package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.cli.Main;
import gdbench.core.GdbenchException;
import gdbench.core.Workload;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size sweep's reading between points, its crossovers and {@code gdbench advise}, on cells
 * with a known cost model: plain at 1 ns a sample, a library at 20 µs a call plus 0.1 ns a sample,
 * which overtakes plain where 0.9 N ns = 20 µs, at N ≈ 22,222.
 */
class SizeSweepTest {
  static final DoubleUnaryOperator PLAIN_SECONDS = n -> n * 1e-9;
  static final DoubleUnaryOperator LIBRARY_SECONDS = n -> 20e-6 + n * 0.1e-9;

  @TempDir Path tmp;

  static SizeSweep sweep(double spread) {
    List<String> workloads = new ArrayList<>();
    List<Integer> grid = new ArrayList<>();
    for (int n = 4; n <= 1 << 18; n *= 4) {
      grid.add(n);
      workloads.add("n" + n);
    }
    Map<String, List<SizeSweep.Rate>> rates = new LinkedHashMap<>();
    rates.put("plain/manual", rates(grid, PLAIN_SECONDS, spread));
    rates.put("nd4j/manual/tuned", rates(grid, LIBRARY_SECONDS, spread));
    return SizeSweep.of(workloads, grid, rates);
  }

  static List<SizeSweep.Rate> rates(List<Integer> grid, DoubleUnaryOperator seconds, double spread) {
    return grid.stream().map(n -> {
      double rate = 1 / seconds.applyAsDouble(n);
      return new SizeSweep.Rate(n, rate, rate * (1 - spread), rate * (1 + spread));
    }).toList();
  }

  @Test
  void betweenPointsTheRateIsInterpolatedInLogNAndOutsideThereIsNone() {
    SizeSweep s = sweep(0.02);
    SizeSweep.Rate r = s.at("plain/manual", 2048);
    // plain's time is linear in N, so log-log interpolation is exact for it
    assertEquals(1 / PLAIN_SECONDS.applyAsDouble(2048), r.mean(), 1e-6 * r.mean());
    assertTrue(r.low() < r.mean() && r.mean() < r.high());
    assertNull(s.at("plain/manual", 2), "below the grid");
    assertNull(s.at("plain/manual", 1 << 20), "above the grid");
  }

  @Test
  void theCrossoverLiesWhereTheCostModelsMeetWithARangeFromTheIntervals() {
    SizeSweep.Crossover x = sweep(0.02).crossover("nd4j/manual/tuned", "plain/manual");
    assertEquals(SizeSweep.Verdict.OVERTAKES, x.verdict());
    assertTrue(x.n() > 20_000 && x.n() < 25_000, "N = " + x.n() + " where the models meet at 22,222");
    assertTrue(x.nLow() < x.n() && x.n() < x.nHigh(), x.toString());
    SizeSweep.Crossover wide = sweep(0.3).crossover("nd4j/manual/tuned", "plain/manual");
    assertTrue(wide.nHigh() - wide.nLow() > x.nHigh() - x.nLow(), "wider intervals, a wider range");
    // plain is faster up to where the library overtakes it: a window from the smallest N, not "never"
    SizeSweep.Crossover back = sweep(0.02).crossover("plain/manual", "nd4j/manual/tuned");
    assertEquals(SizeSweep.Verdict.WINDOW, back.verdict());
    assertTrue(Double.isNaN(back.n()), "faster from the smallest N");
    assertTrue(back.nHigh() > 20_000 && back.nHigh() < 25_000, "falls behind where the models meet: " + back);
  }

  /** Slower at every point is "never"; faster only inside the grid is a window with both ends. */
  @Test
  void aCellFasterOnlyInsideTheGridHasAWindow() {
    List<String> workloads = new ArrayList<>();
    List<Integer> grid = new ArrayList<>();
    for (int n = 4; n <= 1 << 18; n *= 4) {
      grid.add(n);
      workloads.add("n" + n);
    }
    Map<String, List<SizeSweep.Rate>> rates = new LinkedHashMap<>();
    rates.put("plain/manual", rates(grid, PLAIN_SECONDS, 0.02));
    // 20 µs a call, 0.1 ns a sample, and 5e-15 s per sample squared: faster than plain at 65,536 only
    rates.put("djl/manual/tuned", rates(grid, n -> 20e-6 + n * 0.1e-9 + n * n * 5e-15, 0.02));
    rates.put("ojalgo/manual/tuned", rates(grid, n -> 1e-3 + n * 2e-9, 0.02));
    SizeSweep s = SizeSweep.of(workloads, grid, rates);
    SizeSweep.Crossover w = s.crossover("djl/manual/tuned", "plain/manual");
    assertEquals(SizeSweep.Verdict.WINDOW, w.verdict(), w.toString());
    assertTrue(w.n() > 16_384 && w.n() < 65_536 && w.nHigh() > 65_536 && w.nHigh() < 1 << 18, w.toString());
    assertEquals(SizeSweep.Verdict.NEVER, s.crossover("ojalgo/manual/tuned", "plain/manual").verdict());
    assertTrue(SizeSweepSection.text(w, s).startsWith("faster only from N ≈ "), SizeSweepSection.text(w, s));
  }

  @Test
  void adviceAnswersBetweenPointsAndRefusesOutsideTheGrid() {
    SizeSweep s = sweep(0.02);
    String small = Advice.render(s, 1, "run", 1000, 1, null);
    assertTrue(small.contains("interpolated in log N between the points N = 256 and 1,024") || small.contains("between the points N = 256 and 1,024"), small);
    assertTrue(small.contains("Pick `plain/manual`"), small);
    String big = Advice.render(s, 1, "run", 100_000, 1, null);
    assertTrue(big.contains("Pick `nd4j/manual/tuned`"), big);
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(s, 1, "run", 1 << 20, 1, null)).getMessage().contains("outside the sweep"));
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(s, 1, "run", 1000, 4, null)).getMessage().contains("no feature sweep"));
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(s, 1, "run", 1000, 1, 2)).getMessage().contains("no thread sweep"));
  }

  /**
   * Along D (the feature sweep, at one N·D): a matrix–vector library at 20 µs a call plus 0.1 ns a
   * value against plain's 1 ns a value and 2 µs a feature; advice answers for N·D on the sweep
   * between its points, and refuses another N·D or a D outside it.
   */
  @Test
  void adviceAlongDAnswersOnTheFeatureSweepsNdOnly() {
    List<Integer> ds = List.of(1, 4, 16, 64, 256);
    int values = Workload.FEATURE_SWEEP_VALUES;
    Map<String, List<SizeSweep.Rate>> rates = new LinkedHashMap<>();
    rates.put("plain/manual", rates(ds, d -> values * 1e-9 + d * 2e-6, 0.02));
    rates.put("nd4j/manual/tuned", rates(ds, d -> 20e-6 + values * 0.1e-9, 0.02));
    SizeSweep features = SizeSweep.of(ds.stream().map(d -> "d" + d).toList(), ds, ds.stream().map(d -> (long) values).toList(), rates);
    String answer = Advice.render(null, features, 1, "run", values / 32, 32, null);
    assertTrue(answer.contains("N = 32,768, D = 32") && answer.contains("between the points D = 16 and 64"), answer);
    assertTrue(answer.contains("Pick `nd4j/manual/tuned`"), answer);
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(null, features, 1, "run", 1000, 32, null)).getMessage()
        .contains("holds N·D = 1,048,576"));
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(null, features, 1, "run", values / 512, 512, null)).getMessage()
        .contains("D = 512 is outside the sweep"));
    assertTrue(assertThrows(GdbenchException.class, () -> Advice.render(null, features, 1, "run", 1000, 1, null)).getMessage()
        .contains("no size sweep"));
  }

  /** A rate interval that reaches zero (3 wide forks) is an open time bound, not a negative ratio. */
  @Test
  void anIntervalReachingZeroIsOpenNotNegative() {
    SizeSweep.Rate open = new SizeSweep.Rate(4, 1e3, -50, 2e3);
    assertEquals(Double.POSITIVE_INFINITY, open.secondsHigh());
    List<Advice.Ranked> ranked = List.of(new Advice.Ranked("a", new SizeSweep.Rate(4, 1e4, 9e3, 1.1e4)), new Advice.Ranked("b", open));
    String verdict = Advice.verdict(ranked);
    assertTrue(verdict.startsWith("Pick `a`") && verdict.contains("at least") && !verdict.contains("×-"), verdict);
  }

  /** The command on a run folder with a sweep: an answer between points (exit 0), one line and exit 2 outside. */
  @Test
  void theAdviseCommandReadsARunFolder() throws IOException {
    Path dir = ForkRunFixture.write(tmp.resolve("results"), "test-machine", "2026-12-01T08-00-00Z");
    ObjectNode env = (ObjectNode) RunFolderFixture.JSON.readTree(dir.resolve(RunFolderFiles.ENV).toFile());
    ArrayNode jmh = (ArrayNode) RunFolderFixture.JSON.readTree(dir.resolve(RunFolderFiles.JMH).toFile());
    ArrayNode size = ((ObjectNode) env.get("settings")).putObject("sweeps").putArray("size");
    SplittableRandom random = new SplittableRandom(3);
    for (int n = 4; n <= 1 << 18; n *= 4) {
      Workload w = Workload.sized(n, 1);
      if (w.named()) {
        continue; // small: the fixture's own result there follows another cost model
      }
      size.add(w.id());
      ((ObjectNode) env.get("workloads")).set(w.id(), RunFolderFixture.JSON.valueToTree(w.describe()));
      ForkRunFixture.add(jmh, (ArrayNode) env.get("plan"), random, BenchmarkKind.STEP, "plain/manual", w, "1g", 1 / PLAIN_SECONDS.applyAsDouble(n), 3, 4,
          ForkRunFixture.Shape.STEADY, false);
      ForkRunFixture.add(jmh, (ArrayNode) env.get("plan"), random, BenchmarkKind.STEP, "nd4j/manual/tuned", w, "1g",
          1 / LIBRARY_SECONDS.applyAsDouble(n), 3, 4, ForkRunFixture.Shape.STEADY, false);
    }
    RunFolderFiles.writeEnvironment(dir, env);
    RunFolderFixture.JSON.writeValue(dir.resolve(RunFolderFiles.JMH).toFile(), jmh);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new String[] {"advise", "--n", "100000", "--results", tmp.resolve("results").toString()},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    assertTrue(out.toString().contains("Pick `nd4j/manual/tuned`"), out.toString());
    assertTrue(out.toString().contains("between the points N = 65,536 and 262,144"), out.toString());

    StringWriter err2 = new StringWriter();
    assertEquals(2, Main.run(new String[] {"advise", "--n", "2", "--run", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err2)));
    assertTrue(err2.toString().startsWith("error: N = 2 is outside the sweep of"), err2.toString());
    assertEquals(1, err2.toString().strip().lines().count(), "one line");

    String report = Report.render(RunFolderFiles.read(dir));
    assertTrue(report.contains("## Size sweep"), "the report has the sweep");
    assertTrue(report.contains("`nd4j/manual/tuned` | N ≈ 2"), report.substring(report.indexOf("### Crossovers on the sweep")));
  }
}
