package gdbench.cli;

import gdbench.core.GdbenchException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gdbench} command. Exit status: 0 success, 1 a marked regression ({@code compare}),
 * 2 bad input or an unusable backend (one {@code error: ...} line on stderr), 3 training diverged.
 */
@Command(
    name = "gdbench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Linear regression by gradient descent on JVM numerical backends: train, list, measure, report.",
    subcommands = {TrainCommand.class, BackendsCommand.class, ConvergeCommand.class, ReferenceCommand.class, ReportCommand.class, CompareCommand.class, HistoryCommand.class, AdviseCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int EXIT_REGRESSION = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_DIVERGED = 3;
  public static final int EXIT_INTERNAL = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (" + String.join(", ", spec.subcommands().keySet()) + ")");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given output streams; returns the exit status. Used by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + oneLine(e.getMessage()) + " (see gdbench " + commandName(e.getCommandLine()) + "--help)");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof GdbenchException) {
        err.println("error: " + oneLine(e.getMessage()));
        if (System.getenv("GDBENCH_DEBUG") != null) {
          e.printStackTrace(err);
        }
        return EXIT_USAGE;
      }
      err.println("internal error: " + oneLine(String.valueOf(e)) + " (set GDBENCH_DEBUG=1 for the stack trace)");
      if (System.getenv("GDBENCH_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return EXIT_INTERNAL;
    });
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static String commandName(CommandLine cl) {
    return cl == null || cl.getParent() == null ? "" : cl.getCommandName() + " ";
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"gdbench " + (v == null ? "(development build)" : v)};
    }
  }
}
