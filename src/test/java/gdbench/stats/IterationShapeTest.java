package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IterationShapeTest {
  static double[][] forks(int forks, int iterations, java.util.function.IntToDoubleFunction shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[forks][iterations];
    for (int f = 0; f < forks; f++) {
      double level = 100 * (1 + 0.05 * r.nextGaussian());
      for (int i = 0; i < iterations; i++) {
        x[f][i] = level * shape.applyAsDouble(i) * (1 + 0.01 * r.nextGaussian());
      }
    }
    return x;
  }

  @Test
  void noiseAroundALevelIsSteady() {
    IterationShape s = IterationShape.of(forks(5, 10, i -> 1, 1));
    assertTrue(s.steady(), s.toString());
  }

  @Test
  void aRiseInEveryForkIsATrend() {
    IterationShape s = IterationShape.of(forks(5, 10, i -> 1 + 0.02 * i, 2));
    assertTrue(s.trending(), s.toString());
    assertFalse(s.steady());
  }

  @Test
  void aTinySignificantDriftIsNotMarked() {
    IterationShape s = IterationShape.of(forks(5, 10, i -> 1 + 0.002 * i, 3));
    assertFalse(s.trending(), s.toString());
  }

  @Test
  void iterationsAlternatingBetweenTwoLevelsAreBimodal() {
    IterationShape s = IterationShape.of(forks(5, 10, i -> i % 2 == 0 ? 1 : 0.5, 4));
    assertTrue(s.bimodal(), s.toString());
    assertFalse(s.trending(), s.toString());
  }

  @Test
  void forksAtDifferentLevelsAreNotModes() {
    double[][] x = {{100, 101, 99, 100, 100.5, 99.5}, {150, 151, 149, 150, 150.5, 149.5}};
    assertFalse(IterationShape.of(x).bimodal());
  }
}
