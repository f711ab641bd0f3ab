package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.GdbenchException;
import gdbench.runfolder.TutorialReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class TutorialReferenceTest {
  @TempDir Path dir;

  @Test
  void withoutPythonTheRowsSayWhyTheyWereNotRun() {
    TutorialReferenceData node = TutorialReference.measure(true, List.of("/nonexistent/python3"));
    assertEquals("not run", node.status());
    assertTrue(node.reason().startsWith(TutorialReferenceData.PYTHON_NOT_FOUND), node.toString());
  }

  /** A stand-in interpreter that has "numpy and torch" and prints what the script would. */
  private String fakePython(String output) throws IOException {
    Path script = dir.resolve("python");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = -c ] && exit 0\ncat <<'EOF'\n" + output + "\nEOF\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script.toString();
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void keepsTheScriptsTimingsAndNamesTheInterpreter() throws IOException {
    String python = fakePython("""
        {"schema": "gdbench-tutorial-reference/1", "status": "complete", "python": "3.11.2", "numpy": "1.24.2", "torch": "1.13.0",
         "threads": 1, "quick": true, "rows": [{"library": "numpy", "stage": "manual", "workload": "seed", "n": 4, "d": 1,
         "stepsPerSecond": 120000.5, "stdev": 500.25, "samples": [119500.25, 120500.75]}]}""");
    TutorialReferenceData data = TutorialReference.measure(true, List.of("/nonexistent/python3", python));
    assertTrue(data.complete());
    assertEquals(python, data.interpreter());
    assertEquals(List.of("numpy", "manual", "seed", 4, 120000.5, 500.25),
        List.of(data.rows().get(0).library(), data.rows().get(0).stage(), data.rows().get(0).workload(), data.rows().get(0).n(),
            data.rows().get(0).stepsPerSecond(), data.rows().get(0).stdev()));
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aScriptOfAnotherSchemaIsRefused() throws IOException {
    String python = fakePython("{\"schema\": \"gdbench-tutorial-reference/9\", \"status\": \"complete\"}");
    GdbenchException e = assertThrows(GdbenchException.class, () -> TutorialReference.measure(true, List.of(python)));
    assertEquals("the tutorial's reference script wrote schema 'gdbench-tutorial-reference/9', expected gdbench-tutorial-reference/1", e.getMessage());
  }
}
