package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TutorialReferenceTest {
  @Test
  void withoutPythonTheRowsSayWhyTheyWereNotRun() {
    JsonNode node = TutorialReference.measure(true, List.of("/nonexistent/python3"));
    assertEquals("not run", node.get("status").asText());
    assertTrue(node.get("reason").asText().startsWith(TutorialReference.NOT_FOUND), node.toString());
  }
}
