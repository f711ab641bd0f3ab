package gdbench.extension;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/**
 * A backend that exists only in the test sources, registered by a services file that only
 * {@link ExtensionBackendTest}'s child JVMs see: it proves that adding a backend takes its package
 * and one services line, and no change anywhere else.
 */
public final class ExtensionBackend implements Backend {
  @Override
  public String name() {
    return "extension";
  }

  @Override
  public String description() {
    return "test-only backend: the manual stage in plain double-accumulating loops";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL ? StageSupport.served() : StageSupport.notServed("a test backend serves the manual stage only");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    return new ExtensionManualTrainer(problem, config);
  }

  @Override
  public Map<String, String> versions() {
    return Map.of();
  }
}
