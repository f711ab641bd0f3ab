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
import gdbench.core.Variant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * ND4J (CPU natives, OpenBLAS), SameDiff and DL4J: all four stages. The manual stage comes in two
 * variants: {@code tuned} (preallocated arrays, prebuilt ops, BLAS calls, nothing allocated per
 * step) and {@code idiomatic} (a new array per operation, as the tutorial's numpy reads).
 *
 * <p>This class does not touch ND4J: the library is loaded by the first {@link #create}, through
 * {@link Nd4jRuntime}, which turns a native library that cannot load into one clear error.
 */
public final class Nd4jBackend implements Backend {
  /** Threads: OpenMP and OpenBLAS pools, sized by OMP_NUM_THREADS when the library loads. */
  @Override
  public boolean usesThreads() {
    return true;
  }

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
    return stage == Stage.MANUAL ? StageSupport.served(Variant.TUNED, Variant.IDIOMATIC) : StageSupport.served();
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
        return cell.variant() == Variant.IDIOMATIC ? new Nd4jManualIdiomaticTrainer(problem, config) : new Nd4jManualTunedTrainer(problem, config);
      case AUTOGRAD:
        return new Nd4jAutogradTrainer(problem, config);
      case LOSS_OPTIMIZER:
        return new Nd4jLossOptimizerTrainer(problem, config);
      case FULL_LIBRARY:
        return new Nd4jFullLibraryTrainer(problem, config);
      default:
        throw new GdbenchException("nd4j cannot serve stage " + cell.stage());
    }
  }

  @Override
  public Map<String, String> versions() {
    return Nd4jRuntime.versions();
  }

  @Override
  public List<String> jvmOptions() {
    return Nd4jRuntime.jvmOptions();
  }

  /** OpenMP sizes libnd4j's loops and OpenBLAS its own pool; both are read when the library loads. */
  @Override
  public List<String> threadEnvironment() {
    return List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS");
  }

  /** ND4J frees an INDArray's native buffer when the GC collects it; only the tuned cell allocates nothing per step. */
  @Override
  public boolean freesNativeMemoryOnGc(Cell cell) {
    return cell.variant() != Variant.TUNED;
  }

  @Override
  public String chartColour() {
    return "#d62728";
  }

  @Override
  public Map<String, String> threadSettings(int threads) {
    return Nd4jRuntime.threadSettings(threads);
  }

  /** One {@code add} on {@code n} floats per call, new or in place: the per-call cost timed by {@code gdbench reference}. */
  @Override
  public DoubleSupplier elementwiseProbe(int n, boolean inPlace) {
    return new Nd4jElementwiseProbe(n, inPlace);
  }
}
