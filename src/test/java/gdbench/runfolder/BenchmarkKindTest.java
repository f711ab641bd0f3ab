package gdbench.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gdbench.core.GdbenchException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

class BenchmarkKindTest {
  private static final Map<TimeUnit, String> UNITS = Map.of(TimeUnit.NANOSECONDS, "ns", TimeUnit.MICROSECONDS, "us",
      TimeUnit.MILLISECONDS, "ms", TimeUnit.SECONDS, "s");

  /** The kind names a benchmark method that exists, with the mode and unit its annotations give it. */
  @ParameterizedTest
  @EnumSource(BenchmarkKind.class)
  void matchesTheBenchmarkItNames(BenchmarkKind kind) throws ClassNotFoundException {
    String name = kind.jmhMethod();
    Class<?> type = Class.forName(name.substring(0, name.lastIndexOf('.')));
    String methodName = name.substring(name.lastIndexOf('.') + 1);
    Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).findFirst().orElse(null);
    assertNotNull(method, name + " has no such method");
    BenchmarkMode mode = method.isAnnotationPresent(BenchmarkMode.class) ? method.getAnnotation(BenchmarkMode.class) : type.getAnnotation(BenchmarkMode.class);
    OutputTimeUnit unit = method.isAnnotationPresent(OutputTimeUnit.class) ? method.getAnnotation(OutputTimeUnit.class) : type.getAnnotation(OutputTimeUnit.class);
    assertEquals(1, mode.value().length, name);
    assertEquals(kind.mode(), mode.value()[0].shortLabel(), name);
    String tu = UNITS.get(unit.value());
    assertEquals(kind.mode().equals("thrpt") ? "ops/" + tu : tu + "/op", kind.unit(), name);
  }

  @Test
  void parsesItsIdsAndNamesThemWhenItCannot() {
    for (BenchmarkKind k : BenchmarkKind.values()) {
      assertEquals(k, BenchmarkKind.parse(k.id()));
    }
    GdbenchException e = assertThrows(GdbenchException.class, () -> BenchmarkKind.parse("warm"));
    assertEquals("unknown benchmark kind 'warm' (known: step, target, cold, transfer, floor)", e.getMessage());
    assertFalse(e.getMessage().contains("-D") || e.getMessage().contains("--"), "no command-line flag in a model's message");
  }
}
