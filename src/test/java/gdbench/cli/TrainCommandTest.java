package gdbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.TraceAssert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+");

  /** The section of the tutorial's printed output (golden/seed-stages.txt) under a heading. */
  private static List<String> tutorialSection(String heading) throws IOException {
    try (InputStream in = TrainCommandTest.class.getResourceAsStream("/golden/seed-stages.txt")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      int start = lines.indexOf("## " + heading) + 1;
      List<String> section = new ArrayList<>();
      for (int i = start; i < lines.size() && !lines.get(i).startsWith("##"); i++) {
        section.add(lines.get(i));
      }
      return section;
    }
  }

  /** Same text around the numbers, numbers equal within float32 rounding (numpy keeps w in float64). */
  private static void assertPrintsLikeTheTutorial(List<String> expected, List<String> actual) {
    assertEquals(expected.size(), actual.size(), "line count:\n" + String.join("\n", actual));
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String a = actual.get(i);
      assertEquals(NUMBER.matcher(e).replaceAll("#"), NUMBER.matcher(a).replaceAll("#"), "line " + (i + 1));
      Matcher me = NUMBER.matcher(e);
      Matcher ma = NUMBER.matcher(a);
      while (me.find() && ma.find()) {
        TraceAssert.close("line " + (i + 1) + ": " + a, Double.parseDouble(ma.group()), Double.parseDouble(me.group()), 1e-5, 1e-4);
      }
    }
  }

  @Test
  void defaultsPrintTheTutorialsCorrectedTrace() throws IOException {
    Cli r = Cli.run("train");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("Prediction before training: f(5) = 0.000", lines.get(0));
    List<String> expected = tutorialSection("stage1-mean");
    expected = expected.stream().map(l -> l.startsWith("f(5)") ? "Prediction after training: " + l : l).toList();
    assertPrintsLikeTheTutorial(expected, lines.subList(1, lines.size()));
    assertEquals("epoch 1: w = 0.3000, dw = -30.0000, loss = 30.00000000", lines.get(1));
    assertEquals("Prediction after training: f(5) = 8.0313", lines.get(lines.size() - 1));
  }

  @Test
  void dotRulePrintsTheTutorialsFirstTrace() throws IOException {
    Cli r = Cli.run("train", "--gradient", "dot");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    List<String> expected = tutorialSection("stage1-dot").stream()
        .map(l -> l.startsWith("f(5)") ? "Prediction after training: " + l : l).toList();
    assertPrintsLikeTheTutorial(expected, lines.subList(1, lines.size()));
    assertEquals("epoch 1: w = 1.2000, dw = -120.0000, loss = 30.00000000", lines.get(1));
    assertEquals("Prediction after training: f(5) = 9.9990", lines.get(lines.size() - 1));
  }

  @Test
  void printEveryFollowsTheTutorialsEpochNumbering() {
    Cli r = Cli.run("train", "--backend", "plain-simd", "--epochs", "100", "--print-every", "10");
    assertEquals(0, r.status(), r.err());
    List<String> epochs = r.out().lines().filter(l -> l.startsWith("epoch")).map(l -> l.substring(0, l.indexOf(':'))).toList();
    assertEquals(List.of("epoch 1", "epoch 11", "epoch 21", "epoch 31", "epoch 41", "epoch 51", "epoch 61", "epoch 71", "epoch 81", "epoch 91"), epochs);
    assertTrue(r.out().endsWith("Prediction after training: f(5) = 10.0000\n"), r.out());
  }

  @Test
  void jsonHasTheTraceTheStatusAndTheOptimum() throws IOException {
    Cli r = Cli.run("train", "--format", "json", "--data", "synthetic:n=200,d=3,seed=4", "--bias", "--lr", "0.2", "--epochs", "80", "--init", "random:1");
    assertEquals(0, r.status(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals("plain", root.get("backend").asText());
    assertEquals("manual", root.get("stage").asText());
    assertEquals("finished", root.get("status").asText());
    assertTrue(root.get("divergedAtEpoch").isNull());
    assertEquals(80, root.get("epochs").size());
    JsonNode first = root.get("epochs").get(0);
    assertEquals(1, first.get("epoch").asInt());
    assertEquals(3, first.get("weights").size());
    assertTrue(first.get("bias").isNumber());
    assertEquals(3, root.get("config").get("d").asInt());
    assertEquals("random:1", root.get("config").get("init").asText());
    assertTrue(root.get("distanceToOptimum").asDouble() < 1e-3, r.out());
    assertEquals(root.get("optimum").get("loss").asDouble(), root.get("final").get("loss").asDouble(), 1e-6);
  }

  @Test
  void divergenceStopsWithStatusThreeAndNoNaN() throws IOException {
    Cli text = Cli.run("train", "--gradient", "dot", "--data", "synthetic:n=1000,d=1", "--epochs", "50");
    assertEquals(Main.EXIT_DIVERGED, text.status());
    Matcher m = Pattern.compile("diverged at epoch (\\d+)").matcher(text.err());
    assertTrue(m.find(), text.err());
    int k = Integer.parseInt(m.group(1));
    assertTrue(k > 1 && k < 50, "epoch " + k);
    assertEquals(k - 1, text.out().lines().filter(l -> l.startsWith("epoch")).count());
    assertFalse(text.out().contains("NaN") || text.out().contains("Infinity"), text.out());

    Cli json = Cli.run("train", "--gradient", "dot", "--data", "synthetic:n=1000,d=1", "--epochs", "50", "--format", "json");
    assertEquals(Main.EXIT_DIVERGED, json.status());
    assertFalse(json.out().contains("NaN") || json.out().contains("Infinity"), json.out());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertEquals("diverged", root.get("status").asText());
    assertEquals(k, root.get("divergedAtEpoch").asInt());
    assertEquals(k - 1, root.get("epochs").size());
  }

  @Test
  void csvDataTrainsAndReportsTheOptimum(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("line.csv");
    Files.writeString(csv, "x,y\n1,3\n2,5\n3,7\n4,9\n");
    Cli r = Cli.run("train", "--data", csv.toString(), "--bias", "--lr", "0.05", "--epochs", "2000", "--print-every", "1000");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Optimum (closed form): w = 2.0000, b = 1.0000"), r.out());
    assertTrue(r.out().contains("After training: w = 2.0000, b = 1.0000"), r.out());
  }
}
