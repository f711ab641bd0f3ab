package gdbench.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's recipe for adding a backend, proved: {@link ExtensionBackend} lives only in the test
 * sources and is registered by {@code extension-backend/META-INF/services/gdbench.core.Backend},
 * which is on the class path of the child JVMs started here and nowhere else. Without touching any
 * other file it is listed, trains, passes the golden contract and enters the benchmark plan.
 */
class ExtensionBackendTest {

  @Test
  void theExtensionIsNotRegisteredInThisJvm() {
    assertFalse(Backends.names().contains("extension"), Backends.names());
  }

  @Test
  void itIsListedAfterTheBuiltInBackends() {
    String out = run("gdbench.cli.Main", "backends");
    assertTrue(out.contains("extension"), out);
    assertTrue(out.indexOf("djl") < out.indexOf("extension"), out);
  }

  @Test
  void itTrainsTheTutorial() {
    String out = run("gdbench.cli.Main", "train", "--backend", "extension");
    assertTrue(out.startsWith("Prediction before training: f(5) = 0.000\nepoch 1: w = 0.3000, dw = -30.0000, loss = 30.00000000\n"), out);
    assertTrue(out.contains("epoch 10: w = 1.6063, dw = -6.9485, loss = 1.609391"), out);
    assertTrue(out.endsWith("Prediction after training: f(5) = 8.0313\n"), out);
  }

  @Test
  void itPassesTheGoldenContract() {
    String out = run(ExtensionProbe.class.getName());
    assertTrue(out.contains("registry: plain, plain-simd, ejml, nd4j, djl") && out.contains(", extension"), out);
    assertTrue(out.contains("golden: [extension/manual] reproduce 3 traces"), out);
    assertTrue(out.contains("plan: [step extension/manual seed, step extension/manual large, step extension/manual huge"), out);
    assertTrue(out.contains("target extension/manual seed"), out);
  }

  /** Runs a main class with the test class path plus the extension's services file; returns stdout. */
  static String run(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(gdbench.core.JvmFlags.required());
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + extensionServicesFolder());
    command.add(mainClass);
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
      pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), mainClass + " did not finish");
      assertEquals(0, p.exitValue(), mainClass + " " + String.join(" ", args) + " failed: " + err);
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot start a JVM: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String extensionServicesFolder() {
    try {
      return Path.of(ExtensionBackendTest.class.getResource("/extension-backend").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
