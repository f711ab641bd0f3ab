package gdbench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Two ways a backend may write the same stage. The expert variant comes first: a cell asked for
 * without a variant gets it, and reports list it first.
 */
public enum Variant {
  /** What an expert in the library writes: preallocated arrays, in-place operations, no temporaries. */
  TUNED("tuned"),
  /** The obvious code from the library's documentation: a new array per operation. */
  IDIOMATIC("idiomatic");

  private final String id;

  Variant(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Variant parse(String text) {
    for (Variant v : values()) {
      if (v.id.equals(text)) {
        return v;
      }
    }
    throw new GdbenchException("unknown variant '" + text + "' (known: " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(Variant::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
