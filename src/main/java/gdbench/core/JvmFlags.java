package gdbench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every JVM that gdbench starts needs (benchmark forks, the steps after JMH, test
 * children), kept in one place. {@code scripts/gdbench}, {@code scripts/bench} and the pom's
 * surefire {@code argLine} carry the same list for the JVMs they start.
 */
public final class JvmFlags {
  private JvmFlags() {}

  /** For a JVM of the same version as this one. */
  public static List<String> required() {
    List<String> flags = new ArrayList<>(List.of(
        "--add-modules", "jdk.incubator.vector", // plain-simd: the Vector API is an incubator module
        "--enable-native-access=ALL-UNNAMED", // JavaCPP (ND4J) and JNA (DJL) load native code
        "-Dai.djl.offline=true")); // DJL loads PyTorch from the jar on the class path, never downloads
    if (Runtime.version().feature() >= 24) {
      // JavaCPP 1.5.7 (ND4J) uses sun.misc.Unsafe's memory access, which JDK 24 and newer
      // announce on stderr; the option does not exist before JDK 23.
      flags.add("--sun-misc-unsafe-memory-access=allow");
    }
    return flags;
  }
}
