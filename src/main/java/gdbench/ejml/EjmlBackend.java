package gdbench.ejml;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Variant;
import java.util.Map;
import org.ejml.EjmlVersion;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * EJML, float32 dense matrices ({@code FMatrixRMaj}). A linear-algebra library: it serves the
 * manual stage, written two ways — {@code tuned} (procedural {@code CommonOps_FDRM} into
 * preallocated outputs) and {@code idiomatic} ({@code SimpleMatrix}, a new matrix per operation).
 */
public final class EjmlBackend implements Backend {
  /** Threads: EJML's concurrent operations (EjmlConcurrency), used above its element threshold. */
  @Override
  public boolean usesThreads() {
    return true;
  }

  @Override
  public String name() {
    return "ejml";
  }

  @Override
  public String description() {
    return "EJML float32 FMatrixRMaj: tuned = CommonOps_FDRM into preallocated outputs, idiomatic = SimpleMatrix";
  }

  @Override
  public StageSupport support(Stage stage) {
    return stage == Stage.MANUAL
        ? StageSupport.served(Variant.TUNED, Variant.IDIOMATIC)
        : StageSupport.notServed("EJML is a linear-algebra library: no automatic differentiation, loss, optimizer or model classes");
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    pinThreads(config.threads());
    return cell.variant() == Variant.IDIOMATIC ? new EjmlManualIdiomaticTrainer(problem, config) : new EjmlManualTunedTrainer(problem, config);
  }

  /**
   * EJML switches to its own thread pool above {@code ELEMENT_THRESHOLD} elements (SimpleMatrix
   * does so silently): off for one thread, capped at the configured count otherwise.
   */
  static void pinThreads(int threads) {
    EjmlConcurrency.USE_CONCURRENT = threads > 1;
    if (threads > 1) {
      EjmlConcurrency.setMaxThreads(threads);
    }
  }

  @Override
  public Map<String, String> versions() {
    return Map.of("ejml", EjmlVersion.VERSION);
  }

  @Override
  public String chartColour() {
    return "#2ca02c";
  }

  @Override
  public Map<String, String> threadSettings(int threads) {
    return Map.of("EjmlConcurrency.USE_CONCURRENT", String.valueOf(threads > 1), "ejml.maxThreads", String.valueOf(threads));
  }
}
