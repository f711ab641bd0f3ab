package gdbench.plainsimd;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.ClasspathNeed;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;

/** One fused pass per step with the Vector API: the floor of what one core can do. */
public final class PlainSimdBackend implements Backend {

  /** Pure Java: runs on any class path, a backend's own included (the reference of its agreement tests). */
  @Override
  public ClasspathNeed classpathNeed() {
    return ClasspathNeed.NONE;
  }

  /** Threads: the step's blocks split over a fork-join pool of that many threads (PlainSimdManualTrainer). */
  @Override
  public boolean usesThreads() {
    return true;
  }

  @Override
  public String name() {
    return "plain-simd";
  }

  @Override
  public String description() {
    return "plain Java, loss and gradient fused in one SIMD pass (jdk.incubator.vector, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit)";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL
        ? StageSupport.served()
        : StageSupport.notServed("plain Java arrays have no automatic differentiation, loss, optimizer or model classes");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    return new PlainSimdManualTrainer(problem, config);
  }

  /** The Vector API is an incubator module, not resolved unless asked for. */
  @Override
  public List<String> jvmOptions() {
    return List.of("--add-modules=jdk.incubator.vector");
  }

  @Override
  public String chartColour() {
    return "#17becf";
  }

  @Override
  public Map<String, String> versions() {
    return Map.of("jdk.incubator.vector", FloatVector.SPECIES_PREFERRED.toString());
  }
}
