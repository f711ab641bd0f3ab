package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.Backends;
import gdbench.runfolder.TutorialReferenceData;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-op timing rule, the probe's JVM of its own, and how both sides' processes become rows. */
class PerOpTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aTrivialOpIsTimedInBatchesAfterAWarmUp() {
    long[] calls = {0};
    PerOpTiming.Result r = new PerOpTiming(0.002, 0.01, 0.1, 5).time(() -> ++calls[0]);
    assertEquals(5, r.batchNs().length);
    for (double ns : r.batchNs()) {
      assertTrue(ns > 0 && ns < 1e6, String.valueOf(ns));
    }
    assertTrue(calls[0] > 1000, "batches of many calls: " + calls[0]);
    assertEquals(3.0, new PerOpTiming.Result(new double[] {5, 1, 3, 4, 2}, true).median());
  }

  @Test
  void batchesAgreeWithinFivePercentOfTheirMedian() {
    assertTrue(PerOpTiming.agree(new double[] {100, 101, 102, 103, 104.9}));
    assertFalse(PerOpTiming.agree(new double[] {100, 101, 102, 103, 106}));
  }

  @Test
  void aBackendWithoutAProbeSaysSoInItsOwnJvm() throws IOException {
    JsonNode r = TutorialReference.jvmProbe(Backends.get("plain"), true);
    assertNotNull(r);
    assertTrue(r.path("unsupported").asBoolean(), r.toString());
  }

  /** The JNI libraries, each in a fresh JVM as the reference runs them. */
  @ParameterizedTest
  @ValueSource(strings = {"djl", "nd4j"})
  void aJniLibraryIsTimedInAJvmOfItsOwn(String backend) throws IOException {
    JsonNode r = TutorialReference.jvmProbe(Backends.get(backend), true);
    assertNotNull(r, backend + " printed no result");
    assertFalse(r.has("error"), r.toString());
    assertEquals(2, r.path("ops").size(), r.toString());
    for (JsonNode op : r.path("ops")) {
      assertTrue(op.path("median").asDouble() > 10, "a JNI call takes more than 10 ns: " + op);
      assertEquals(7, op.path("batches").size());
    }
  }

  @Test
  void bothSidesProcessesBecomeOneRowPerLibraryAndOp() throws IOException {
    JsonNode py1 = JSON.readTree("""
        {"perOp": [{"library": "numpy", "op": "add", "median": 250, "steady": true},
                   {"library": "python", "op": "empty-loop", "median": 8, "steady": true}]}""");
    JsonNode py2 = JSON.readTree("""
        {"perOp": [{"library": "numpy", "op": "add", "median": 270, "steady": false},
                   {"library": "python", "op": "empty-loop", "median": 8, "steady": true}]}""");
    JsonNode djl = JSON.readTree("""
        {"backend": "djl", "ops": [{"op": "add", "median": 1500, "steady": true}, {"op": "add-inplace", "median": 400, "steady": true}]}""");
    TutorialReferenceData.PerOp perOp = TutorialReference.perOp(List.of(py1, py2), Map.of("djl", List.of(djl, djl)),
        TutorialReference.Options.defaults(true).withProcesses(2));
    assertEquals("seed", perOp.workload());
    assertEquals(4, perOp.n());
    assertEquals(List.of("python numpy add", "python python empty-loop", "jvm djl add", "jvm djl add-inplace"),
        perOp.rows().stream().map(r -> r.side() + " " + r.library() + " " + r.op()).toList());
    TutorialReferenceData.PerOpRow numpy = perOp.rows().get(0);
    assertEquals(260, numpy.nsPerOp(), 1e-9);
    assertArrayEquals(new double[] {250, 270}, numpy.processMedians());
    assertEquals(1, numpy.steady());
  }
}
