package gdbench.djl;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/** DJL backend: placeholder until its issue lands; serves nothing yet. */
public final class DjlBackend implements Backend {

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public String description() {
    return "DJL (not built yet)";
  }

  @Override
  public StageSupport support(Stage stage) {
    return StageSupport.notServed("the DJL backend is not built yet");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    throw new GdbenchException("the DJL backend is not built yet");
  }

  @Override
  public Map<String, String> versions() {
    return Map.of();
  }
}
