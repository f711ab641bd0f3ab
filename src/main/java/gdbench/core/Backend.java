package gdbench.core;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A numerical library that can train the model: the plug-in point of gdbench. Each backend lives
 * in its own package, the only place that imports its library, and registers itself with one line
 * in {@code META-INF/services/gdbench.core.Backend}; {@link Backends} finds it with
 * {@link java.util.ServiceLoader}, in the order of that file. Nothing else names a backend.
 *
 * <p>Implementations must not touch their library when constructed or when asked what they
 * support or need: the registry builds every backend even when a native library cannot load, so
 * that the others keep working. The library is first touched in {@link #create}.
 */
public interface Backend {

  /** Short name used on the command line and in reports, e.g. {@code ejml}. */
  String name();

  /** One line: the library and how this backend uses it. */
  String description();

  /**
   * Which variants of the stage this backend offers ({@link Variant#TUNED} is picked when none is
   * asked for), or why it cannot serve it.
   */
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

  /**
   * Which class path this backend runs on: the main one (its libraries are the build's runtime
   * dependencies), its own ({@link OwnClasspath}: core, this backend and its libraries, for a library
   * whose native dependencies clash with another's), or any (it needs the JDK only).
   */
  default ClasspathNeed classpathNeed() {
    return ClasspathNeed.MAIN;
  }

  /** Library name → version, for the environment record (empty for plain Java). */
  Map<String, String> versions();

  /**
   * Whether this library can spread a step over several threads (native pools, a Java pool): the
   * thread sweep measures only such backends. Answered without touching the library.
   */
  default boolean usesThreads() {
    return false;
  }

  /** Thread settings this backend applies (name → value), for the environment record. */
  default Map<String, String> threadSettings(int threads) {
    return Map.of();
  }

  /**
   * Options every JVM that runs this backend needs (benchmark forks, tests, the command), for a
   * JVM of the same feature version as this one. {@link JvmFlags} joins them over all backends.
   */
  default List<String> jvmOptions() {
    return List.of();
  }

  /**
   * Environment variables that size this library's native thread pools. They are read once, when
   * the native library loads, so whoever starts a JVM sets them all to the thread count.
   */
  default List<String> threadEnvironment() {
    return List.of();
  }

  /**
   * Environment variables this library reads when it loads, other than thread counts (e.g. to keep
   * its logging quiet): whoever starts a JVM for it sets them (scripts/bench, the pom, the JVMs of
   * a backend's own class path), unless the user already did.
   */
  default Map<String, String> environment() {
    return Map.of();
  }

  /**
   * True when the cell's native memory is freed only when the Java GC collects the arrays'
   * handles: its cost then follows the GC's rhythm and the heap size, so the harness measures it
   * over several collections and at a second heap size.
   */
  default boolean freesNativeMemoryOnGc(Cell cell) {
    return false;
  }

  /**
   * The colour of this library's series in charts, as {@code #rrggbb}; null lets the report pick a
   * stable colour from the name.
   */
  default String chartColour() {
    return null;
  }

  /**
   * One trivial element-wise operation on two float arrays of {@code n} elements, for timing this
   * library's cost per call against a Python library's ({@code gdbench reference} on {@code seed}):
   * each call runs {@code c = a + b} into a new array that is freed at once, or with
   * {@code inPlace} {@code a += b}, and returns any number. Null where the library has no call
   * layer worth timing. An implementation that holds native memory is also {@link AutoCloseable}.
   */
  default DoubleSupplier elementwiseProbe(int n, boolean inPlace) {
    return null;
  }
}
