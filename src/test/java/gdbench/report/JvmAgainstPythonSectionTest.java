package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Workload;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunData;
import gdbench.runfolder.RunFolderFiles;
import gdbench.runfolder.TutorialReferenceData;
import gdbench.stats.ForkInterval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmAgainstPythonSectionTest {
  @TempDir Path tmp;

  /** The fixture's plain-simd cell (20 × 1e8 / (N·D) steps/s) against a Python row as fast on seed and 10× slower elsewhere. */
  private RunData runWithPythonRows() throws IOException {
    Path run = RunFolderFixture.write(tmp.resolve("results"), "test-2c", "2026-01-01T00-00-00Z", 1);
    List<TutorialReferenceData.Row> rows = new ArrayList<>();
    for (Workload w : Workload.values()) {
      double jvm = 20 * 1e8 / (w.n() * w.d());
      double rate = w == Workload.SEED ? jvm : jvm / 10;
      rows.add(new TutorialReferenceData.Row("numpy", "manual", "tuned", w.id(), w.n(), w.d(), rate, rate * 0.01, null,
          new double[] {rate * 0.99, rate, rate * 1.01}, new double[][] {{rate}, {rate}, {rate}},
          w == Workload.LARGE ? new double[] {2031, 0, 1500} : new double[] {0, 0, 0}));
    }
    TutorialReferenceData.PerOp perOp = new TutorialReferenceData.PerOp("seed", 4, "batches of at least 20 ms", 3, List.of(
        new TutorialReferenceData.PerOpRow("python", "numpy", "add", 250, new double[] {240, 250, 260}, 3),
        new TutorialReferenceData.PerOpRow("python", "numpy", "add-inplace", 190, new double[] {190, 190, 190}, 3),
        new TutorialReferenceData.PerOpRow("python", "python", "empty-loop", 8, new double[] {8, 8, 8}, 3),
        new TutorialReferenceData.PerOpRow("jvm", "djl", "add", 1500, new double[] {1400, 1500, 1600}, 3)));
    TutorialReferenceData ref = new TutorialReferenceData(TutorialReferenceData.SCHEMA, TutorialReferenceData.COMPLETE, null, "3.11.2",
        "1.24.2", "1.13.0a0", 1, false, rows, "/usr/bin/python3",
        new TutorialReferenceData.Statistic("mean of the process means", 0.99, 3, 5, 0.2), "the JVM's data", Map.of(),
        Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "1"), Map.of(),
        RunFolderFixture.JSON.readTree("{\"torch\": {\"config\": \"PyTorch built with:\\n  - CPU capability usage: AVX2\\n"
            + "  - Build settings: BLAS_INFO=generic, BUILD_TYPE=Release\"}, \"loadedLibraries\": [\"/usr/lib/blas/libblas.so.3\"]}"),
        List.of(new TutorialReferenceData.Pair("plain-simd/manual", "numpy/manual/tuned"),
            new TutorialReferenceData.Pair("djl/manual/tuned", "torch/manual/tuned")), perOp, "2026-01-01T15:01:00Z",
        "2026-01-01T15:04:00Z");
    RunFolderFiles.writeTutorialReference(run, ref);
    return RunFolderFiles.read(run);
  }

  @Test
  void pairsEachCellWithItsPythonLikeOnEveryWorkload() throws IOException {
    String md = Report.render(runWithPythonRows());
    assertTrue(md.contains("## JVM against Python"), md);
    assertTrue(md.contains("| seed | `plain-simd/manual` | 2.00 ns ± 2.0% ¹ | `numpy/manual/tuned` | 2.00 ns ± 5.7% | ≈ 1.00× |"), md);
    assertTrue(md.contains("| large | `plain-simd/manual` | 524 µs ± 2.0% ¹ | `numpy/manual/tuned` | 5.24 ms ± 5.7% | 0.10× |"), md);
    assertFalse(md.contains("`djl/manual/tuned` |"), "a cell this run did not serve has no row");
    assertTrue(md.contains("over 3 fresh Python processes"), "± said once");
    assertTrue(md.contains("`numpy/manual/tuned` on large (up to 2,031 per step, in 2 of 3 processes)"), md);
  }

  @Test
  void namesThePerOpCostAndTheBuilds() throws IOException {
    String md = Report.render(runWithPythonRows());
    assertTrue(md.contains("| numpy | python | 250 ns ± 22.9% | 190 ns ± 0.0% |"), md);
    assertTrue(md.contains("| djl | jvm | 1.50 µs ± 38.2% | - |"), md);
    assertTrue(md.contains("an empty Python loop takes 8.00 ns per iteration"), md);
    assertTrue(md.contains("PyTorch 1.13.0a0 (CPU capability usage: AVX2, BLAS_INFO=generic)"), md);
    assertTrue(md.contains("`/usr/lib/blas/libblas.so.3`"), md);
    assertTrue(md.contains("`OMP_NUM_THREADS=1`, `OPENBLAS_CORETYPE=Haswell`"), md);
    assertTrue(md.contains("| python: `numpy/manual/tuned` | 2.00 ns ± 5.7% |"), "the time-per-step row with the same interval");
  }

  @Test
  void saysWhenThePythonSideRanAgainstJmh() throws IOException {
    RunData results = runWithPythonRows();
    assertTrue(Report.render(results).contains("Timed from 2026-01-01T15:01:00Z to 2026-01-01T15:04:00Z, 15 h after JMH ended "
        + "(2026-01-01T00:01:00Z), not right after it"));
    TutorialReferenceData rightAfter = results.reference().withTimes("2026-01-01T00:03:00Z", "2026-01-01T00:06:00Z");
    assertEquals("Timed from 2026-01-01T00:03:00Z to 2026-01-01T00:06:00Z, right after JMH.",
        JvmAgainstPythonSection.whenTimed(results.env(), rightAfter));
    assertEquals("", JvmAgainstPythonSection.whenTimed(results.env(), rightAfter.withTimes(null, null)), "older files say nothing");
  }

  @Test
  void severalForksGiveTheIntervalOverForkMeans() {
    JmhResults.Metric m = new JmhResults.Metric(100, 5, "ops/s", new double[][] {{90, 110}, {95, 105}, {100, 102}});
    JvmAgainstPythonSection.Estimate e = JvmAgainstPythonSection.jvm(new JmhResults.Result("a.B.step", "thrpt", Map.of(), 3, m, Map.of()));
    ForkInterval i = ForkInterval.of(new double[] {100, 100, 101});
    assertEquals(i.mean(), e.rate(), 1e-12);
    assertEquals(i.lower(), e.lower(), 1e-12);
    assertEquals("", e.how(), "no mark: the interval is over forks");
    JmhResults.Metric time = new JmhResults.Metric(2, 0.1, "us/op", new double[][] {{2}});
    assertEquals(5e5, JvmAgainstPythonSection.jvm(new JmhResults.Result("a.B.step", "avgt", Map.of(), 1, time, Map.of())).rate(), 1e-6);
  }
}
