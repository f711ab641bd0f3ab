package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options live in JvmFlags, the pom (test JVMs) and scripts/jvm-flags.sh: they must agree. */
class JvmFlagsTest {
  private static final String BASE = "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true";

  @Test
  void theThreeCopiesAgree() throws IOException {
    List<String> required = JvmFlags.required();
    assertEquals(BASE, String.join(" ", required.stream().filter(f -> !f.startsWith("--sun-misc")).toList()));
    assertTrue(Files.readString(Path.of("pom.xml")).contains("<gdbench.jvm.flags>" + BASE + "</gdbench.jvm.flags>"));
    assertTrue(Files.readString(Path.of("scripts/jvm-flags.sh")).contains("jvm_flags=(" + BASE + ")"));
    boolean jdk24 = Runtime.version().feature() >= 24;
    assertEquals(jdk24, required.contains("--sun-misc-unsafe-memory-access=allow"));
  }
}
