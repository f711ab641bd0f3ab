package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryProfilerTest {
  private static final long GIB = 1L << 30;

  @Test
  void aFixedHeapIsRecognisedFromTheJvmOptions() {
    assertEquals(GIB, ResidentMemoryProfiler.fixedHeapBytes(List.of("-Xms1g", "-Xmx1g")));
    assertEquals(512L << 20, ResidentMemoryProfiler.fixedHeapBytes(List.of("-Xmx2g", "-Xms512m", "-Xmx512M")));
    assertEquals(-1, ResidentMemoryProfiler.fixedHeapBytes(List.of("-Xms256m", "-Xmx1g")));
    assertEquals(-1, ResidentMemoryProfiler.fixedHeapBytes(List.of("-Xmx1g")));
  }

  /** The heap may show as several adjacent mappings, CDS-archived objects among them; other ranges are not the heap. */
  @Test
  void theHeapsResidentPagesAreFoundInSmaps() {
    List<String> smaps = List.of(
        "55d0a0000000-55d0a0001000 r-xp 00000000 fe:00 123 /usr/bin/java",
        "Rss:                   4 kB",
        "c0000000-ffe00000 rw-p 00000000 00:00 0 ",
        "Size:            1046528 kB",
        "Rss:               20480 kB",
        "ffe00000-ffe75000 rw-p 00c77000 fe:00 328258       /usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa",
        "Rss:                 468 kB",
        "ffe75000-100000000 rw-p 00000000 00:00 0",
        "Rss:                 556 kB",
        "7f0000000000-7f0040000000 ---p 00000000 00:00 0",
        "Rss:                   0 kB",
        "7f1000000000-7f1040000000 rw-p 00000000 00:00 0                          [anon:other]",
        "Rss:                 512 kB");
    // a range that starts file-backed is not the heap
    assertEquals(-1, ResidentMemoryProfiler.heapResident(smaps.subList(5, smaps.size()), 2L << 20));
    assertEquals(21504L * 1024, ResidentMemoryProfiler.heapResident(smaps, GIB));
    assertEquals(-1, ResidentMemoryProfiler.heapResident(smaps, 2 * GIB));
  }

  @Test
  void thisJvmsOwnStatusAndSmapsCanBeRead() {
    long[] m = ResidentMemoryProfiler.read();
    if (m == null) {
      return; // not Linux
    }
    assertTrue(m[0] > 0 && m[1] >= m[0]);
    long heap = ResidentMemoryProfiler.fixedHeapBytes(ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (heap > 0) {
      long resident = ResidentMemoryProfiler.heapResident(Environment.lines(java.nio.file.Path.of("/proc/self/smaps")), heap);
      assertTrue(resident > 0 && resident <= heap, "heap resident " + resident);
    }
  }
}
