package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.cli.Main;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportCommandTest {
  @TempDir Path tmp;

  record Run(int status, String out, String err) {}

  static Run gdbench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void renderingTheSameFolderTwiceGivesTheSameMarkdown() throws IOException {
    Path results = tmp.resolve("results");
    Path run = RunFolderFixture.write(results, "test-2c", "2026-01-01T00-00-00Z", 1);
    Run first = gdbench("report", run.toString());
    assertEquals(0, first.status(), first.err());
    byte[] once = Files.readAllBytes(run.resolve("REPORT.md"));
    Run second = gdbench("report", run.toString());
    assertEquals(0, second.status(), second.err());
    assertArrayEquals(once, Files.readAllBytes(run.resolve("REPORT.md")), "the same JSON renders the same Markdown");
    assertEquals(Report.render(RunFolderFiles.read(run)), Files.readString(run.resolve("REPORT.md")));

    String md = new String(once);
    assertTrue(md.contains("| `plain-simd/manual` |"), md);
    assertTrue(md.contains("Tutorial reference rows: not run: python3 with numpy and torch not found"), md);
    assertTrue(md.contains("n/a: plain Java arrays have no automatic differentiation"), "cells not served are listed with the reason");
    assertTrue(md.contains("### `seed`: the tutorial"), "convergence per problem");
    assertTrue(Files.size(run.resolve("throughput.png")) > 1000);
    assertTrue(Files.size(run.resolve("loss-seed.png")) > 1000);
    String index = Files.readString(results.resolve("README.md"));
    assertTrue(index.contains("[2026-01-01T00-00-00Z](test-2c/2026-01-01T00-00-00Z/REPORT.md)"), index);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "env.json|missing|: missing",
      "env.json|empty|: empty file",
      "env.json|truncated|: not valid JSON (truncated or damaged?) at line 1",
      "env.json|foreign|: not a gdbench env.json (schema 'none', expected gdbench-env/1)",
      "jmh.json|missing|: missing",
      "jmh.json|empty|: empty file",
      "jmh.json|truncated|: not valid JSON (truncated or damaged?) at line 1",
      "jmh.json|foreign|: not JMH's result format (expected a JSON array of benchmark results)",
      "convergence.json|empty|: empty file",
      "convergence.json|truncated|: not valid JSON (truncated or damaged?) at line 1",
      "convergence.json|foreign|: not a gdbench convergence file",
      "tutorial-reference.json|truncated|: not valid JSON (truncated or damaged?) at line 1",
      "tutorial-reference.json|foreign|: not a gdbench tutorial reference file",
  })
  void aBadFileIsNamedAndNothingIsWritten(String file, String damage, String message) throws IOException {
    Path results = tmp.resolve("results");
    Path run = RunFolderFixture.write(results, "test-2c", "2026-01-01T00-00-00Z", 1);
    Path target = run.resolve(file);
    switch (damage) {
      case "missing" -> Files.delete(target);
      case "empty" -> Files.writeString(target, "");
      case "truncated" -> Files.writeString(target, Files.readString(target).substring(0, 40).replace("\n", " "));
      default -> Files.writeString(target, "{\"name\": \"something else\"}");
    }
    List<String> before = listing(run);
    Run r = gdbench("report", run.toString());
    assertEquals(Main.EXIT_USAGE, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: " + target + message), r.err());
    assertEquals(before, listing(run), "nothing written into the run folder");
    assertFalse(Files.exists(results.resolve("README.md")), "no index written");
  }
}
