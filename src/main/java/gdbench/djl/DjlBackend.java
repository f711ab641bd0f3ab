package gdbench.djl;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Variant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * DJL (Deep Java Library) on its PyTorch engine, the tutorial's four stages:
 * <ul>
 *   <li>{@code manual}: {@code NDArray} operations by hand, {@code tuned} ({@link DjlManualTunedTrainer})
 *       and {@code idiomatic} ({@link DjlManualIdiomaticTrainer});
 *   <li>{@code autograd}: {@code GradientCollector}, the update by hand ({@link DjlAutogradTrainer});
 *   <li>{@code loss-optimizer}: a DJL {@code Loss} equal to the MSE ({@link DjlMseLoss}, {@code L2Loss}
 *       at weight 1 made safe under autograd) and {@code Optimizer.sgd()} ({@link DjlLossOptimizerTrainer});
 *   <li>{@code full-library}: {@code Model}, {@code Linear}, {@code DefaultTrainingConfig},
 *       {@code Trainer} ({@link DjlFullLibraryTrainer}).
 * </ul>
 * float32 throughout, any D, with or without a bias, both gradient rules. The library is touched in
 * {@link #create} only; the engine starts once per process ({@link DjlEngine}), offline, from the
 * native jars on the class path.
 */
public final class DjlBackend implements Backend {
  /** Threads: libtorch's intra-op pool (ai.djl.pytorch.num_threads). */
  @Override
  public boolean usesThreads() {
    return true;
  }

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
    return stage == Stage.MANUAL ? StageSupport.served(Variant.TUNED, Variant.IDIOMATIC) : StageSupport.served();
  }

  @Override
  public String deviceUnsupportedReason(Device device) {
    return DjlEngine.deviceUnsupportedReason(device);
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    switch (cell.stage()) {
      case MANUAL:
        return cell.variant() == Variant.IDIOMATIC ? new DjlManualIdiomaticTrainer(problem, config) : new DjlManualTunedTrainer(problem, config);
      case AUTOGRAD:
        return new DjlAutogradTrainer(problem, config);
      case LOSS_OPTIMIZER:
        return new DjlLossOptimizerTrainer(problem, config);
      case FULL_LIBRARY:
        return new DjlFullLibraryTrainer(problem, config);
      default:
        throw new IllegalArgumentException("unknown stage " + cell.stage());
    }
  }

  @Override
  public Map<String, String> versions() {
    try {
      return DjlEngine.versions();
    } catch (LinkageError e) { // the DJL jars themselves are missing
      return Map.of("djl", "unavailable: " + GdbenchException.rootMessage(e));
    }
  }

  /** JNA loads libtorch (native access); offline, so DJL loads PyTorch from the jar and never downloads it. */
  @Override
  public List<String> jvmOptions() {
    return List.of("--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true");
  }

  /** libtorch sizes its intra-op pool from OpenMP and its BLAS from MKL when it loads. */
  @Override
  public List<String> threadEnvironment() {
    return List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS");
  }

  @Override
  public String chartColour() {
    return "#9467bd";
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

  /** One {@code add} on {@code n} floats per call, new or in place: the per-call cost timed by {@code gdbench reference}. */
  @Override
  public DoubleSupplier elementwiseProbe(int n, boolean inPlace) {
    return new DjlElementwiseProbe(n, inPlace);
  }
}
