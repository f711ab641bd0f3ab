package gdbench.bench;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Optimum;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import gdbench.core.Workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** Each workload's learning rate is stable: the benchmarks never time a diverging or denormal step. */
class WorkloadTest {

  static Stream<Workload> workloads() {
    return Stream.concat(Stream.of(Workload.values()), Workload.sizeSweep().stream()).distinct();
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void theLearningRateConvergesWellWithinTheEpochLimit(Workload w) {
    Problem p = w.problem();
    assertEquals(w.n(), p.n());
    assertEquals(w.d(), p.d());
    int epochs = 60;
    TrainConfig config = w.config(1, Device.CPU, epochs);
    Optimum optimum = Optimum.of(p, w.bias());
    TrainingRun.Result run;
    try (Trainer t = Backends.open(Cell.parse("plain/manual"), p, config)) {
      run = TrainingRun.run(t, config, epochs);
    }
    assertEquals(TrainingRun.Status.FINISHED, run.status(), w + " diverged");
    float[] losses = run.losses();
    double initialExcess = p.mse(new double[w.d()], 0) - optimum.loss();
    int reached = -1;
    for (int k = 0; k < losses.length; k++) {
      assertFalse(Fixture.isDenormal(losses[k]), w + ": denormal loss at epoch " + (k + 1));
      if (reached < 0 && losses[k] - optimum.loss() <= gdbench.runfolder.BenchmarkKind.TARGET_FRACTION * initialExcess) {
        reached = k;
      }
    }
    assertTrue(reached > 0 && reached < 40, w + ": the time-to-target needs " + reached + " epochs");
    assertTrue(losses[losses.length - 1] < losses[0], w + ": the loss did not fall");
  }
}
