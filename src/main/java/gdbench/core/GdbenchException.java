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
}
