package gdbench.bench;

import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forks at another thread count than the runner's (the thread sweep). Native libraries size their
 * pools from OMP_NUM_THREADS and the like when they load, and a JMH fork inherits the runner's
 * environment (JMH has no option for it); so such a fork starts through a small shell script, given
 * to JMH as the fork's JVM, that sets those variables and then runs this JVM's java.
 */
final class ForkThreads {
  private static final Map<Integer, Path> SCRIPTS = new ConcurrentHashMap<>();

  private ForkThreads() {}

  /** Every variable that sizes a backend's native pool, and the generic OpenMP/BLAS ones. */
  static List<String> variables() {
    Set<String> vars = new LinkedHashSet<>(List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"));
    vars.addAll(Backends.threadEnvironment());
    return new ArrayList<>(vars);
  }

  /** The script's text: exports the thread variables, then runs {@code java} with the fork's arguments. */
  static String script(int threads, String java) {
    StringBuilder sb = new StringBuilder("#!/bin/sh\n# gdbench: a JMH fork with ").append(threads).append(" native threads\n");
    for (String v : variables()) {
      sb.append("export ").append(v).append('=').append(threads).append('\n');
    }
    sb.append("exec '").append(java.replace("'", "'\\''")).append("' \"$@\"\n");
    return sb.toString();
  }

  /** The launcher of forks with this many threads (written once per runner JVM, in a temporary folder). */
  static Path launcher(int threads) {
    return SCRIPTS.computeIfAbsent(threads, t -> {
      if (!Files.isExecutable(Path.of("/bin/sh"))) {
        throw new GdbenchException("the thread sweep needs /bin/sh to start forks with their own thread count");
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      try {
        Path dir = Files.createTempDirectory("gdbench-threads");
        Path script = dir.resolve("java-" + t + "-threads");
        Files.writeString(script, script(t, java));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        script.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return script;
      } catch (IOException | UnsupportedOperationException e) {
        throw new GdbenchException("cannot write the launcher of " + t + "-thread forks: " + e.getMessage());
      }
    });
  }
}
