package gdbench.pytorchjavacpp;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.ClasspathNeed;
import gdbench.core.GdbenchException;
import gdbench.core.OwnClasspath;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Variant;
import java.util.List;
import java.util.Map;

/**
 * libtorch 2.7.1, the same release DJL 0.36 wraps, through the JavaCPP presets
 * ({@code org.bytedeco:pytorch}), written as libtorch's C++ API examples are: tensors and their
 * operations ({@code manual}, {@code tuned} and {@code idiomatic}), {@code backward()}
 * ({@code autograd}), {@code MSELoss} + {@code SGD} ({@code loss-optimizer}), a {@code Linear}
 * module with its optimizer loop ({@code full-library}). float32, CPU. Its difference from DJL's
 * cells on the same libtorch is DJL's own cost per call.
 *
 * <p>Runs on a class path of its own ({@link OwnClasspath}): the presets need JavaCPP 1.5.12 and
 * OpenBLAS 0.3.30, ND4J's need 1.5.7 and 0.3.19, and one class path holds one version of each.
 */
public final class PytorchJavacppBackend implements Backend {
  static final String NAME = "pytorch-javacpp";

  /** Threads: libtorch's intra-op pool (torch.set_num_threads). */
  @Override
  public boolean usesThreads() {
    return true;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "libtorch through the JavaCPP presets: Tensor ops, backward(), MSELoss + SGD, Linear module + SGD loop";
  }

  @Override
  public ClasspathNeed classpathNeed() {
    return ClasspathNeed.OWN;
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL ? StageSupport.served(Variant.TUNED, Variant.IDIOMATIC) : StageSupport.served();
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    return switch (cell.stage()) {
      case MANUAL -> cell.variant() == Variant.IDIOMATIC
          ? new LibtorchManualIdiomaticTrainer(problem, config) : new LibtorchManualTunedTrainer(problem, config);
      case AUTOGRAD -> new LibtorchAutogradTrainer(problem, config);
      case LOSS_OPTIMIZER -> new LibtorchLossOptimizerTrainer(problem, config);
      case FULL_LIBRARY -> new LibtorchFullLibraryTrainer(problem, config);
    };
  }

  /** The jars of its own class path, by their names: known without loading libtorch. */
  @Override
  public Map<String, String> versions() {
    try {
      return OwnClasspath.versions(NAME);
    } catch (GdbenchException e) {
      return Map.of("pytorch", "unavailable: " + e.getMessage());
    }
  }

  /** JavaCPP loads libtorch through JNI; OpenMP sizes libtorch's pool when it loads, OpenBLAS its own. */
  @Override
  public List<String> threadEnvironment() {
    return List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS");
  }

  /** What the running library reports: filled once a trainer has started it in this JVM. */
  @Override
  public Map<String, String> threadSettings(int threads) {
    if (!OwnClasspath.runsHere(this)) {
      return Map.of();
    }
    try {
      return LibtorchRuntime.threadSettings();
    } catch (LinkageError e) {
      return Map.of();
    }
  }

  @Override
  public String chartColour() {
    return "#e377c2";
  }
}
