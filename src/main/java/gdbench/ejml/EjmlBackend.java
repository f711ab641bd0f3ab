package gdbench.ejml;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/** EJML backend: placeholder until its issue lands; serves nothing yet. */
public final class EjmlBackend implements Backend {

  @Override
  public String name() {
    return "ejml";
  }

  @Override
  public String description() {
    return "EJML (not built yet)";
  }

  @Override
  public StageSupport support(Stage stage) {
    return StageSupport.notServed("the EJML backend is not built yet");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    throw new GdbenchException("the EJML backend is not built yet");
  }

  @Override
  public Map<String, String> versions() {
    return Map.of();
  }
}
