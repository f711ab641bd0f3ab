package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM options live in the backends (JvmFlags joins them); the build writes them into a java
 * argument file that the pom (tests, the bench profile) and the scripts pass as @file: no other copy.
 */
class JvmFlagsTest {
  private static final String BASE = "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true";

  @Test
  void theBackendsDeclareThem() {
    List<String> required = JvmFlags.required();
    assertEquals(BASE, String.join(" ", required.stream().filter(f -> !f.startsWith("--sun-misc")).toList()));
    boolean jdk24 = Runtime.version().feature() >= 24;
    assertEquals(jdk24, required.contains("--sun-misc-unsafe-memory-access=allow"));
  }

  @Test
  void theBuildWritesThemForThisJdkAndThisJvmGotThem() throws IOException {
    Path file = Path.of("target", JvmFlags.argumentFileName());
    List<String> written = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertEquals(JvmFlags.required(), written);
    List<String> mine = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(mine.containsAll(JvmFlags.required()), "surefire passed @" + file + ": " + mine);
  }

  @Test
  void thePomAndTheScriptsHoldNoCopy() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String scripts = Files.readString(Path.of("scripts/jvm-flags.sh")) + Files.readString(Path.of("scripts/bench"))
        + Files.readString(Path.of("scripts/gdbench"));
    for (String flag : JvmFlags.required()) {
      assertFalse(pom.contains(flag), "pom.xml repeats " + flag);
      assertFalse(scripts.contains(flag), "scripts/ repeat " + flag);
    }
    assertTrue(pom.contains("<argLine>@${gdbench.jvm.flags.file}"), "surefire passes the argument file");
    assertTrue(pom.contains("<argument>@${gdbench.jvm.flags.file}</argument>"), "the bench profile passes the argument file");
    assertTrue(Files.readString(Path.of("scripts/jvm-flags.sh")).contains("gdbench.core.JvmFlags"));
  }
}
