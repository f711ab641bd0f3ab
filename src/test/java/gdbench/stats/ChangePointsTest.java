package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangePointsTest {
  static final double MIN_STEP = Math.log(1.1);

  static double[] series(double[] levels, int[] lengths, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 0;
    for (int l : lengths) {
      n += l;
    }
    double[] y = new double[n];
    int i = 0;
    for (int s = 0; s < levels.length; s++) {
      for (int k = 0; k < lengths[s]; k++) {
        y[i++] = Math.log(levels[s]) + noise * r.nextGaussian();
      }
    }
    return y;
  }

  @Test
  void aFlatNoisySeriesHasNoStep() {
    for (long seed = 0; seed < 50; seed++) {
      double[] y = series(new double[] {1}, new int[] {12}, 0.03, seed);
      assertEquals(List.of(), ChangePoints.detect(y, new double[12], MIN_STEP, 0.01), "seed " + seed);
    }
  }

  @Test
  void aStepIsFoundWhereItHappens() {
    double[] y = series(new double[] {1, 1.4}, new int[] {5, 4}, 0.02, 1);
    assertEquals(List.of(5), ChangePoints.detect(y, new double[9], MIN_STEP, 0.01));
    double[] levels = ChangePoints.levels(y, new double[9], List.of(5));
    assertEquals(1.4, Math.exp(levels[1] - levels[0]), 0.05);
  }

  @Test
  void twoStepsAreBothFound() {
    double[] y = series(new double[] {1, 2, 1.2}, new int[] {4, 4, 4}, 0.02, 2);
    assertEquals(List.of(4, 8), ChangePoints.detect(y, new double[12], MIN_STEP, 0.01));
  }

  @Test
  void aStepBelowTheMinimumIsNotReported() {
    double[] y = series(new double[] {1, 1.05}, new int[] {6, 6}, 0.001, 3);
    assertEquals(List.of(), ChangePoints.detect(y, new double[12], MIN_STEP, 0.01));
  }

  /** Wide intervals: a 20% move within them is no step. */
  @Test
  void pointsWithWideIntervalsDoNotMakeAStep() {
    double[] y = series(new double[] {1, 1.2}, new int[] {3, 3}, 0.0, 4);
    double[] v = new double[6];
    java.util.Arrays.fill(v, 0.15 * 0.15);
    assertEquals(List.of(), ChangePoints.detect(y, v, MIN_STEP, 0.01));
    java.util.Arrays.fill(v, 0.01 * 0.01);
    assertEquals(List.of(3), ChangePoints.detect(y, v, MIN_STEP, 0.01));
  }

  @Test
  void twoRunsAreNotASeries() {
    assertEquals(List.of(), ChangePoints.detect(new double[] {0, 1}, new double[] {1e-6, 1e-6}, MIN_STEP, 0.01));
  }
}
