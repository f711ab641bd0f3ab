package gdbench.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry: every {@link Backend} on the class path, found with {@link ServiceLoader} in the
 * order of the {@code META-INF/services/gdbench.core.Backend} files, so core names no backend.
 */
public final class Backends {
  private static final List<Backend> ALL = load();

  private Backends() {}

  private static List<Backend> load() {
    List<Backend> backends = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
      if (!names.add(b.name())) {
        throw new IllegalStateException("two backends are named '" + b.name() + "' on the class path");
      }
      backends.add(b);
    }
    return List.copyOf(backends);
  }

  public static List<Backend> all() {
    return ALL;
  }

  public static Backend get(String name) {
    for (Backend b : ALL) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new GdbenchException("unknown backend '" + name + "' (known: " + names() + ")");
  }

  public static String names() {
    return ALL.stream().map(Backend::name).collect(Collectors.joining(", "));
  }

  /** Every cell some backend serves, in registry and stage order, the expert variant first. */
  public static List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (Backend b : ALL) {
      for (Stage s : Stage.values()) {
        StageSupport support = b.support(s);
        if (!support.isServed()) {
          continue;
        }
        if (support.variants().isEmpty()) {
          cells.add(new Cell(b.name(), s, null));
        } else {
          for (Variant v : support.variants()) {
            cells.add(new Cell(b.name(), s, v));
          }
        }
      }
    }
    return cells;
  }

  /** The served cells whose backend can run in this JVM ({@link OwnClasspath#runsHere}). */
  public static List<Cell> cellsHere() {
    return cells().stream().filter(c -> OwnClasspath.runsHere(get(c.backend()))).toList();
  }

  /**
   * Checks a (backend, stage, variant) request against the registry. A null variant picks the
   * backend's expert one ({@link Variant#TUNED}) where it has several.
   */
  public static Cell resolve(String backend, String stage, String variant) {
    Backend b = get(backend);
    Stage s = Stage.parse(stage);
    StageSupport support = b.support(s);
    if (!support.isServed()) {
      throw new GdbenchException(b.name() + " cannot serve stage " + s.id() + ": " + support.reason());
    }
    List<Variant> variants = support.variants();
    if (variant == null || variant.isEmpty()) {
      return new Cell(b.name(), s, variants.isEmpty() ? null : variants.get(0));
    }
    if (variants.isEmpty()) {
      throw new GdbenchException(b.name() + " " + s.id() + " has no variants, got " + variant);
    }
    Variant v = variants.stream().filter(x -> x.id().equals(variant)).findFirst().orElseThrow(() -> new GdbenchException(
        "unknown variant '" + variant + "' for " + b.name() + " " + s.id() + " (known: " + String.join(", ", support.variantIds()) + ")"));
    return new Cell(b.name(), s, v);
  }

  /**
   * Builds the trainer of a cell. Failures of a native library to load become one clear error
   * naming the backend; other backends are unaffected.
   */
  public static Trainer open(Cell cell, Problem problem, TrainConfig config) {
    Backend b = get(cell.backend());
    String deviceProblem = b.deviceUnsupportedReason(config.device());
    if (deviceProblem != null) {
      throw new GdbenchException(b.name() + " cannot run on " + config.device() + ": " + deviceProblem);
    }
    if (!OwnClasspath.runsHere(b)) {
      throw new GdbenchException(b.name() + " runs on " + (b.classpathNeed() == ClasspathNeed.OWN
          ? "a class path of its own" : "the main class path") + ", not this JVM's (" + OwnClasspath.PROPERTY + "="
          + OwnClasspath.current() + "): start it with OwnClasspath.of(\"" + b.name() + "\")");
    }
    try {
      return b.create(cell, problem, config);
    } catch (LinkageError e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
      throw new GdbenchException(b.name() + ": its native library could not be loaded: " + GdbenchException.rootMessage(e), e);
    }
  }

  /**
   * Served cells selected by comma-separated {@link CellFilter} patterns ({@code plain},
   * {@code nd4j/manual}, {@code *}{@code /autograd}, ...); every served cell when null or blank.
   * The message of the exception thrown when none matches names the patterns, not where they came
   * from: the caller adds that.
   */
  public static List<Cell> select(String include) {
    List<Cell> cells = cells();
    if (include == null || include.isBlank()) {
      return cells;
    }
    CellFilter filter = new CellFilter(Arrays.stream(include.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    List<Cell> selected = cells.stream().filter(filter::matches).toList();
    if (selected.isEmpty()) {
      throw new GdbenchException("'" + include + "' matches no served cell (cells: "
          + String.join(", ", cells.stream().map(Cell::id).toList()) + ")");
    }
    return selected;
  }

  /** The thread-pool environment variables of every backend, each once, in registry order. */
  public static List<String> threadEnvironment() {
    return ALL.stream().flatMap(b -> b.threadEnvironment().stream()).distinct().toList();
  }
}
