package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CellFilterTest {
  private static final List<Cell> CELLS = List.of(
      new Cell("plain", Stage.MANUAL, null),
      new Cell("plain-simd", Stage.MANUAL, null),
      new Cell("nd4j", Stage.MANUAL, Variant.TUNED),
      new Cell("nd4j", Stage.MANUAL, Variant.IDIOMATIC),
      new Cell("nd4j", Stage.AUTOGRAD, null),
      new Cell("djl", Stage.AUTOGRAD, null),
      new Cell("djl", Stage.FULL_LIBRARY, null));

  private static String select(String... patterns) {
    CellFilter f = new CellFilter(List.of(patterns));
    return CELLS.stream().filter(f::matches).map(Cell::id).collect(Collectors.joining(" "));
  }

  @Test
  void aBackendNameSelectsThatBackendOnly() {
    assertEquals("plain/manual", select("plain"));
    assertEquals("plain/manual plain-simd/manual", select("plain*"));
  }

  @Test
  void segmentsNarrowTheSelection() {
    assertEquals("nd4j/manual/tuned nd4j/manual/idiomatic", select("nd4j/manual"));
    assertEquals("nd4j/manual/tuned", select("nd4j/manual/tuned"));
    assertEquals("nd4j/autograd djl/autograd", select("*/autograd"));
    assertEquals("nd4j/manual/tuned", select("*/*/tuned"));
  }

  @Test
  void patternsAddUp() {
    assertEquals("plain-simd/manual djl/full-library", select("plain-simd", "djl/full*"));
    assertEquals(CELLS.size(), select("*").split(" ").length);
  }

  @Test
  void unknownNamesSelectNothing() {
    assertEquals("", select("ejml"));
    assertEquals("", select("plain/manual/tuned"));
  }
}
