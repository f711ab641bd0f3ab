package gdbench.core;

import java.util.Map;

/**
 * A numerical library that can train the model. Each backend lives in its own package, which is
 * the only place that imports its library, and is listed once in {@link Backends}.
 *
 * <p>Implementations must not touch their library when constructed or when asked what they
 * support: the registry builds every backend even when a native library cannot load, so that the
 * others keep working. The library is first touched in {@link #create}.
 */
public interface Backend {

  /** Short name used on the command line and in reports, e.g. {@code ejml}. */
  String name();

  /** One line: the library and how this backend uses it. */
  String description();

  /** Which variants of the stage this backend offers, or why it cannot serve it. */
  StageSupport support(Stage stage);

  /** Null if the backend can run on the device, else the reason it cannot. */
  default String deviceUnsupportedReason(Device device) {
    return device == Device.CPU ? null : "CPU only";
  }

  /**
   * Builds a trainer for a cell this backend serves (checked by the caller). Converting the data
   * happens here. A library that cannot load throws {@link GdbenchException} naming the cause.
   */
  Trainer create(Cell cell, Problem problem, TrainConfig config);

  /** Library name → version, for the environment record (empty for plain Java). */
  Map<String, String> versions();

  /** Thread settings this backend applies (name → value), for the environment record. */
  default Map<String, String> threadSettings(int threads) {
    return Map.of();
  }
}
