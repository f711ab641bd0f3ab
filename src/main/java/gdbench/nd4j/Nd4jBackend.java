package gdbench.nd4j;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/** ND4J backend: placeholder until its issue lands; serves nothing yet. */
public final class Nd4jBackend implements Backend {

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public String description() {
    return "ND4J (not built yet)";
  }

  @Override
  public StageSupport support(Stage stage) {
    return StageSupport.notServed("the ND4J backend is not built yet");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    throw new GdbenchException("the ND4J backend is not built yet");
  }

  @Override
  public Map<String, String> versions() {
    return Map.of();
  }
}
