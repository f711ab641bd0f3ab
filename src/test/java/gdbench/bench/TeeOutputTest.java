package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner reads the OpenBLAS kernel a fork loaded from what OpenBLAS prints (OPENBLAS_VERBOSE=2). */
class TeeOutputTest {

  @Test
  void keepsTheKernelsOpenblasReportsSinceTheMark() throws IOException {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    TeeOutput tee = new TeeOutput(terminal, new ByteArrayOutputStream());
    byte[] text = "# Fork: 1 of 1\nCore: Haswell\nIteration   1: 5.0 ops/s\nCore: Haswell\nCore: SkylakeX\n".getBytes(StandardCharsets.UTF_8);
    tee.write(text, 0, 20); // split inside a line, as a stream may deliver it
    tee.write(text, 20, text.length - 20);
    assertEquals(List.of("Haswell", "SkylakeX"), tee.openblasCores());
    assertEquals(new String(text, StandardCharsets.UTF_8), terminal.toString(StandardCharsets.UTF_8), "the output passes unchanged");
    tee.mark();
    assertEquals(List.of(), tee.openblasCores());
  }

  @Test
  void theForkRecordNamesTheKernel() {
    Map<String, Object> record = BenchRun.readRecord(null, 3.14, List.of("Haswell"));
    assertEquals(Map.of("OpenBLAS core", "Haswell"), record.get("nativeKernel"));
    assertFalse(BenchRun.readRecord(null, 3.14, List.of()).containsKey("nativeKernel"), "no kernel where OpenBLAS said nothing");
  }
}
