package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.cli.Main;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  @TempDir Path tmp;

  /** The committed runs of one machine, into a temporary folder: nothing under results/ is written. */
  @Test
  void rendersTheCommittedRunsOfAMachine() throws IOException {
    Path out = tmp.resolve("history");
    byte[] index = Files.readAllBytes(CommittedReportsTest.RESULTS.resolve("README.md"));
    Path committed = CommittedReportsTest.RESULTS.resolve("amd-epyc-2c-avx512/history/HISTORY.md");
    String committedHistory = Files.exists(committed) ? Files.readString(committed) : null;
    ReportCommandTest.Run r = ReportCommandTest.gdbench("history", "amd-epyc-2c-avx512", "--out", out.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    long runs;
    try (var dirs = Files.list(CommittedReportsTest.RESULTS.resolve("amd-epyc-2c-avx512"))) {
      runs = dirs.filter(d -> Files.exists(d.resolve("env.json"))).count();
    }
    assertTrue(r.out().startsWith("wrote " + out.resolve("HISTORY.md") + " and "), r.out());
    assertTrue(r.out().contains(" chart(s): " + runs + " run(s)"), r.out());
    String md = Files.readString(out.resolve("HISTORY.md"));
    assertTrue(md.startsWith("# History of amd-epyc-2c-avx512\n\n" + runs + " run(s) of this machine, in "), md);
    assertTrue(md.contains("| 1 | [2026-11-30T06-37-44Z](../2026-11-30T06-37-44Z/REPORT.md) | `02c441b`"), md);
    assertTrue(md.contains("![step over the runs](history-step.png)"), md);
    for (String family : new String[] {"step", "target", "cold"}) {
      assertTrue(Files.size(out.resolve("history-" + family + ".png")) > 10_000, family);
    }
    assertEquals(new String(index), Files.readString(CommittedReportsTest.RESULTS.resolve("README.md")), "the index is left alone");
    assertEquals(committedHistory, Files.exists(committed) ? Files.readString(committed) : null, "--out leaves the committed history alone");
  }

  @Test
  void anUnknownMachineIsOneErrorLine() {
    ReportCommandTest.Run r = ReportCommandTest.gdbench("history", "no-such-machine", "--out", tmp.toString());
    assertEquals(Main.EXIT_USAGE, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: no machine 'no-such-machine' under results (machines: amd-epyc-2c, amd-epyc-2c-avx512, "), r.err());
    assertTrue(r.err().strip().endsWith(")"), "the machines found are listed: " + r.err());
  }

  private static void setEnv(Path run, String commit, String startedAt, String jdk) throws IOException {
    Path file = run.resolve(RunFolderFiles.ENV);
    ObjectNode env = (ObjectNode) RunFolderFixture.JSON.readTree(file.toFile());
    ((ObjectNode) env.get("git")).put("commit", commit);
    env.put("startedAt", startedAt);
    ((ObjectNode) env.get("jdk")).put("version", jdk);
    RunFolderFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), env);
  }

  /**
   * Six runs, one cell 40% slower from the fourth on, and a sixth run on another JDK: the step is
   * named by the fourth run's commit, and the sixth run is a series of its own, not a step.
   */
  @Test
  void findsAStepNamesItsRunAndKeepsAnotherFingerprintApart() throws IOException {
    Path results = tmp.resolve("results");
    for (int i = 1; i <= 6; i++) {
      double slower = i >= 4 ? 1 / 1.4 : 1;
      Path run = ComparisonFixture.write(results, "test-2c", "2026-01-0" + i + "T00-00-00Z", 3, 0.01, i == 6 ? 0.5 : 1,
          (cell, w) -> cell.equals("plain/manual") && w.equals("small") ? slower : 1.0, false, i);
      setEnv(run, "c0ffee" + i + "0000000000", "2026-01-0" + i + "T00:00:00Z", i == 6 ? "21.0.2" : "17.0.15");
    }
    ReportCommandTest.Run r = ReportCommandTest.gdbench("history", "test-2c", "--results", results.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    String md = Files.readString(results.resolve("test-2c/history/HISTORY.md"));
    assertTrue(md.contains("in the time each run started (no git history here)"), md);
    assertTrue(md.contains("- F1: Test CPU, 2 cores, unknown SIMD · JDK 17.0.15 · cpu\n- F2: Test CPU, 2 cores, unknown SIMD · JDK 21.0.2 · cpu"), md);
    String steps = md.substring(md.indexOf("## Steps"), md.indexOf("## step"));
    assertEquals(1, steps.lines().filter(l -> l.startsWith("| step |")).count(), steps);
    assertTrue(steps.contains("| step | `plain/manual [F1]` | small | #4 2026-01-04T00-00-00Z | `c0ffee4` |"), steps);
    assertTrue(steps.contains("| 1.40× |"), steps);
    assertTrue(Files.size(results.resolve("test-2c/history/history-step.png")) > 10_000);

    // written into the results root: the index links it
    String index = Files.readString(results.resolve("README.md"));
    assertTrue(index.endsWith("Every run over the commits, with the steps found (`gdbench history`): [test-2c](test-2c/history/HISTORY.md).\n"), index);
    assertEquals(index, ResultsIndex.render(results));
  }
}
