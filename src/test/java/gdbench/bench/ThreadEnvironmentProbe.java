package gdbench.bench;

/** Prints the thread variables it was started with, for {@link ForkThreadsTest}. */
public final class ThreadEnvironmentProbe {
  private ThreadEnvironmentProbe() {}

  public static void main(String[] args) {
    StringBuilder sb = new StringBuilder();
    for (String v : ForkThreads.variables()) {
      sb.append(v).append('=').append(System.getenv(v)).append('\n');
    }
    System.out.print(sb);
  }
}
