package gdbench.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GdbenchException;
import gdbench.core.Workload;
import gdbench.runfolder.TutorialReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The tutorial's own numpy and PyTorch loops, timed on the same workloads by a Python script of
 * the project's ({@code tutorial_reference.py}, a resource of this package), when a python3 with
 * numpy and torch is found. Otherwise the result says so, and the report shows "not run".
 */
public final class TutorialReference {
  private TutorialReference() {}

  /** Runs the reference timings; the result is complete, or not run with the reason. */
  public static TutorialReferenceData measure(boolean quick) {
    return measure(quick, candidates());
  }

  /** As {@link #measure(boolean)}, trying the given interpreters in order. */
  public static TutorialReferenceData measure(boolean quick, List<String> candidates) {
    String python = candidates.stream().filter(TutorialReference::hasNumpyAndTorch).findFirst().orElse(null);
    if (python == null) {
      return TutorialReferenceData.notRun(TutorialReferenceData.PYTHON_NOT_FOUND + " (tried " + String.join(", ", candidates)
          + "; set GDBENCH_PYTHON to choose one)");
    }
    Path script = extractScript();
    try {
      List<String> command = new ArrayList<>(List.of(python, script.toString()));
      if (quick) {
        command.add("--quick");
      }
      for (Workload w : Workload.values()) {
        command.add(w.id() + ":" + w.n() + ":" + w.d() + ":" + (w.bias() ? 1 : 0) + ":" + w.lr());
      }
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new GdbenchException("the tutorial's reference timings failed (" + python + " " + script.getFileName() + ")");
      }
      TutorialReferenceData data = new ObjectMapper().readValue(out, TutorialReferenceData.class);
      if (!TutorialReferenceData.SCHEMA.equals(data.schema())) {
        // the script writes the schema itself: a script and a reader out of step must not write a file
        throw new GdbenchException("the tutorial's reference script wrote schema '" + data.schema() + "', expected "
            + TutorialReferenceData.SCHEMA);
      }
      return data.withInterpreter(python);
    } catch (IOException e) {
      throw new GdbenchException("the tutorial's reference timings failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GdbenchException("interrupted while timing the tutorial's reference code");
    } finally {
      try {
        Files.deleteIfExists(script);
      } catch (IOException ignored) {
        // a temporary file; nothing depends on it
      }
    }
  }

  static List<String> candidates() {
    Set<String> set = new LinkedHashSet<>();
    String chosen = System.getenv("GDBENCH_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      set.add(chosen);
    }
    set.add("python3");
    set.add("/usr/bin/python3");
    return new ArrayList<>(set);
  }

  private static boolean hasNumpyAndTorch(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import numpy, torch").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path extractScript() {
    try (InputStream in = TutorialReference.class.getResourceAsStream("tutorial_reference.py")) {
      Path tmp = Files.createTempFile("gdbench-tutorial-reference", ".py");
      Files.writeString(tmp, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return tmp;
    } catch (IOException e) {
      throw new GdbenchException("cannot extract the reference script: " + e.getMessage());
    }
  }
}
