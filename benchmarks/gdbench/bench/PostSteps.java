package gdbench.bench;

import gdbench.core.Workload;
import gdbench.runfolder.BenchmarkKind;
import gdbench.core.JvmFlags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After a complete JMH run: the convergence runs, the tutorial's reference timings and the report,
 * each as {@code gdbench} in a JVM of its own (so no backend's native runtime shares a process with
 * the runner), writing into the run folder.
 */
final class PostSteps {
  private PostSteps() {}

  /** False when a step failed or could not start; the JMH results stand either way. */
  static boolean run(Settings settings, Path folder) {
    boolean ok = true;
    for (String step : settings.post) {
      List<String> args = arguments(settings, step, folder);
      System.out.println("\n# gdbench " + String.join(" ", args));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      cmd.addAll(JvmFlags.required());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "gdbench.cli.Main"));
      cmd.addAll(args);
      try {
        int code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        if (code != 0) {
          System.err.println("gdbench " + step + " failed (exit status " + code + "); the JMH results in " + folder + " stand");
          ok = false;
        }
      } catch (IOException e) {
        System.err.println("gdbench " + step + " could not start: " + e.getMessage());
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return ok;
  }

  /** The gdbench command line of a step: converge and reference follow the run's mode and cells. */
  static List<String> arguments(Settings settings, String step, Path folder) {
    List<String> args = new ArrayList<>(List.of(step));
    switch (step) {
      case "converge" -> {
        args.addAll(List.of("--run", folder.toString()));
        if (settings.quick) {
          args.add("--quick");
        }
        if (!settings.include.equals(List.of("*"))) {
          args.addAll(List.of("--include", String.join(",", settings.include)));
        }
      }
      case "reference" -> {
        // right after JMH, on the same machine, with the run's thread count and its step workloads
        // (on huge only the tuned rows, as the JVM side: about 1.5 minutes for five processes)
        args.addAll(List.of("--run", folder.toString(), "--threads", String.valueOf(settings.threads)));
        List<String> workloads = settings.workloads.get(BenchmarkKind.STEP).stream().map(Workload::id).toList();
        if (!workloads.isEmpty()) {
          args.addAll(List.of("--workloads", String.join(",", workloads)));
        }
        if (settings.quick) {
          args.add("--quick");
        }
      }
      default -> args.add(folder.toString());
    }
    return args;
  }
}
