package gdbench.nd4j;

import gdbench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The measuring side of {@link Nd4jLoadFailureTest}, run in a JVM whose ND4J native library cannot
 * load: asks {@code gdbench train} for nd4j twice, then for plain, and prints each exit status and
 * what the command wrote to its error stream.
 */
public final class Nd4jLoadFailureProbe {
  private Nd4jLoadFailureProbe() {}

  public static void main(String[] args) {
    for (String backend : new String[] {"nd4j", "nd4j", "plain"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.run(new String[] {"train", "--backend", backend, "--epochs", "2"}, new PrintWriter(out, true), new PrintWriter(err, true));
      System.out.println("RESULT " + backend + " " + status + " " + err.toString().replace("\n", "\\n"));
    }
  }
}
