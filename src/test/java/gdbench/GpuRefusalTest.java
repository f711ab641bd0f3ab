package gdbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Device;
import gdbench.core.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Without a GPU (CI has none) asking for one fails at once, in one line that says what was looked
 * for: {@code --device gpu} for every cell, and the {@code gpu} Maven profile before it downloads.
 */
class GpuRefusalTest {
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

  static List<String> cells() {
    return Backends.cellsHere().stream().map(Cell::id).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void deviceGpuIsRefusedInOneLine(String cellId) {
    // The default build carries CPU natives only, so every cell refuses, GPU or not.
    GdbenchException e = Assertions.assertThrows(GdbenchException.class,
        () -> Backends.open(Cell.parse(cellId), Problem.seed(), TrainConfig.tutorial().withDevice(Device.GPU)).close());
    String backend = cellId.substring(0, cellId.indexOf('/'));
    assertTrue(e.getMessage().startsWith(backend + " cannot run on gpu: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void theGpuProfileFailsAtValidateWithoutADriver() throws IOException, InterruptedException {
    assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
    Process p = new ProcessBuilder("mvn", "-B", "-q", "-Pgpu", "validate").directory(BASEDIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("-Pgpu needs an NVIDIA GPU with its driver loaded: looked for /proc/driver/nvidia/version and did not find it."), out);
  }
}
