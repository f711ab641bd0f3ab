package gdbench.ojalgo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.JvmFlags;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memory stays flat over 20,000 steps of every ojAlgo cell (N = 4096, D = 4, a bias, after 10,000
 * warm-up steps: with fewer, C2 is still compiling during the measurement, and its arenas, taken
 * from malloc, show as a transient rise of resident memory), in a JVM of its own whose heap is fixed and touched up front ({@code -Xms256m
 * -Xmx256m -XX:+AlwaysPreTouch}, G1), so that resident memory cannot follow the heap's growth.
 * ojAlgo is pure Java: what it could leak is Java objects, so the heap in use after a full
 * collection is read too, before the steps and after each 2,000 of them.
 *
 * <p>Bounds, and why:
 * <ul>
 *   <li>Heap in use after a full collection: the last reading within {@value #HEAP_BOUND_KB} KiB of
 *       the first. Anything a step leaves reachable adds up: 52 bytes a step fail it, and one
 *       leaked 16 KiB prediction a step would exhaust the 256 MiB heap long before the end.
 *   <li>Resident memory: at most {@value #RSS_BOUND_MB} MiB over the first reading at any time (the
 *       JIT's code cache, metaspace and the collector's own structures, none of which grows per
 *       step), and the peak of the last 6,000 steps at most {@value #LAST_STEPS_BOUND_MB} MiB above
 *       the peak of the steps before, so that memory still rising at the end fails.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OjalgoMemoryTest {
  static final int WARMUP = 10_000;
  static final int STEPS = 20_000;
  static final int HEAP_BOUND_KB = 1024;
  static final int RSS_BOUND_MB = 16;
  static final int LAST_STEPS_BOUND_MB = 4;

  /** Readings in KiB: index 0 before the measured steps, then after each tenth of them. */
  record Measurement(long[] rssKb, long[] heapKb, double microsPerStep, float finalLoss) {}

  private final Map<String, Measurement> measured = new HashMap<>();
  private String probeError = "";

  static Stream<String> cells() {
    return Backends.cells().stream().filter(c -> c.backend().equals("ojalgo")).map(Cell::id);
  }

  @BeforeAll
  void runTheCellsInAJvmOfTheirOwn() throws IOException, InterruptedException {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc/self/status (Linux)");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.required());
    command.addAll(List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), OjalgoMemoryProbe.class.getName()));
    command.addAll(List.of(String.valueOf(WARMUP), String.valueOf(STEPS)));
    command.addAll(cells().toList());
    File err = File.createTempFile("gdbench-ojalgo-memory", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(err).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the memory probe did not finish");
      probeError = Files.readString(err.toPath(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "the memory probe failed:\n" + probeError);
      for (String line : out.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length == 5 && f[0].startsWith("ojalgo/")) {
          measured.put(f[0], new Measurement(longs(f[1]), longs(f[2]), Double.parseDouble(f[3]), Float.parseFloat(f[4])));
        }
      }
    } finally {
      err.delete();
    }
  }

  private static long[] longs(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void heapAndResidentMemoryStayFlat(String cellId) {
    Measurement m = measured.get(cellId);
    assertNotNull(m, cellId + ": no measurement from the probe\n" + probeError);
    assertEquals(11, m.rssKb().length, cellId + ": expected 11 readings");
    long[] rss = m.rssKb();
    long[] heap = m.heapKb();
    System.out.printf("memory %-24s %7.1f us/step; after each 2,000 steps, KiB over the start: VmRSS %s; heap after GC %s%n",
        cellId, m.microsPerStep(), over(rss), over(heap));
    assertTrue(Float.isFinite(m.finalLoss()), cellId + ": training diverged, loss " + m.finalLoss());
    long heapGrowth = heap[10] - heap[0];
    assertTrue(heapGrowth < HEAP_BOUND_KB,
        cellId + ": the heap in use after a full collection grew by " + heapGrowth + " KiB over " + STEPS + " steps (bound " + HEAP_BOUND_KB + " KiB)");
    long peak = Arrays.stream(rss).max().orElseThrow() - rss[0];
    assertTrue(peak < RSS_BOUND_MB * 1024L,
        cellId + ": resident memory rose by up to " + peak + " KiB over " + STEPS + " steps (bound " + RSS_BOUND_MB + " MiB)");
    long earlier = Arrays.stream(rss, 0, 8).max().orElseThrow();
    long last = Arrays.stream(rss, 8, 11).max().orElseThrow();
    assertTrue(last - earlier < LAST_STEPS_BOUND_MB * 1024L,
        cellId + ": resident memory kept growing: the peak of the last 6,000 steps is " + (last - earlier)
            + " KiB above the peak before (bound " + LAST_STEPS_BOUND_MB + " MiB)");
  }

  private static String over(long[] values) {
    return Arrays.stream(values, 1, values.length).mapToObj(v -> String.format("%+d", v - values[0])).collect(Collectors.joining(" "));
  }
}
