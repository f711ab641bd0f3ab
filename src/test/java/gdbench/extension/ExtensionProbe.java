package gdbench.extension;

import gdbench.Golden;
import gdbench.TraceAssert;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.util.List;

/**
 * Runs in a child JVM whose class path also holds the extension's services file: prints the
 * registry and puts every extension cell through the golden contract of {@code GoldenTraceTest}.
 */
public final class ExtensionProbe {
  private ExtensionProbe() {}

  public static void main(String[] args) {
    System.out.println("registry: " + Backends.names());
    List<Cell> cells = Backends.cells().stream().filter(c -> c.backend().equals("extension")).toList();
    int traces = 0;
    for (Cell cell : cells) {
      for (String name : Golden.SEED_TRACES) {
        Golden golden = Golden.load(name);
        try (Trainer trainer = Backends.open(cell, Problem.seed(), golden.config())) {
          TrainingRun.Result result = TrainingRun.run(trainer, golden.config(), 1);
          TraceAssert.assertTrace(cell.id() + " " + name, result.records(), golden, 1e-5);
          traces++;
        }
      }
    }
    System.out.println("golden: " + cells.stream().map(Cell::id).toList() + " reproduce " + traces + " traces");
    List<String> planned = gdbench.bench.BenchPlan.of(new java.util.Properties()).items().stream()
        .filter(i -> i.cell().startsWith("extension/")).map(i -> i.benchmark() + " " + i.cell() + " " + i.workload().id()).toList();
    System.out.println("plan: " + planned);
  }
}
