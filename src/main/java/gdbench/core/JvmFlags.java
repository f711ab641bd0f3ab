package gdbench.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options every JVM that gdbench starts needs (benchmark forks, the steps after JMH, test
 * children): what each registered backend declares in {@link Backend#jvmOptions()}, each once, in
 * registry order.
 */
public final class JvmFlags {
  private JvmFlags() {}

  /** For a JVM of the same feature version as this one. */
  public static List<String> required() {
    Set<String> flags = new LinkedHashSet<>();
    for (Backend b : Backends.all()) {
      flags.addAll(b.jvmOptions());
    }
    return new ArrayList<>(flags);
  }
}
