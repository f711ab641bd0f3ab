package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fork of the thread sweep starts through a script that gives it its own thread count and passes every argument on. */
class ForkThreadsTest {

  @Test
  void theLauncherSetsEveryThreadVariableAndRunsJava() throws Exception {
    Path launcher = ForkThreads.launcher(3);
    Process p = new ProcessBuilder(launcher.toString(), "-cp", System.getProperty("java.class.path"), ThreadEnvironmentProbe.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> vars = ForkThreads.variables();
    assertTrue(vars.containsAll(List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")), vars.toString());
    for (String v : vars) {
      assertTrue(out.contains(v + "=3\n"), v + " in:\n" + out);
    }
    assertEquals(launcher, ForkThreads.launcher(3), "one script per count");
  }
}
