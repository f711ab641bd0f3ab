package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import gdbench.stats.ForkInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with the fork as the unit ({@link ForkRunFixture}) renders every figure as an interval over
 * fork means, the floor and "× floor", the workloads against the caches, cold start as median and
 * range, one time to target, the fingerprint and canary, both heap sizes and the share lines.
 */
class ForkRunReportTest {
  static final String RUN = "2026-12-01T08-00-00Z";

  @TempDir static Path tmp;
  static Path results;
  static Path dir;
  static RunData run;
  static String md;

  @BeforeAll
  static void render() throws IOException {
    results = tmp.resolve("results");
    dir = ForkRunFixture.write(results, "test-2c", RUN);
    run = RunFolderFiles.read(dir);
    md = Report.render(run);
  }

  /** The section from its heading to the next heading of the same level or above. */
  static String section(String heading) {
    int start = md.indexOf(heading + "\n");
    assertTrue(start >= 0, "no " + heading + " in\n" + md);
    int level = heading.indexOf(' ');
    int end = md.length();
    for (int l = 1; l <= level; l++) {
      int next = md.indexOf("\n" + "#".repeat(l) + " ", start + heading.length());
      end = next >= 0 ? Math.min(end, next) : end;
    }
    return md.substring(start, end);
  }

  /** The table row of a cell, by its first column. */
  static String row(String text, String first) {
    return text.lines().filter(l -> l.startsWith("| " + first + " |")).findFirst().orElseThrow(() -> new AssertionError(first + " in\n" + text));
  }

  static JmhResults.Result step(String cell, String workload, String heap) {
    return run.resultsOf(BenchmarkKind.STEP).stream()
        .filter(r -> cell.equals(r.param("cell")) && workload.equals(r.param("workload")) && heap.equals(r.heap())).findFirst().orElseThrow();
  }

  @Test
  void theHeaderSaysOnceWhatPlusMinusMeans() {
    String top = md.substring(0, md.indexOf("## Time per step"));
    assertTrue(top.contains("**The fork is the unit**"), top);
    assertTrue(top.contains("± is half a 99% Student t interval over those fork means"), top);
    assertTrue(top.contains("JMH's own error over iterations stays in jmh.json and is not shown"), top);
    assertFalse(md.contains("JMH's 99.9% error"), "JMH's iteration error is not the headline");
    assertFalse(md.contains("± error"), "no column of JMH's error");
  }

  @Test
  void everyStepFigureIsTheMeanOverForkMeansWithTheRateIntervalInverted() {
    String table = section("## Time per step");
    JmhResults.Result r = step("plain/manual", "large", "1g");
    ForkInterval i = ForkInterval.of(r.primary().forkMeans());
    double s = 1 / i.mean();
    String expected = Markdown.duration(s) + " (−" + Markdown.percent((s - 1 / i.upper()) / s) + "/+" + Markdown.percent((1 / i.lower() - s) / s)
        + "), cv " + Markdown.percent(i.cv());
    assertTrue(row(table, "`plain/manual`").contains("| " + expected + " |"), expected + " in " + row(table, "`plain/manual`"));
    Pattern figure = Pattern.compile("\\| \\**[0-9.,]+ (ns|µs|ms|s) \\(−[0-9.]+%/\\+[0-9.]+%\\)†?, cv [0-9.]+%\\**");
    for (String cell : List.of("`plain/manual`", "`plain-simd/manual`", "`nd4j/manual/tuned`", "`floor` (X and y read once)")) {
      assertEquals(5, figure.matcher(row(table, cell)).results().count(), row(table, cell));
    }
    String throughput = section("### `large` (N = 1,048,576; 8.00 MiB, fits L3)");
    assertTrue(row(throughput, "`plain/manual`").contains("| " + Markdown.rate(i.mean()) + " ± " + Markdown.percent(i.relativeHalfWidth()) + " | "
        + Markdown.percent(i.cv()) + " | 5 |"), row(throughput, "`plain/manual`"));
  }

  @Test
  void markedResultsAreMedianAndRangeWithTheirCause() {
    String table = section("## Time per step");
    String nd4j = row(table, "`" + ForkRunFixture.BIMODAL_CELL + "`");
    assertTrue(Pattern.compile("\\| median [0-9.]+ ms, iterations [0-9.]+ ms – [0-9.]+ ms \\(bimodal: GC cycle\\) \\|").matcher(nd4j).find(), nd4j);
    assertTrue(Pattern.compile("\\| median [0-9.]+ µs, iterations [0-9.]+ µs – [0-9.]+ µs \\(unsteady: JIT still compiling\\) \\|").matcher(nd4j)
        .find(), nd4j);
    assertTrue(nd4j.contains("†, cv"), "the busy-host result is footnoted: " + nd4j);
    assertTrue(table.contains("† measured while CPU steal or load exceeded the host's bound"), table);
    String problems = section("## Not served, failed, noisy");
    assertTrue(Pattern.compile("\\| step \\| `nd4j/full-library` \\| large \\| 1g \\| 5 \\| bimodal \\| [0-9.]+ ms \\[[0-9.]+ ms – [0-9.]+ ms\\] "
        + "\\| GC cycle \\|").matcher(problems).find(), problems);
    assertTrue(Pattern.compile("\\| step \\| `nd4j/full-library` \\| wide \\| 1g \\| 5 \\| noisy-host \\| [^|]+ \\| - \\|").matcher(problems).find(),
        problems);
    assertTrue(problems.contains("| target | `plain-simd/manual` | seed | 1g | 3 | wide | 2.02 µs [1.99 µs – 2.04 µs] | spread between JVMs: "
        + "steady forks, steal and load within bounds, cv 1.2% over 3 forks; ±5% at 99% needs about 4 forks at that cv |"), problems);
  }

  @Test
  void theShareLinesOpenTheirSections() {
    assertTrue(section("## Time per step").startsWith("## Time per step\n\n**19 of 21 step results have a 99% interval within ±5%**; 2 marked "
        + "(1 bimodal: GC cycle; 1 unsteady: JIT still compiling).\n"), section("## Time per step"));
    assertTrue(section("## Time to target (JMH)").contains("**2 of 4 time-to-target results have a 99% interval within ±5%**; 0 marked; "
        + "2 wider (1 spread between JVMs, 1 with fewer than 3 forks ‡), each shown with its forks' median and range and its cause under "
        + "\"Not served, failed, noisy\"."), section("## Time to target (JMH)"));
    assertTrue(section("## Cold start (JMH)").contains("**4 of 4 cold-start results have a 99% interval within ±5%**; 0 marked."),
        section("## Cold start (JMH)"));
  }

  @Test
  void everyCellHasItsRatioToTheFloorFromTheSameRun() {
    String floor = section("### × floor");
    Figure cell = Figure.of(step("plain-simd/manual", "huge", "1g"), run.env().planEntry(BenchmarkKind.STEP, "plain-simd/manual", "huge", "1g"),
        run.env().host(), 0.99);
    JmhResults.Result f = run.resultsOf(BenchmarkKind.FLOOR).stream().filter(r -> "huge".equals(r.param("workload"))).findFirst().orElseThrow();
    Figure fl = Figure.of(f, run.env().planEntry(BenchmarkKind.FLOOR, "floor", "huge", "1g"), run.env().host(), 0.99);
    String expected = Markdown.times(cell.seconds() / fl.seconds()) + " [" + Markdown.sig(cell.secondsLow() / fl.secondsHigh()) + ", "
        + Markdown.sig(cell.secondsHigh() / fl.secondsLow()) + "]";
    assertTrue(row(floor, "`plain-simd/manual`").endsWith("| " + expected + " |"), expected + " in " + row(floor, "`plain-simd/manual`"));
    for (CellId c : RunResults.of(run).cells()) {
      assertEquals(5, row(floor, "`" + c + "`").split("× \\[").length - 1, row(floor, "`" + c + "`"));
    }
    String huge = section("### `huge` (N = 16,777,216; 128 MiB, DRAM: 4× L3)");
    assertTrue(row(huge, "`plain-simd/manual`").contains("| " + expected + " |"), huge);
    assertTrue(row(huge, "`floor` (X and y read once)").contains("| 1× |"), huge);
    assertTrue(section("## Time per step").contains("`floor`: one pass reading X and y once"), md);
  }

  @Test
  void theWorkloadsAreLabelledAgainstTheCachesAndHugeIsEverywhere() {
    String workloads = section("### Workloads");
    assertTrue(workloads.contains("| `seed` | 4 | 1 | no | 32.0 B | fits L1d |"), workloads);
    assertTrue(workloads.contains("| `large` | 1,048,576 | 1 | yes | 8.00 MiB | fits L3 |"), workloads);
    assertTrue(workloads.contains("| `huge` | 16,777,216 | 1 | yes | 128 MiB | DRAM: 4× L3 |"), workloads);
    assertTrue(workloads.contains("Caches: L1d 48.0 KiB, L2 1.00 MiB, L3 32.0 MiB."), workloads);
    for (String s : List.of("## Time per step", "### × floor", "## Abstraction tax", "## Memory per step")) {
      assertTrue(section(s).lines().anyMatch(l -> l.startsWith("| cell |") && l.contains(" huge") || l.startsWith("| backend |") && l.endsWith(
          "| huge |")), s + " has a huge column");
    }
    assertTrue(section("## Crossovers").contains("16,777,216"), "huge is a one-feature workload of the crossovers");
  }

  @Test
  void coldStartIsTheMedianAndRangeOfItsForksAndSaysWhatColdMeans() {
    String cold = section("## Cold start (JMH)");
    assertTrue(cold.contains("**Cold means a new JVM here, not a new machine**"), cold);
    assertTrue(cold.contains("native libraries"), cold);
    assertTrue(cold.contains("| cell | workload | median | range | forks | mean |"), cold);
    assertTrue(Pattern.compile("\\| `nd4j/manual/tuned` \\| large \\| [0-9.]+ ms \\| [0-9.]+ ms – [0-9.]+ ms \\| 10 \\|").matcher(cold).find(), cold);
  }

  @Test
  void timeToTargetIsOneNumberFromJmh() {
    String convergence = section("## Convergence");
    assertTrue(convergence.contains("time to target (JMH)"), convergence);
    assertFalse(convergence.contains("best of repeated timings"), "the converge JVM's own timing is not shown");
    String seed = section("### `seed`: the tutorial: x = [1, 2, 3, 4], y = 2x, no bias, lr 0.01");
    String target = section("## Time to target (JMH)");
    String jmhTime = row(target, "`plain/manual` | seed").split(" \\| ")[2];
    String figure = jmhTime.substring(0, jmhTime.indexOf(", cv"));
    assertTrue(row(seed, "`plain/manual`").contains("| " + figure + " |"), figure + " in " + row(seed, "`plain/manual`"));
    String seedDot = section("### `seed-dot`: the tutorial's first gradient (the sum's, 4x the mean's): faster on 4 samples");
    assertTrue(row(seedDot, "`plain/manual`").contains("| 3 | - |"), "no JMH result for a problem that is no workload: " + seedDot);
  }

  @Test
  void theFingerprintComesFromInsideTheForks() {
    String fp = section("### Fingerprint and host");
    assertTrue(fp.contains("`OPENBLAS_CORETYPE=Haswell`, `OPENBLAS_L2_SIZE=512`"), fp);
    assertTrue(fp.contains("| nd4j | 75 | nd4j.maxThreads 1, openblas.threads 1 | OpenBLAS Haswell | 1–2 | steady 75 |"), fp);
    assertTrue(fp.contains("| Load average | at most 3.40 in any fork (bound 2.50): **above the bound** |"), fp);
    assertTrue(fp.contains("| CPU steal | at most 1.0% in any fork (bound 5.0%) |"), fp);
    assertTrue(fp.contains("705 µs per pass (median of 4 check(s)"), fp);
    assertTrue(fp.contains("drift +0.7%, spread 16.7% (bound 10.0%): **noisy**"), fp);
    String top = md.substring(0, md.indexOf("### Workloads"));
    assertTrue(top.contains("**Noisy host:** the canary"), top);
    assertTrue(top.contains("**Measured on a busy host:** 1 result(s), marked † below"), top);
    assertTrue(section("## Environment").contains("| step | `nd4j/full-library` | large | 1g | 5 of 5 | 1000 ms |"), "the lengthened iterations");
  }

  @Test
  void bothHeapSizesAreShownWithTheirRatio() {
    String heap = section("### Heap size");
    String line = row(heap, "`nd4j/full-library`");
    assertTrue(line.startsWith("| `nd4j/full-library` | large | median "), line);
    assertTrue(Pattern.compile("\\| 4g \\| [0-9.]+ ms \\(−[0-9.]+%/\\+[0-9.]+%\\), cv [0-9.]+% \\| 0\\.[0-9]+× \\[0\\.[0-9]+, 0\\.[0-9]+\\] \\|$")
        .matcher(line).find(), line);
    assertTrue(row(section("## Time per step"), "`nd4j/full-library`").contains("(bimodal: GC cycle)"), "the tables keep the run's own heap");
  }

  @Test
  void theIndexMarksTheNoisyRun() {
    String index = ResultsIndex.render(results);
    assertTrue(index.contains("| complete, noisy host | full |"), index);
  }

  @Test
  void rendersTheSameFromTheSameFiles() throws IOException {
    assertEquals(md, Report.render(RunFolderFiles.read(dir)));
    Path again = ForkRunFixture.write(tmp.resolve("again"), "test-2c", RUN);
    assertEquals(md, Report.render(RunFolderFiles.read(again)), "the folder written again renders byte for byte");
    ReportCommandTest.Run first = ReportCommandTest.gdbench("report", dir.toString());
    assertEquals(0, first.status(), first.err());
    byte[] once = Files.readAllBytes(dir.resolve(RunFolderFiles.REPORT));
    assertEquals(md, new String(once, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(0, ReportCommandTest.gdbench("report", dir.toString()).status());
    assertArrayEquals(once, Files.readAllBytes(dir.resolve(RunFolderFiles.REPORT)));
    assertTrue(Files.size(dir.resolve("throughput.png")) > 1000);
  }

  @Test
  void aRunWithoutTheStatisticRendersAsBefore(@TempDir Path other) throws IOException {
    String old = Report.render(RunFolderFiles.read(RunFolderFixture.write(other.resolve("results"), "old-2c", RUN, 1)));
    assertFalse(old.contains("fork is the unit"), old);
    assertTrue(old.contains("± is JMH's 99.9% error"), old);
    assertFalse(old.contains("### × floor"), old);
  }

  @Test
  void theHostTimelineReadsEachForksNeighboursInTime() {
    RunResults results = RunResults.of(run);
    JmhResults.Result r = results.sorted(BenchmarkKind.STEP).stream()
        .filter(x -> "plain-simd/manual".equals(x.param("cell")) && "huge".equals(x.param("workload"))).findFirst().orElseThrow();
    int forks = r.primary().forkMeans().length;
    HostTimeline timeline = HostTimeline.of(results);
    double[] shifts = timeline.shifts(r, run.env().planEntry(BenchmarkKind.STEP, "plain-simd/manual", "huge", "1g"), forks);
    assertEquals(forks, shifts.length);
    assertTrue(java.util.Arrays.stream(shifts).allMatch(Double::isFinite), "every fork has neighbours: " + java.util.Arrays.toString(shifts));
    assertTrue(java.util.Arrays.stream(timeline.shifts(r, null, forks)).allMatch(Double::isNaN), "no fork records, no shift");
  }
}
