package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheFitTest {
  static final Map<String, String> EPYC = Map.of("L1d", "48K", "L1i", "32K", "L2", "1024K", "L3", "32768K");

  @Test
  void aWorkingSetIsPlacedAgainstTheDataCaches() {
    assertEquals("fits L1d", CacheFit.label(32, EPYC));
    assertEquals("fits L2", CacheFit.label(512 * 1024, EPYC));
    assertEquals("fits L3", CacheFit.label(8L << 20, EPYC));
    assertEquals("DRAM: 4× L3", CacheFit.label(128L << 20, EPYC));
    assertEquals("DRAM: 1.5× L3", CacheFit.label(48L << 20, EPYC));
    assertEquals("caches not recorded", CacheFit.label(1, Map.of()));
  }

  @Test
  void sizesAreReadAsLinuxWritesThem() {
    assertEquals(48 * 1024, CacheFit.bytes("48K"));
    assertEquals(32L << 20, CacheFit.bytes("32M"));
    assertEquals(32L << 20, CacheFit.bytes("32 MiB"));
    assertEquals(0, CacheFit.bytes("unknown"));
    assertEquals(Map.of("L1", 32768L, "L2", 1L << 20), CacheFit.levels(Map.of("L1", "32K", "L2", "1M")));
  }
}
