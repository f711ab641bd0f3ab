package gdbench.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A native library that cannot load gives one clear error naming the backend and the cause, the
 * same error on every later attempt, and the other backends keep working in the same process.
 */
class Nd4jLoadFailureTest {

  @Test
  void theMessageIsOneLineNamingTheBackendThePlatformAndTheRootCause() {
    // The shape ND4J's static initialiser throws: its generic wrapper around the real cause.
    Throwable thrown = new ExceptionInInitializerError(new RuntimeException(
        "ND4J is probably missing dependencies. For more information, please refer to: https://deeplearning4j.konduit.ai/nd4j/backend",
        new UnsatisfiedLinkError("no jnind4jcpu in java.library.path: /usr/lib\n  /lib")));
    String message = Nd4jRuntime.describeLoadFailure(thrown, "linux-ppc64le");
    assertFalse(message.contains("\n"), message);
    assertTrue(message.startsWith("nd4j: "), message);
    assertTrue(message.contains("linux-ppc64le"), message);
    assertTrue(message.contains("UnsatisfiedLinkError: no jnind4jcpu in java.library.path: /usr/lib /lib"), message);
  }

  /**
   * A real failure: a JVM told (through JavaCPP's platform property) to load the natives of a
   * platform whose jar is not on the classpath, exactly what a missing classifier does.
   */
  @Test
  void aMissingNativeJarIsOneErrorLineAndPlainStillTrains() {
    ChildJvm child = ChildJvm.run(List.of("-Dorg.bytedeco.javacpp.platform=linux-ppc64le", "-Xmx512m"),
        Nd4jLoadFailureProbe.class.getName(), List.of(), 300);
    assertEquals(0, child.status(), child.err());
    List<String[]> results = new ArrayList<>();
    for (String line : child.out().split("\n")) {
      if (line.startsWith("RESULT ")) {
        results.add(line.split(" ", 4));
      }
    }
    assertEquals(3, results.size(), child.out());
    String[] first = results.get(0);
    String[] second = results.get(1);
    String[] plain = results.get(2);

    assertEquals("2", first[2], "nd4j train exits with status 2: " + first[3]);
    String error = first[3];
    assertTrue(error.endsWith("\\n") && error.indexOf("\\n") == error.length() - 2, "exactly one line: " + error);
    assertTrue(error.startsWith("error: nd4j: "), error);
    assertTrue(error.contains("linux-ppc64le"), error);
    assertTrue(error.contains("UnsatisfiedLinkError"), error);

    assertEquals("2", second[2]);
    assertEquals(error, second[3], "a second attempt repeats the cause instead of 'Could not initialize class'");

    assertEquals("0", plain[2], "plain trains in the same process: " + plain[3]);
    assertEquals("", plain[3]);
    assertEquals("", child.errWithoutJvmNotes(), "nothing else reaches the terminal");
  }
}
