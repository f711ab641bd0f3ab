package gdbench;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every served cell of the registry, from zero weights on the tutorial's data, reproduces the
 * PyTorch traces: the mean rule, the tutorial's dot rule, and the mean rule with a bias. A new
 * backend is covered as soon as it is registered.
 */
class GoldenTraceTest {
  /** Relative tolerance on every loss and parameter, plus the same fraction of the trace's scale. */
  static final double RTOL = 1e-5;

  static Stream<Arguments> cellsAndTraces() {
    List<Arguments> args = new ArrayList<>();
    for (Cell cell : Backends.cellsHere()) {
      for (String trace : Golden.SEED_TRACES) {
        args.add(Arguments.of(cell.id(), trace));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cellsAndTraces")
  void reproducesPyTorchTrace(String cellId, String traceName) {
    Golden golden = Golden.load(traceName);
    Cell cell = Cell.parse(cellId);
    try (Trainer trainer = Backends.open(cell, Problem.seed(), golden.config())) {
      TrainingRun.Result result = TrainingRun.run(trainer, golden.config(), 1);
      TraceAssert.assertTrace(cellId + " " + traceName, result.records(), golden, RTOL);
    }
  }
}
