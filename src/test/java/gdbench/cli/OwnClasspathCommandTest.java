package gdbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.JvmFlags;
import gdbench.runfolder.ConvergenceData;
import gdbench.runfolder.RunFolderFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the main class path, {@code gdbench train} and {@code gdbench converge} run the cells of a
 * backend with a class path of its own in a JVM on that class path, and show or record their
 * results as any other cell's.
 */
class OwnClasspathCommandTest {

  /** Runs gdbench.cli.Main in a JVM on the test's (main) class path; returns its stdout, after checking it exited 0. */
  static String gdbench(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.required());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    File out = File.createTempFile("gdbench-own", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out).redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
      Process p = pb.start();
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "gdbench " + String.join(" ", args) + " did not finish");
      String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "gdbench " + String.join(" ", args) + ":\n" + stdout);
      return stdout;
    } finally {
      out.delete();
    }
  }

  @Test
  void trainRunsACellOfAnotherClasspathThere() throws Exception {
    String out = gdbench("train", "--backend", "pytorch-javacpp", "--stage", "autograd");
    assertTrue(out.contains("epoch 10: w = 1.6063, dw = -6.9485, loss = 1.60939169"), out);
    assertTrue(out.contains("Prediction after training: f(5) = 8.0313"), out);
  }

  @Test
  void convergeAddsTheRunsOfEachOwnClasspath(@TempDir Path run) throws Exception {
    gdbench("converge", "--quick", "--problems", "seed", "--run", run.toString(),
        "--include", "plain/manual,pytorch-javacpp/manual/tuned,tensorflow/manual");
    ConvergenceData data = RunFolderFiles.readConvergence(run);
    assertEquals(List.of("plain/manual", "pytorch-javacpp/manual/tuned", "tensorflow/manual"),
        data.runs().stream().map(ConvergenceData.Run::cell).toList());
    for (ConvergenceData.Run r : data.runs()) {
      assertEquals("finished", r.status(), r.cell());
      assertEquals(15, r.epochsToTarget(), r.cell());
    }
  }
}
