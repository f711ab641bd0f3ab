package gdbench.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which cells to run, from {@code -Dbench.include}: comma-separated patterns over cell ids
 * ({@code backend/stage/variant}), one glob per segment ({@code *} matches any text within a
 * segment); missing segments match anything. {@code plain} is every cell of the backend
 * {@code plain} (not {@code plain-simd}); {@code plain*} both; {@code nd4j/manual} both ND4J manual
 * variants; {@code *}{@code /autograd} every autograd cell; {@code nd4j/manual/tuned} one cell.
 */
public final class CellFilter {
  private final List<String[]> patterns;

  public CellFilter(List<String> patterns) {
    this.patterns = patterns.stream().map(p -> p.split("/", -1)).toList();
  }

  public boolean matches(Cell cell) {
    String[] id = {cell.backend(), cell.stage().id(), cell.variant() == null ? "" : cell.variant().id()};
    for (String[] p : patterns) {
      if (matches(p, id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String[] pattern, String[] id) {
    if (pattern.length > id.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!glob(pattern[i]).matcher(id[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    String[] parts = g.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      re.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(re.toString());
  }
}
