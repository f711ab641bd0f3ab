package gdbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every served cell trains the same model as {@code plain} on data other than the tutorial's: with
 * a bias, several features, and a random (seeded) start.
 */
class AgreementTest {
  /**
   * Relative tolerance against plain's trajectory (plus the same fraction of its scale) over 60
   * epochs on N = 300, D = 5: float32 implementations that add in different orders drift apart by
   * ~1e-6 here; a wrong scale of loss or gradient, a missed bias or a stale gradient is off by far
   * more than 1e-4.
   */
  static final double RTOL = 1e-4;

  static final Problem PROBLEM = Problems.synthetic(300, 5, 7);

  static Stream<String> cells() {
    return Backends.cellsHere().stream().map(Cell::id);
  }

  static TrainingRun.Result run(String cellId, Problem problem, TrainConfig config) {
    try (Trainer trainer = Backends.open(Cell.parse(cellId), problem, config)) {
      return TrainingRun.run(trainer, config, 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void matchesPlainWithBiasAndSeveralFeatures(String cellId) {
    TrainConfig config = new TrainConfig(0.05f, 60, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    TrainingRun.Result expected = run("plain/manual", PROBLEM, config);
    TrainingRun.Result actual = run(cellId, PROBLEM, config);
    TraceAssert.assertSameTrajectory(cellId, actual.records(), expected.records(), RTOL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void matchesPlainFromRandomStartWithDotRule(String cellId) {
    // The dot rule on N = 300 needs a small rate to stay stable: lr·N must stay under 1/λmax.
    TrainConfig config = new TrainConfig(0.0005f, 30, GradientRule.DOT, true, Init.random(3), 1, Device.CPU);
    TrainingRun.Result expected = run("plain/manual", PROBLEM, config);
    TrainingRun.Result actual = run(cellId, PROBLEM, config);
    TraceAssert.assertSameTrajectory(cellId, actual.records(), expected.records(), RTOL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void leavesTheDataUntouchedAndResetRestartsTheSameTrajectory(String cellId) {
    TrainConfig config = new TrainConfig(0.05f, 5, GradientRule.MEAN, true, Init.random(11), 1, Device.CPU);
    float[] x = PROBLEM.x().clone();
    float[] y = PROBLEM.y().clone();
    try (Trainer trainer = Backends.open(Cell.parse(cellId), PROBLEM, config)) {
      float[] w0 = trainer.weights();
      float first = trainer.step();
      trainer.step();
      trainer.reset();
      assertArrayEquals(w0, trainer.weights(), cellId + ": reset restores the initial weights");
      assertEquals(first, trainer.step(), 1e-6f * Math.abs(first), cellId + ": the first step after reset repeats the first step");
    }
    assertArrayEquals(x, PROBLEM.x(), cellId + " must not modify the features");
    assertArrayEquals(y, PROBLEM.y(), cellId + " must not modify the targets");
  }

  /** The fused SIMD kernel against the loops, at sizes that exercise its vector body, tails and blocks. */
  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 7, 16, 17, 4095, 4097, 20000})
  void simdMatchesPlainAcrossSizesWithOneFeature(int n) {
    Problem p = Problems.synthetic(n, 1, n);
    TrainConfig config = new TrainConfig(0.1f, 40, GradientRule.MEAN, true, Init.random(5), 1, Device.CPU);
    TraceAssert.assertSameTrajectory("plain-simd n=" + n, run("plain-simd/manual", p, config).records(),
        run("plain/manual", p, config).records(), RTOL);
  }

  @ParameterizedTest(name = "d={0}")
  @ValueSource(ints = {2, 3, 8, 13, 64})
  void simdMatchesPlainAcrossWidths(int d) {
    Problem p = Problems.synthetic(3000, d, d);
    TrainConfig config = new TrainConfig(0.1f, 40, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    TraceAssert.assertSameTrajectory("plain-simd d=" + d, run("plain-simd/manual", p, config).records(),
        run("plain/manual", p, config).records(), RTOL);
  }

  @Test
  void simdMatchesPlainOnAMillionSamples() {
    Problem p = Problems.synthetic(1 << 20, 1, 42);
    TrainConfig config = new TrainConfig(0.1f, 20, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    TraceAssert.assertSameTrajectory("plain-simd N=2^20", run("plain-simd/manual", p, config).records(),
        run("plain/manual", p, config).records(), RTOL);
  }
}
