package gdbench.nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this build in a JVM of its own, with the test classpath, and keeps its output. */
record ChildJvm(int status, String out, String err) {

  static ChildJvm run(List<String> jvmOptions, String mainClass, List<String> args, long timeoutSeconds) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(gdbench.core.JvmFlags.required());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    try {
      File out = File.createTempFile("gdbench-child", ".out");
      File err = File.createTempFile("gdbench-child", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(mainClass + " did not finish within " + timeoutSeconds + " s");
        }
        return new ChildJvm(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        out.delete();
        err.delete();
      }
    } catch (IOException e) {
      throw new AssertionError("cannot start a JVM: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** stderr without the JVM's own note about incubator modules. */
  String errWithoutJvmNotes() {
    StringBuilder sb = new StringBuilder();
    for (String line : err.split("\n", -1)) {
      if (!line.startsWith("WARNING: Using incubator modules") && !line.isEmpty()) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }
}
