package gdbench.plain;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.ClasspathNeed;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/** The tutorial's numpy code written as loops over {@code float[]}: the reference trajectory. */
public final class PlainBackend implements Backend {
  static final String NO_LIBRARY = "plain Java arrays have no automatic differentiation, loss, optimizer or model classes";

  /** Pure Java: runs on any class path, a backend's own included (the reference of its agreement tests). */
  @Override
  public ClasspathNeed classpathNeed() {
    return ClasspathNeed.NONE;
  }

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public String description() {
    return "plain Java loops over float[], one pass per line of the tutorial, numpy's pairwise sums";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL ? StageSupport.served() : StageSupport.notServed(NO_LIBRARY);
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    return new PlainManualTrainer(problem, config);
  }

  @Override
  public String chartColour() {
    return "#1f77b4";
  }

  @Override
  public Map<String, String> versions() {
    return Map.of();
  }
}
