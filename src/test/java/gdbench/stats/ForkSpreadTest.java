package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForkSpreadTest {
  @Test
  void oneForkFarFromTightOthersIsAStray() {
    // the shape of plain/manual on seed in 2026-12-02T13-00-17Z: five forks together, one 31% below them
    ForkSpread s = ForkSpread.of(new double[] {4.07e7, 4.07e7, 3.84e7, 2.80e7, 4.07e7, 4.07e7}, 0.05, 0.99);
    assertTrue(s.hasStray());
    assertEquals(3, s.stray());
    assertEquals(2.80 / 4.07 - 1, s.strayOff(), 1e-9);
    assertTrue(s.othersCv() < 0.03, "the others: " + s.othersCv());
  }

  @Test
  void anEvenSpreadHasNoStray() {
    ForkSpread s = ForkSpread.of(new double[] {90, 95, 100, 105, 110}, 0.05, 0.99);
    assertFalse(s.hasStray());
    assertTrue(Double.isNaN(s.strayOff()));
  }

  @Test
  void aForkFarButAmongWideOthersIsNoStray() {
    // 25% from the others' median, but the others spread by a cv of about 14%: 25% is under three of their spreads
    assertFalse(ForkSpread.of(new double[] {75, 100, 120, 85, 100}, 0.05, 0.99).hasStray());
  }

  @Test
  void threeForksCannotTellAStray() {
    assertFalse(ForkSpread.of(new double[] {100, 100, 50}, 0.05, 0.99).hasStray());
  }

  @Test
  void forksNeededFollowTheStudentT() {
    // at cv 6.1%: t(14) at 99% = 2.977, 2.977 · 0.061 / √15 = 0.0469; with 14 forks t(13) = 3.012: 0.0491, also within
    int n = ForkSpread.forksFor(0.061, 0.05, 0.99);
    double t = new org.apache.commons.math3.distribution.TDistribution(n - 1).inverseCumulativeProbability(0.995);
    assertTrue(t * 0.061 / Math.sqrt(n) <= 0.05);
    double tBefore = new org.apache.commons.math3.distribution.TDistribution(n - 2).inverseCumulativeProbability(0.995);
    assertTrue(tBefore * 0.061 / Math.sqrt(n - 1) > 0.05);
    assertEquals(2, ForkSpread.forksFor(0.0, 0.05, 0.99));
    assertEquals(-1, ForkSpread.forksFor(1.0, 0.05, 0.99), "a cv of 100% needs more than the most reported");
  }
}
