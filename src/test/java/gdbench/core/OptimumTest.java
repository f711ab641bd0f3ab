package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimumTest {
  @Test
  void tutorialDataIsFitExactlyByTwo() {
    Optimum o = Optimum.of(Problem.seed(), false);
    assertEquals(2.0, o.weights()[0], 1e-12);
    assertEquals(0.0, o.loss(), 1e-12);
  }

  @Test
  void noiselessSyntheticDataGivesBackItsTrueParameters() {
    Problem p = Problems.synthetic(new Problems.Synthetic(500, 3, 9, 0.0, -1.25, new double[] {0.5, -2, 3}));
    Optimum o = Optimum.of(p, true);
    assertEquals(0.5, o.weights()[0], 1e-5);
    assertEquals(-2.0, o.weights()[1], 1e-5);
    assertEquals(3.0, o.weights()[2], 1e-5);
    assertEquals(-1.25, o.bias(), 1e-5);
    assertEquals(0.0, o.loss(), 1e-10);
  }

  @Test
  void noisyDataHasTheNoiseAsItsLoss() {
    Problem p = Problems.synthetic(new Problems.Synthetic(100_000, 2, 3, 0.5, 1, null));
    assertEquals(0.25, Optimum.of(p, true).loss(), 0.01);
  }

  @Test
  void dependentFeaturesHaveNoUniqueOptimum() {
    Problem p = new Problem("dup", 3, 2, new float[] {1, 1, 2, 2, 3, 3}, new float[] {1, 2, 3});
    GdbenchException e = assertThrows(GdbenchException.class, () -> Optimum.of(p, false));
    assertEquals("dup: the least-squares optimum is not unique (features are linearly dependent)", e.getMessage());
  }
}
