package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForkIntervalTest {
  @Test
  void studentIntervalOverForkMeans() {
    // mean 10, sample sd 1 (values 9, 10, 11), t(2, 0.995) = 9.925: half-width 9.925 / sqrt(3) = 5.730
    ForkInterval i = ForkInterval.of(new double[] {9, 11, 10});
    assertEquals(10, i.mean(), 1e-12);
    assertEquals(10 - 5.7302, i.lower(), 1e-3);
    assertEquals(10 + 5.7302, i.upper(), 1e-3);
    assertEquals(10, i.median(), 0);
    assertEquals(9, i.min(), 0);
    assertEquals(11, i.max(), 0);
    assertEquals(0.1, i.cv(), 1e-12);
    assertEquals(0.57302, i.relativeHalfWidth(), 1e-4);
  }

  @Test
  void oneForkHasNoInterval() {
    ForkInterval i = ForkInterval.of(new double[] {5});
    assertFalse(i.hasInterval());
    assertTrue(Double.isNaN(i.lower()));
    assertFalse(i.overlaps(i));
  }

  @Test
  void overlapIsSymmetric() {
    ForkInterval a = ForkInterval.of(new double[] {10, 10.1, 9.9, 10.05, 9.95});
    ForkInterval b = ForkInterval.of(new double[] {10.2, 10.3, 10.1, 10.25, 10.15});
    ForkInterval c = ForkInterval.of(new double[] {20, 20.1, 19.9, 20.05, 19.95});
    assertEquals(a.overlaps(b), b.overlaps(a));
    assertFalse(a.overlaps(c));
    assertTrue(a.overlaps(a));
  }
}
