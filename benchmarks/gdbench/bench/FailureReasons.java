package gdbench.bench;

import gdbench.core.GdbenchException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.RunnerException;

/** Why a benchmark failed, in one line for env.json and the summary. */
final class FailureReasons {
  private static final Pattern THROWABLE_LINE = Pattern.compile("^([\\w$]+\\.)+[\\w$]*(Error|Exception)(: .*)?$");

  private FailureReasons() {}

  /**
   * The benchmark's own exception where the fork sent one, else JMH's; for a fork that died, with
   * the last exception or error its output names (an OutOfMemoryError, say).
   */
  static String reason(Throwable e, List<String> logTail) {
    if (e == null) {
      return "no result (unknown reason)";
    }
    List<String> messages = new ArrayList<>();
    collect(e, messages, 0);
    String reason = messages.isEmpty() ? GdbenchException.rootMessage(e) : String.join("; ", messages);
    if (reason.contains("Forked VM failed")) {
      for (int i = logTail.size() - 1; i >= 0; i--) {
        String line = logTail.get(i).trim();
        if (THROWABLE_LINE.matcher(line).matches()) {
          return reason + ": " + line;
        }
      }
    }
    return reason;
  }

  /** The innermost messages, skipping JMH's wrappers, each once. */
  private static void collect(Throwable t, List<String> out, int depth) {
    if (t == null || depth > 8) {
      return;
    }
    boolean wrapper = t instanceof RunnerException || t.getClass().getName().startsWith("org.openjdk.jmh.")
        || t instanceof java.lang.reflect.InvocationTargetException;
    for (Throwable s : t.getSuppressed()) {
      collect(s, out, depth + 1);
    }
    if (t.getCause() != null && t.getCause() != t) {
      collect(t.getCause(), out, depth + 1);
    } else if (!wrapper && t.getSuppressed().length == 0) {
      String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
      m = m.replaceAll("\\s+", " ").trim();
      if (!out.contains(m)) {
        out.add(m);
      }
    }
  }
}
