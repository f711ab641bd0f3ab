package gdbench.ojalgo;

import gdbench.core.Backend;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.Variant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ojalgo.OjAlgoUtils;
import org.ojalgo.machine.VirtualMachine;

/**
 * ojAlgo, pure Java, in float32 throughout ({@code R032Store}, {@code MatrixR032}, a neural network
 * built on {@code R032Store.FACTORY}); ojAlgo computes scalar results such as dot products in
 * double and stores float. It serves the manual stage written two ways and the full-library stage
 * through its neural-network package ({@code org.ojalgo.ann}).
 */
public final class OjalgoBackend implements Backend {
  private static VirtualMachine detected; // ojAlgo's own view of the machine, before any limit
  private static int pinnedThreads;

  /** Threads: ojAlgo's parallel paths, sized from its environment's thread count. */
  @Override
  public boolean usesThreads() {
    return true;
  }

  @Override
  public String name() {
    return "ojalgo";
  }

  @Override
  public String description() {
    return "ojAlgo float32: manual tuned = R032Store with fillByMultiplying/fillMatching/axpy into preallocated stores, "
        + "idiomatic = immutable MatrixR032; full-library = ArtificialNeuralNetwork, one identity layer, half squared error, "
        + "the whole batch per train() with the rate scaled by 2/N (mean rule) or 2 (dot rule)";
  }

  @Override
  public StageSupport support(Stage stage) {
    return switch (stage) {
      case MANUAL -> StageSupport.served(Variant.TUNED, Variant.IDIOMATIC);
      case AUTOGRAD -> StageSupport.notServed("ojAlgo has no automatic differentiation: its neural network back-propagates "
          + "inside NetworkTrainer.train and exposes no gradient of a user-written expression");
      case LOSS_OPTIMIZER -> StageSupport.notServed("ojAlgo has no loss or optimizer objects apart from its neural network: "
          + "the error function and the plain gradient-descent update exist only inside NetworkTrainer");
      case FULL_LIBRARY -> StageSupport.served();
    };
  }

  @Override
  public Trainer create(Cell cell, Problem problem, TrainConfig config) {
    pinThreads(config.threads());
    if (cell.stage() == Stage.FULL_LIBRARY) {
      return new OjalgoFullLibraryTrainer(problem, config);
    }
    return cell.variant() == Variant.IDIOMATIC ? new OjalgoManualIdiomaticTrainer(problem, config) : new OjalgoManualTunedTrainer(problem, config);
  }

  /**
   * Every parallel path in ojAlgo (its matrix products, copies and the divide-and-conquer helpers)
   * sizes itself from {@code OjAlgoUtils.ENVIRONMENT.threads} at each call, so replacing that
   * environment with the detected one limited to {@code threads} pins it; the detected one is kept
   * so that a later, larger count can be set again. ojAlgo cannot be given more threads than it sees.
   */
  static synchronized void pinThreads(int threads) {
    if (detected == null) {
      detected = OjAlgoUtils.ENVIRONMENT;
    }
    int allowed = Math.min(threads, detected.threads);
    OjAlgoUtils.ENVIRONMENT = allowed == detected.threads ? detected : detected.limitBy((double) allowed / detected.threads);
    pinnedThreads = threads;
  }

  @Override
  public Map<String, String> threadSettings(int threads) {
    return settings(threads);
  }

  /** What ojAlgo holds once pinned to this count, read back; before that, what will be applied. */
  static synchronized Map<String, String> settings(int threads) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("requested", String.valueOf(threads));
    if (detected != null && pinnedThreads == threads) {
      m.put("OjAlgoUtils.ENVIRONMENT.threads", String.valueOf(OjAlgoUtils.ENVIRONMENT.threads));
      m.put("OjAlgoUtils.ENVIRONMENT.cores", String.valueOf(OjAlgoUtils.ENVIRONMENT.cores));
      m.put("detected.threads", String.valueOf(detected.threads));
    } else {
      m.put("OjAlgoUtils.ENVIRONMENT.threads", threads + " (capped at the threads ojAlgo detects)");
    }
    return m;
  }

  /**
   * The version in ojAlgo's jar manifest ({@code Implementation-Version}). Naming the class does
   * not initialise it, so asking runs none of ojAlgo's code (its hardware detection included).
   */
  @Override
  public Map<String, String> versions() {
    Package p = OjAlgoUtils.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return Map.of("ojalgo", v == null ? "unknown (no Implementation-Version in the jar's manifest)" : v);
  }

  @Override
  public String chartColour() {
    return "#8c564b";
  }
}
