package gdbench.nd4j;

import gdbench.cli.Main;
import java.io.PrintWriter;

/**
 * Trains every ND4J stage and variant with {@code gdbench train}, writing to the process's real
 * stdout and stderr, so that {@link Nd4jBackendTest} can check that nothing but the trace reaches
 * the terminal: ND4J's start-up logging, SameDiff's println calls and DL4J's warnings included.
 */
public final class Nd4jQuietProbe {
  private Nd4jQuietProbe() {}

  public static void main(String[] args) {
    String[][] runs = {
      {"--stage", "manual", "--variant", "tuned"},
      {"--stage", "manual", "--variant", "idiomatic"},
      {"--stage", "autograd"},
      {"--stage", "loss-optimizer", "--gradient", "dot"},
      {"--stage", "full-library"},
    };
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    for (String[] run : runs) {
      String[] command = new String[run.length + 5];
      command[0] = "train";
      command[1] = "--backend";
      command[2] = "nd4j";
      command[3] = "--epochs";
      command[4] = "3";
      System.arraycopy(run, 0, command, 5, run.length);
      int status = Main.run(command, out, err);
      out.println("STATUS " + status);
    }
  }
}
