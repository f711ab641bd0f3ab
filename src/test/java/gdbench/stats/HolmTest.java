package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void stepsDownAndStopsAtTheFirstFailure() {
    // sorted: 0.005 <= 0.05/4, 0.01 <= 0.05/3, 0.03 > 0.05/2: stop; Bonferroni (0.0125) would reject only the first
    Holm h = Holm.of(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05);
    assertArrayEquals(new boolean[] {true, false, false, true}, h.rejected());
    assertArrayEquals(new double[] {0.05 / 3, 0.025, 0.025, 0.0125}, h.level(), 1e-15);
    assertEquals(2, h.count());
  }

  @Test
  void aSmallPValueAfterTheStopIsNotRejected() {
    Holm h = Holm.of(new double[] {0.02, 0.02}, 0.05);
    // 0.02 <= 0.025, then 0.02 <= 0.05: both
    assertArrayEquals(new boolean[] {true, true}, h.rejected());
    h = Holm.of(new double[] {0.03, 0.001, 0.03}, 0.05);
    assertArrayEquals(new boolean[] {false, true, false}, h.rejected());
  }

  @Test
  void nothingToTest() {
    assertEquals(0, Holm.of(new double[0], 0.05).count());
  }
}
