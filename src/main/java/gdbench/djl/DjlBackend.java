package gdbench.djl;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/**
 * DJL (Deep Java Library) on its PyTorch engine, the tutorial's four stages:
 * <ul>
 *   <li>{@code manual}: {@code NDArray} operations by hand, {@code tuned} ({@link ManualTunedTrainer})
 *       and {@code idiomatic} ({@link ManualIdiomaticTrainer});
 *   <li>{@code autograd}: {@code GradientCollector}, the update by hand ({@link AutogradTrainer});
 *   <li>{@code loss-optimizer}: a DJL {@code Loss} equal to the MSE ({@link MseLoss}, {@code L2Loss}
 *       at weight 1 made safe under autograd) and {@code Optimizer.sgd()} ({@link LossOptimizerTrainer});
 *   <li>{@code full-library}: {@code Model}, {@code Linear}, {@code DefaultTrainingConfig},
 *       {@code Trainer} ({@link FullLibraryTrainer}).
 * </ul>
 * float32 throughout, any D, with or without a bias, both gradient rules. The library is touched in
 * {@link #create} only; the engine starts once per process ({@link DjlEngine}), offline, from the
 * native jars on the class path.
 */
public final class DjlBackend implements Backend {
  static final String TUNED = "tuned";
  static final String IDIOMATIC = "idiomatic";

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public String description() {
    return "DJL on the PyTorch engine (offline, CPU or CUDA): NDArray ops, GradientCollector, MSE Loss + Optimizer.sgd, Model + Linear + Trainer";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL ? StageSupport.served(TUNED, IDIOMATIC) : StageSupport.served();
  }

  @Override
  public String deviceUnsupportedReason(Device device) {
    return DjlEngine.deviceUnsupportedReason(device);
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    switch (cell.stage()) {
      case MANUAL:
        return IDIOMATIC.equals(cell.variant()) ? new ManualIdiomaticTrainer(problem, config) : new ManualTunedTrainer(problem, config);
      case AUTOGRAD:
        return new AutogradTrainer(problem, config);
      case LOSS_OPTIMIZER:
        return new LossOptimizerTrainer(problem, config);
      case FULL_LIBRARY:
        return new FullLibraryTrainer(problem, config);
      default:
        throw new IllegalArgumentException("unknown stage " + cell.stage());
    }
  }

  @Override
  public Map<String, String> versions() {
    try {
      return DjlEngine.versions();
    } catch (LinkageError e) { // the DJL jars themselves are missing
      return Map.of("djl", "unavailable: " + gdbench.core.Backends.rootMessage(e));
    }
  }

  /**
   * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} (what the
   * running engine reports once started: the first trainer's count wins), and the process's
   * {@code OMP_NUM_THREADS}.
   */
  @Override
  public Map<String, String> threadSettings(int threads) {
    try {
      return DjlEngine.threadSettings(threads);
    } catch (LinkageError e) {
      return Map.of();
    }
  }
}
