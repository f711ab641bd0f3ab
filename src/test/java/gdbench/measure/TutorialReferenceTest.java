package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.TutorialReferenceData;
import java.util.List;
import org.junit.jupiter.api.Test;

class TutorialReferenceTest {
  @Test
  void withoutPythonTheRowsSayWhyTheyWereNotRun() {
    TutorialReferenceData node = TutorialReference.measure(true, List.of("/nonexistent/python3"));
    assertEquals("not run", node.status());
    assertTrue(node.reason().startsWith(TutorialReferenceData.PYTHON_NOT_FOUND), node.toString());
  }
}
