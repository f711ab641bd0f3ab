package gdbench.core;

import gdbench.djl.DjlBackend;
import gdbench.ejml.EjmlBackend;
import gdbench.nd4j.Nd4jBackend;
import gdbench.plain.PlainBackend;
import gdbench.plainsimd.PlainSimdBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The registry: every backend, once. Adding a backend adds one line here. */
public final class Backends {
  private static final List<Backend> ALL = List.of(
      new PlainBackend(),
      new PlainSimdBackend(),
      new EjmlBackend(),
      new Nd4jBackend(),
      new DjlBackend());

  private Backends() {}

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

  /** Every cell some backend serves, in registry and stage order. */
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
          for (String v : support.variants()) {
            cells.add(new Cell(b.name(), s, v));
          }
        }
      }
    }
    return cells;
  }

  /**
   * Checks a (backend, stage, variant) request against the registry. A null variant picks the
   * backend's first (its {@code tuned} one) where it has several.
   */
  public static Cell resolve(String backend, String stage, String variant) {
    Backend b = get(backend);
    Stage s = Stage.parse(stage);
    StageSupport support = b.support(s);
    if (!support.isServed()) {
      throw new GdbenchException(b.name() + " cannot serve stage " + s.id() + ": " + support.reason());
    }
    List<String> variants = support.variants();
    if (variant == null || variant.isEmpty()) {
      return new Cell(b.name(), s, variants.isEmpty() ? null : variants.get(0));
    }
    if (!variants.contains(variant)) {
      throw new GdbenchException(variants.isEmpty()
          ? b.name() + " " + s.id() + " has no variants, got --variant " + variant
          : "unknown variant '" + variant + "' for " + b.name() + " " + s.id() + " (known: " + String.join(", ", variants) + ")");
    }
    return new Cell(b.name(), s, variant);
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
    try {
      return b.create(cell, problem, config);
    } catch (LinkageError e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
      throw new GdbenchException(b.name() + ": its native library could not be loaded: " + rootMessage(e), e);
    }
  }

  /** The innermost cause's message, on one line. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }

  /**
   * Served cells selected by comma-separated {@link CellFilter} patterns ({@code plain},
   * {@code nd4j/manual}, {@code *}{@code /autograd}, ...); every served cell when null or blank.
   */
  public static List<Cell> select(String include) {
    List<Cell> cells = cells();
    if (include == null || include.isBlank()) {
      return cells;
    }
    CellFilter filter = new CellFilter(java.util.Arrays.stream(include.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    List<Cell> selected = cells.stream().filter(filter::matches).toList();
    if (selected.isEmpty()) {
      throw new GdbenchException("--include '" + include + "' matches no served cell (cells: "
          + String.join(", ", cells.stream().map(Cell::id).toList()) + ")");
    }
    return selected;
  }
}
