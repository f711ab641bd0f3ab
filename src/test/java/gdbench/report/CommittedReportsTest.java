package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed run folder renders, in memory, to the REPORT.md committed beside it, and the
 * results index to results/README.md: the report's code can change shape, not what it writes.
 */
class CommittedReportsTest {
  static final Path RESULTS = Path.of("results");

  static List<Path> committedRuns() throws IOException {
    try (Stream<Path> files = Files.walk(RESULTS, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("REPORT.md")).map(Path::getParent).sorted().toList();
    }
  }

  @Test
  void thereAreCommittedRuns() throws IOException {
    assertFalse(committedRuns().isEmpty(), "no REPORT.md under " + RESULTS.toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("committedRuns")
  void rendersTheCommittedReport(Path run) throws IOException {
    assertEquals(Files.readString(run.resolve("REPORT.md")), Report.render(RunFolderFiles.read(run)));
  }

  @Test
  void rendersTheCommittedIndex() throws IOException {
    assertEquals(Files.readString(RESULTS.resolve("README.md")), ResultsIndex.render(RESULTS));
  }
}
