package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gdbench compare} on synthetic run folders with several forks per result. */
class ComparisonCommandTest {
  @TempDir Path tmp;

  /** Results per fixture run: two cells on every workload. */
  static final int N = 2 * gdbench.core.Workload.values().length;

  static ReportCommandTest.Run gdbench(String... args) {
    return ReportCommandTest.gdbench(args);
  }

  private Path run(String name, int forks, long seed) throws IOException {
    return ComparisonFixture.write(tmp.resolve("results"), "test-2c", name, forks, 0.005, 1, ComparisonFixture.Change.NONE, false, seed);
  }

  @Test
  void aRunComparedWithItselfOrWithItsForksShuffledPasses() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    ReportCommandTest.Run same = gdbench("compare", a.toString(), a.toString());
    assertEquals(0, same.status(), same.out() + same.err());
    assertTrue(same.out().contains("Holm correction over the " + N + " results tested"), same.out());
    assertTrue(same.out().contains(N + " compared, 0 regression(s), 0 improvement(s), 0 uncertain"), same.out());
    assertTrue(same.out().contains("overlap for " + N + " of " + N + " results with 2 or more forks a side (100%)"), same.out());

    Path shuffled = ComparisonFixture.shuffledCopy(a, "2026-01-01T00-00-01Z", 7);
    assertTrue(!Files.readString(shuffled.resolve("jmh.json")).equals(Files.readString(a.resolve("jmh.json"))), "the forks moved");
    ReportCommandTest.Run r = gdbench("compare", a.toString(), shuffled.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains(N + " compared, 0 regression(s), 0 improvement(s), 0 uncertain"), r.out());
  }

  @Test
  void oneResult15PercentSlowerFailsAndIsNamed() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    Path b = ComparisonFixture.scaledCopy(a, "2026-01-02T00-00-00Z", Map.of("plain/manual small", 0.85));
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(Main.EXIT_REGRESSION, r.status(), r.out() + r.err());
    assertTrue(r.out().contains(N + " compared, 1 regression(s), 0 improvement(s), 0 uncertain"), r.out());
    assertTrue(r.out().contains("regression: StepThroughput plain/manual small: B/A 0.850"), r.out());
    assertTrue(r.out().contains("overlap for " + (N - 1) + " of " + N + " results"), "the slower result's intervals are apart: " + r.out());
    long marked = r.out().lines().filter(l -> l.endsWith("REGRESSION")).count();
    assertEquals(1, marked, r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("StepThroughput   plain/manual") && l.contains(" small ") && l.endsWith("REGRESSION")), r.out());
  }

  /** A run made without this machine's OPENBLAS_CORETYPE against one with it: said, not refused. */
  @Test
  void saysWhenTheNativeKernelSettingsDiffer() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    Path b = ComparisonFixture.shuffledCopy(a, "2026-01-01T00-00-01Z", 7);
    ComparisonFixture.setNativeEnvironment(a, Map.of("OMP_NUM_THREADS", "1"));
    ComparisonFixture.setNativeEnvironment(b, Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell"));
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("note: the runs' native-kernel settings differ (2026-01-01T00-00-00Z none, 2026-01-01T00-00-01Z "
        + "{OPENBLAS_CORETYPE=Haswell})"), r.out());
    ComparisonFixture.setNativeEnvironment(a, Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_CORETYPE", "Haswell"));
    ReportCommandTest.Run same = gdbench("compare", a.toString(), b.toString());
    assertTrue(!same.out().contains("native-kernel settings differ"), "thread counts are not kernel settings: " + same.out());
  }

  /** Independent runs with the same code: new forks, new noise; nothing is marked. */
  @Test
  void twoRunsOfTheSameCodePass() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    Path b = run("2026-01-02T00-00-00Z", 5, 2);
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(0, r.status(), r.out() + r.err());
  }

  @Test
  void singleForkRunsAreUncertainAndPass() throws IOException {
    Path results = tmp.resolve("results");
    Path a = RunFolderFixture.write(results, "test-2c", "2026-01-01T00-00-00Z", 1);
    Path b = RunFolderFixture.write(results, "test-2c", "2026-01-02T00-00-00Z", 0.7);
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("uncertain: 1/1 forks"), r.out());
    assertTrue(r.out().contains(N + " compared, 0 regression(s), 0 improvement(s), " + N + " uncertain"), r.out());
    assertTrue(r.out().contains("note: " + N + " result(s) with fewer than 3 forks on a side are uncertain"), r.out());
  }

  /** Three single-fork runs a side, as scripts/ab makes them: pooled, three forks a side. */
  @Test
  void runsGivenTogetherArePooled() throws IOException {
    Path results = tmp.resolve("results");
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Path ai = ComparisonFixture.write(results, "test-2c", "2026-01-01T00-00-0" + i + "Z", 1, 0.005, 1, ComparisonFixture.Change.NONE, false, i);
      Path bi = ComparisonFixture.write(results, "test-2c", "2026-01-02T00-00-0" + i + "Z", 1, 0.005, 1,
          (cell, w) -> cell.equals("plain-simd/manual") && w.equals("large") ? 0.5 : 1.0, false, 10 + i);
      a.append(i == 0 ? "" : ",").append(ai);
      b.append(i == 0 ? "" : ",").append(bi);
    }
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(Main.EXIT_REGRESSION, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("A: test-2c/2026-01-01T00-00-00Z (cpu, complete) + test-2c/2026-01-01T00-00-01Z (cpu, complete) + "), r.out());
    assertTrue(r.out().contains("regression: StepThroughput plain-simd/manual large"), r.out());
    assertTrue(r.out().contains(N + " compared, 1 regression(s), 0 improvement(s), 0 uncertain"), r.out());
  }

  @Test
  void resultsTheRunMarkedUnsteadyAreUncertain() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    Path b = ComparisonFixture.scaledCopy(a, "2026-01-02T00-00-00Z", Map.of("plain/manual small", 0.5));
    ComparisonFixture.mark(b, "plain/manual", "small", "unsteady");
    ReportCommandTest.Run r = gdbench("compare", a.toString(), b.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("uncertain: unsteady in B (marked by the run)"), r.out());
  }

  @Test
  void differentMachinesAreRefusedUnlessForced() throws IOException {
    Path results = tmp.resolve("results");
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    Path other = ComparisonFixture.write(results, "other-8c", "2026-01-03T00-00-00Z", 5, 0.005, 1, ComparisonFixture.Change.NONE, false, 3);
    ReportCommandTest.Run refused = gdbench("compare", a.toString(), other.toString());
    assertEquals(Main.EXIT_USAGE, refused.status());
    assertEquals(1, refused.err().lines().count(), refused.err());
    assertTrue(refused.err().startsWith("error: the runs come from different machines (test-2c and other-8c)"), refused.err());
    ReportCommandTest.Run forced = gdbench("compare", "--force", a.toString(), other.toString());
    assertEquals(0, forced.status(), forced.err());
    assertTrue(forced.out().startsWith("WARNING: comparing runs from different machines"), forced.out());

    // The same name on different hardware (a VM that reports only "AMD EPYC"): refused too, also as one of several runs of a side.
    Path sameName = run("2026-01-04T00-00-00Z", 5, 4);
    Path env = sameName.resolve("env.json");
    Files.writeString(env, Files.readString(env).replace("\"device\" : \"cpu\"", "\"device\" : \"cpu\", \"instructionSet\" : \"avx512f\""));
    ReportCommandTest.Run otherHardware = gdbench("compare", a.toString(), a + "," + sameName);
    assertEquals(Main.EXIT_USAGE, otherHardware.status(), otherHardware.out());
    assertTrue(otherHardware.err().contains("both named test-2c, but Test CPU, 2 cores, unknown SIMD and Test CPU, 2 cores, avx512f"),
        otherHardware.err());
  }

  /** Another host of the same kind, 40% slower at everything: plain compare marks every result, --normalize floor none. */
  @Test
  void normalizingByTheFloorComparesAcrossHosts() throws IOException {
    Path results = tmp.resolve("results");
    Path a = ComparisonFixture.write(results, "test-2c", "2026-01-01T00-00-00Z", 5, 0.005, 1, ComparisonFixture.Change.NONE, true, 1);
    Path b = ComparisonFixture.write(results, "test-2c", "2026-01-02T00-00-00Z", 5, 0.005, 0.6, ComparisonFixture.Change.NONE, true, 2);
    ReportCommandTest.Run plain = gdbench("compare", a.toString(), b.toString());
    assertEquals(Main.EXIT_REGRESSION, plain.status(), plain.out());
    assertTrue(plain.out().contains((N + N / 2) + " compared, " + (N + N / 2) + " regression(s)"), plain.out());
    ReportCommandTest.Run normalized = gdbench("compare", "--normalize", "floor", a.toString(), b.toString());
    assertEquals(0, normalized.status(), normalized.out() + normalized.err());
    assertTrue(normalized.out().contains(N + " compared, 0 regression(s), 0 improvement(s), 0 uncertain"), normalized.out());
    assertTrue(normalized.out().contains("normalized by test-2c/2026-01-01T00-00-00Z's floor: seed "), normalized.out());
    assertTrue(normalized.out().contains("each over its own run's floor"), normalized.out());
  }

  @Test
  void normalizingRunsWithoutAFloorOrCanaryIsOneErrorLine() throws IOException {
    Path a = run("2026-01-01T00-00-00Z", 5, 1);
    for (String by : new String[] {"floor", "canary"}) {
      ReportCommandTest.Run r = gdbench("compare", "--normalize", by, a.toString(), a.toString());
      assertEquals(Main.EXIT_USAGE, r.status(), r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("error: " + a + ": no " + (by.equals("floor") ? "floor benchmark" : "host canary")), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void normalizingByTheCanary() throws IOException {
    Path results = tmp.resolve("results");
    Path a = ComparisonFixture.write(results, "test-2c", "2026-01-01T00-00-00Z", 5, 0.005, 1, ComparisonFixture.Change.NONE, false, 1);
    Path b = ComparisonFixture.write(results, "test-2c", "2026-01-02T00-00-00Z", 5, 0.005, 0.6, ComparisonFixture.Change.NONE, false, 2);
    ComparisonFixture.addCanary(a, 100, 101, 99, 100);
    ComparisonFixture.addCanary(b, 166, 167, 166.5, 167.5);
    ReportCommandTest.Run r = gdbench("compare", "--normalize", "canary", a.toString(), b.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains(N + " compared, 0 regression(s)"), r.out());
    assertTrue(r.out().contains("normalized by test-2c/2026-01-02T00-00-00Z's canary: 167.0 ns per pass"), r.out());
  }

  @Test
  void theHelpStatesTheMethod() {
    ReportCommandTest.Run r = gdbench("compare", "--help");
    assertEquals(0, r.status());
    String help = r.out().replaceAll("\\s+", " ");
    for (String s : new String[] {"Welch's t-test on their logarithms", "max(--threshold, 3 x that)", "corrected by Holm",
        "fewer than 3 forks", "'uncertain'", "--normalize floor", "cancels a host that is uniformly faster or slower",
        "not a host whose caches, memory bandwidth or SIMD differ"}) {
      assertTrue(help.contains(s), s + " in: " + help);
    }
  }
}
