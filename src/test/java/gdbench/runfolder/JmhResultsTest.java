package gdbench.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.GdbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
  @TempDir Path dir;

  static String result(String cell, double score, double... iterations) {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < iterations.length; i++) {
      raw.append(i == 0 ? "" : ",").append(iterations[i]);
    }
    return """
        {"benchmark":"gdbench.bench.StepThroughput.step","mode":"thrpt","forks":1,"params":{"cell":"%s","workload":"seed"},
         "primaryMetric":{"score":%s,"scoreError":"NaN","scoreUnit":"ops/s","rawData":[[%s]]},
         "secondaryMetrics":{"gc.alloc.rate.norm":{"score":0.5,"scoreError":0.1,"scoreUnit":"B/op","rawData":[[0.5]]}}}
        """.formatted(cell, score, raw);
  }

  @Test
  void readsJmhsFormat() throws IOException {
    Path f = Files.writeString(dir.resolve("jmh.json"), "[" + result("plain/manual", 100, 99, 101) + "]");
    List<JmhResults.Result> rs = JmhResults.read(f);
    assertEquals(1, rs.size());
    JmhResults.Result r = rs.get(0);
    assertEquals("StepThroughput", r.benchmarkClass());
    assertEquals("step", r.method());
    assertEquals("plain/manual", r.param("cell"));
    assertEquals(100, r.primary().score());
    assertTrue(Double.isNaN(r.primary().error()));
    assertTrue(r.primary().higherIsBetter());
    assertEquals(2, r.primary().raw()[0].length);
    assertEquals(0.5, r.secondary().get("gc.alloc.rate.norm").score());
  }

  private String error(String content) throws IOException {
    Path f = dir.resolve("jmh.json");
    Files.writeString(f, content);
    return assertThrows(GdbenchException.class, () -> JmhResults.read(f)).getMessage().replace(f.toString(), "jmh.json");
  }

  @Test
  void badFilesAreNamed() throws IOException {
    assertEquals(dir.resolve("none.json") + ": missing",
        assertThrows(GdbenchException.class, () -> JmhResults.read(dir.resolve("none.json"))).getMessage());
    assertEquals("jmh.json: empty file", error(""));
    assertEquals("jmh.json: not valid JSON (truncated or damaged?) at line 1, column 14", error("[{\"benchmark\""));
    assertEquals("jmh.json: not JMH's result format (expected a JSON array of benchmark results)", error("{\"schema\":\"x\"}"));
    assertEquals("jmh.json: not JMH's result format (entry 1 has no benchmark or primaryMetric)", error("[{\"name\":1}]"));
  }
}
