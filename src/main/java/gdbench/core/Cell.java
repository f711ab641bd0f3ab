package gdbench.core;

/**
 * One cell of the backend × stage table, with the variant where a backend offers more than one way
 * to write the same stage. Its id, {@code backend/stage} or {@code backend/stage/variant}, names it
 * in benchmarks, reports and on the command line.
 */
public record Cell(String backend, Stage stage, Variant variant) {

  public Cell {
    if (backend == null || stage == null) {
      throw new IllegalArgumentException("backend and stage are required");
    }
  }

  public String id() {
    return backend + "/" + stage.id() + (variant == null ? "" : "/" + variant.id());
  }

  /** Parses an id and checks it against the registry. */
  public static Cell parse(String id) {
    String[] parts = id.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new GdbenchException("'" + id + "' is not a cell id (backend/stage or backend/stage/variant)");
    }
    return Backends.resolve(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  @Override
  public String toString() {
    return id();
  }
}
