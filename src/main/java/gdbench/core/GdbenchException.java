package gdbench.core;

/**
 * A problem the user can fix: bad input, an unknown name, a stage a backend cannot serve, a native
 * library that does not load. The command prints its message as one line, {@code error: ...}, and
 * exits with status 2; it is never shown as a stack trace.
 */
public class GdbenchException extends RuntimeException {
  public GdbenchException(String message) {
    super(message);
  }

  public GdbenchException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The innermost cause's message, on one line: what a user needs from a library's failure. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
