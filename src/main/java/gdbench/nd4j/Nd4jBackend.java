package gdbench.nd4j;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.Gpu;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Map;

/**
 * ND4J (CPU natives, OpenBLAS), SameDiff and DL4J: all four stages. The manual stage comes in two
 * variants: {@code tuned} (preallocated arrays, prebuilt ops, BLAS calls, nothing allocated per
 * step) and {@code idiomatic} (a new array per operation, as the tutorial's numpy reads).
 *
 * <p>This class does not touch ND4J: the library is loaded by the first {@link #create}, through
 * {@link Nd4jRuntime}, which turns a native library that cannot load into one clear error.
 */
public final class Nd4jBackend implements Backend {
  static final String TUNED = "tuned";
  static final String IDIOMATIC = "idiomatic";

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public String description() {
    return "ND4J " + Nd4jRuntime.versions().get("nd4j-native") + " on the CPU (" + Nd4jRuntime.platform()
        + ", OpenBLAS): INDArray ops (tuned: prebuilt ops and BLAS calls into preallocated arrays; idiomatic: a new array per op),"
        + " SameDiff autograd and Sgd, a DL4J MultiLayerNetwork";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL ? StageSupport.served(TUNED, IDIOMATIC) : StageSupport.served();
  }

  /**
   * ND4J picks its backend from the class path, not per array: the CPU build (nd4j-native) serves
   * the CPU only, the CUDA build (nd4j-cuda-11.6, the gpu profile) the GPU only, and that one needs
   * an NVIDIA driver and the CUDA 11 runtime.
   */
  @Override
  public String deviceUnsupportedReason(Device device) {
    boolean cudaBuild = Nd4jRuntime.isCudaBuild();
    if (device == Device.CPU) {
      return cudaBuild ? "this build carries ND4J's CUDA backend (nd4j-cuda-11.6, -Pgpu); build without -Pgpu for the CPU" : null;
    }
    if (!cudaBuild) {
      return "this build carries ND4J's CPU natives (nd4j-native); build with -Pgpu for nd4j-cuda-11.6 (CUDA 11.6)";
    }
    Gpu gpu = Gpu.probe();
    if (gpu.unavailableReason() != null) {
      return gpu.unavailableReason();
    }
    return gpu.runtime().contains("libcudart.so.11") ? null
        : "nd4j-cuda-11.6 needs the CUDA 11 runtime (libcudart.so.11.*); found " + gpu.runtime();
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    Nd4jRuntime.ensureReady(config.threads());
    switch (cell.stage()) {
      case MANUAL:
        if (IDIOMATIC.equals(cell.variant())) {
          return new IdiomaticTrainer(problem, config);
        }
        if (cell.variant() == null || TUNED.equals(cell.variant())) {
          return new TunedTrainer(problem, config);
        }
        throw new GdbenchException("nd4j manual has no variant '" + cell.variant() + "' (known: tuned, idiomatic)");
      case AUTOGRAD:
        return new AutogradTrainer(problem, config);
      case LOSS_OPTIMIZER:
        return new LossOptimizerTrainer(problem, config);
      case FULL_LIBRARY:
        return new FullLibraryTrainer(problem, config);
      default:
        throw new GdbenchException("nd4j cannot serve stage " + cell.stage());
    }
  }

  @Override
  public Map<String, String> versions() {
    return Nd4jRuntime.versions();
  }

  @Override
  public Map<String, String> threadSettings(int threads) {
    return Nd4jRuntime.threadSettings(threads);
  }
}
