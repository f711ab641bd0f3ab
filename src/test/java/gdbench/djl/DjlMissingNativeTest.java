package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the engine cannot start, {@code gdbench train --backend djl} prints one {@code error:} line
 * that names what is missing, exits with status 2, and downloads nothing. Runs the command in a
 * child JVM whose class path lacks a jar and whose DJL cache is empty, so that nothing extracted
 * earlier can stand in for the jar.
 */
class DjlMissingNativeTest {
  @TempDir Path emptyCache;

  record Run(int status, String stderr) {}

  static List<String> classPath() throws IOException {
    Path cp = Path.of("target", "classpath.txt");
    Path classes = Path.of("target", "classes");
    assumeTrue(Files.isRegularFile(cp) && Files.isDirectory(classes), "needs the Maven build's target/classpath.txt");
    List<String> entries = new ArrayList<>();
    entries.add(classes.toAbsolutePath().toString());
    entries.addAll(Arrays.asList(Files.readString(cp, StandardCharsets.UTF_8).trim().split(File.pathSeparator)));
    return entries;
  }

  Run train(List<String> classPath, Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(gdbench.core.JvmFlags.required());
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "gdbench.cli.Main", "train", "--backend", "djl", "--epochs", "2"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("PYTORCH_LIBRARY_PATH");
    pb.environment().put("DJL_CACHE_DIR", emptyCache.toString());
    pb.environment().put("ENGINE_CACHE_DIR", emptyCache.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
    String stderr = Arrays.stream(new String(err, StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.startsWith("WARNING: Using incubator modules")).collect(Collectors.joining("\n"));
    return new Run(process.exitValue(), stderr);
  }

  @Test
  void missingNativeJarIsNamed() throws Exception {
    List<String> cp = classPath().stream().filter(e -> !e.contains("pytorch-native-")).toList();
    Run run = train(cp, Map.of());
    assertEquals(2, run.status(), run.stderr());
    assertTrue(run.stderr().startsWith("error: djl: the PyTorch native library is not on the class path"), run.stderr());
    assertTrue(run.stderr().contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1"), run.stderr());
    assertEquals(1, run.stderr().lines().count(), "one line: " + run.stderr());
    try (var files = Files.list(emptyCache)) {
      assertEquals(0, files.count(), "nothing was downloaded or extracted");
    }
  }

  @Test
  void missingJniJarIsNamed() throws Exception {
    List<String> cp = classPath().stream().filter(e -> !e.contains("pytorch-jni-")).toList();
    Run run = train(cp, Map.of());
    assertEquals(2, run.status(), run.stderr());
    assertTrue(run.stderr().startsWith("error: djl: DJL's PyTorch JNI library is not on the class path"), run.stderr());
    assertTrue(run.stderr().contains("ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0"), run.stderr());
  }

  @Test
  void offlineModeTurnedOffByTheEnvironmentIsRefused() throws Exception {
    Run run = train(classPath(), Map.of("DJL_OFFLINE", "false"));
    assertEquals(2, run.status(), run.stderr());
    assertTrue(run.stderr().startsWith("error: djl: DJL's offline mode is off (DJL_OFFLINE=false"), run.stderr());
  }
}
