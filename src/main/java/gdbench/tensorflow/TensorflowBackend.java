package gdbench.tensorflow;

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
import java.util.List;
import java.util.Map;

/**
 * TensorFlow Java 1.1.0 (TensorFlow 2.18's C API through JavaCPP), in graph mode, as its
 * documentation recommends for training: the step is built once as a graph and each step is one
 * {@code Session.run}, one native call that computes the loss, the gradient and the update.
 * {@code manual}: the gradient written as ops ({@link TensorflowManualTrainer}); {@code autograd}:
 * {@code tf.gradients} ({@link TensorflowAutogradTrainer}); {@code loss-optimizer}: the
 * framework's {@code MeanSquaredError} and {@code GradientDescent} ({@link TensorflowLossOptimizerTrainer}).
 *
 * <p>Runs on a class path of its own ({@link OwnClasspath}): it is built on JavaCPP 1.5.11.
 */
public final class TensorflowBackend implements Backend {
  static final String NAME = "tensorflow";

  /** Threads: TensorFlow's intra-op pool (ConfigProto). */
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
    return "TensorFlow Java 1.1.0 in graph mode, one Session.run a step: ops by hand, tf.gradients, framework MeanSquaredError + GradientDescent";
  }

  @Override
  public ClasspathNeed classpathNeed() {
    return ClasspathNeed.OWN;
  }

  @Override
  public StageSupport support(Stage stage) {
    if (stage == Stage.FULL_LIBRARY) {
      return StageSupport.notServed("TensorFlow Java 1.1.0 has no model or training loop: its framework offers losses, optimizers,"
          + " initializers, metrics and datasets, but no layer, Model or fit()");
    }
    return StageSupport.served();
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    return switch (cell.stage()) {
      case MANUAL -> new TensorflowManualTrainer(problem, config);
      case AUTOGRAD -> new TensorflowAutogradTrainer(problem, config);
      case LOSS_OPTIMIZER -> new TensorflowLossOptimizerTrainer(problem, config);
      case FULL_LIBRARY -> throw new IllegalArgumentException("tensorflow does not serve " + cell.stage().id());
    };
  }

  @Override
  public Map<String, String> versions() {
    try {
      return OwnClasspath.versions(NAME);
    } catch (GdbenchException e) {
      return Map.of("tensorflow-core-api", "unavailable: " + e.getMessage());
    }
  }

  /** TensorFlow sizes its pools from the session's ConfigProto (set per trainer); OpenMP is not used by its CPU kernels here. */
  @Override
  public List<String> threadEnvironment() {
    return List.of("OMP_NUM_THREADS");
  }

  /** TensorFlow's INFO and WARNING lines (oneDNN, CPU features) off the terminal; read once, when it loads. */
  @Override
  public Map<String, String> environment() {
    return Map.of("TF_CPP_MIN_LOG_LEVEL", "2");
  }

  /** The thread counts the sessions of this JVM were configured with (TensorFlow does not report them back). */
  @Override
  public Map<String, String> threadSettings(int threads) {
    return OwnClasspath.runsHere(this) ? TensorflowTrainer.sessionThreads() : Map.of();
  }

  @Override
  public String chartColour() {
    return "#bcbd22";
  }
}
