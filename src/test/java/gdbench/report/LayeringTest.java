package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendering reads run folders and nothing else: gdbench.report and gdbench.runfolder name no
 * registry, trainer or engine, and nothing of gdbench's but core's value types and each other;
 * gdbench.measure, which trains and runs Python, never names the report.
 */
class LayeringTest {
  private static final Pattern REFERENCE = Pattern.compile("\\b(gdbench\\.[a-z]+(?:\\.[A-Z]\\w*)?|ai\\.djl|org\\.nd4j|org\\.deeplearning4j|org\\.ejml)\\b");

  /** The line without string literals and comments: a benchmark's name in a string is data, not a dependency. */
  private static String code(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
      return "";
    }
    String noStrings = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    int comment = noStrings.indexOf("//");
    return (comment < 0 ? noStrings : noStrings.substring(0, comment)).strip();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "report|gdbench.report,gdbench.runfolder,gdbench.core.GdbenchException,gdbench.core.Stage",
      "runfolder|gdbench.runfolder,gdbench.core.GdbenchException,gdbench.core.Stage",
      "measure|gdbench.measure,gdbench.runfolder,gdbench.core",
  })
  void namesOnlyWhatItMay(String pkg, String allowedList) throws IOException {
    Set<String> allowed = Set.of(allowedList.split(","));
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/gdbench", pkg))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String code = code(lines.get(i));
          if (code.startsWith("package ")) {
            continue;
          }
          Matcher m = REFERENCE.matcher(code);
          while (m.find()) {
            String name = m.group(1);
            boolean ok = allowed.stream().anyMatch(a -> name.equals(a) || name.startsWith(a + "."));
            if (!ok) {
              offending.add(file.getFileName() + ":" + (i + 1) + " " + name);
            }
          }
        }
      }
    }
    assertEquals(List.of(), offending);
  }
}
