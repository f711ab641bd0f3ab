package gdbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Optimum;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient descent reaches the closed-form least-squares optimum, with a bias and D up to 64. */
class ConvergenceTest {

  static Stream<Arguments> cases() {
    Stream<Arguments> plain = Stream.of("plain/manual", "plain-simd/manual")
        .flatMap(c -> Stream.of(1, 4, 64).map(d -> Arguments.of(c, d)));
    Stream<Arguments> others = Backends.cellsHere().stream().map(Cell::id)
        .filter(id -> !id.startsWith("plain")).map(id -> Arguments.of(id, 4));
    return Stream.concat(plain, others);
  }

  @ParameterizedTest(name = "{0} d={1}")
  @MethodSource("cases")
  void reachesTheClosedFormOptimum(String cellId, int d) {
    Problem p = Problems.synthetic(2000, d, 100 + d);
    // Features are N(0, 1): the loss's Hessian is close to 2·I, so lr 0.2 contracts the error
    // by about 0.6 per epoch; 150 epochs leave far less than float32 can resolve.
    TrainConfig config = new TrainConfig(0.2f, 150, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    Optimum optimum = Optimum.of(p, true);
    TrainingRun.Result result;
    try (Trainer trainer = Backends.open(Cell.parse(cellId), p, config)) {
      result = TrainingRun.run(trainer, config, 10);
    }
    assertEquals(TrainingRun.Status.FINISHED, result.status());
    double distance = optimum.distance(result.weights(), result.bias(), true);
    assertTrue(distance < 1e-4, cellId + " d=" + d + ": distance to the optimum " + distance);
    double excess = p.mse(result.weights(), result.bias()) - optimum.loss();
    assertTrue(excess < 1e-6 * optimum.loss(), cellId + " d=" + d + ": excess loss " + excess + " over " + optimum.loss());
  }
}
