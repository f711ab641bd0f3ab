package gdbench.report;

import gdbench.core.GdbenchException;
import gdbench.runfolder.RunEnvironment;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** {@code results/README.md}: the latest run of each machine, with a link to its report. */
public final class ResultsIndex {
  /** {@code gdbench history}'s page, in {@code <machine>/history/}. */
  public static final String HISTORY = "HISTORY.md";

  private ResultsIndex() {}

  /** The results root of a run folder laid out as {@code results/<machine>/<run>}, or null. */
  public static Path rootOf(Path runDir) {
    Path abs = runDir.toAbsolutePath().normalize();
    Path root = abs.getParent() == null ? null : abs.getParent().getParent();
    return root != null && root.getFileName() != null && root.getFileName().toString().equals("results") ? root : null;
  }

  public static String render(Path root) {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append("One folder per machine (named after its CPU and core count), one folder per run inside it. Each run holds JMH's "
        + "`jmh.json`, the environment in `env.json`, the trajectories in `convergence.json`, the tutorial's own timings in `"
        + RunFolderFiles.TUTORIAL_REFERENCE + "`, and the rendered `REPORT.md` with its charts. This index lists the latest run of each "
        + "machine; `gdbench report` rewrites it, `gdbench compare RUN_A RUN_B` compares two runs.\n\n");
    Markdown.Table t = new Markdown.Table("machine", "latest run", "status", "mode", "device", "CPU", "JDK", "commit", ">runs");
    for (Path machine : list(root)) {
      List<Path> runs = list(machine).stream().filter(r -> Files.isRegularFile(r.resolve(RunFolderFiles.ENV))).toList();
      if (runs.isEmpty()) {
        continue;
      }
      Path latest = runs.get(runs.size() - 1);
      String name = machine.getFileName().toString();
      String runName = latest.getFileName().toString();
      String link = Files.exists(latest.resolve(RunFolderFiles.REPORT))
          ? "[" + runName + "](" + name + "/" + runName + "/" + RunFolderFiles.REPORT + ")" : runName + " (no report)";
      try {
        RunEnvironment env = RunFolderFiles.readEnvironmentLeniently(latest);
        // a run whose canary scattered beyond its bound says so; older runs have no canary and keep their row
        String status = Markdown.text(env.status()) + (env.canary() != null && env.canary().isNoisy() ? ", noisy host" : "");
        t.row(name, link, status, Markdown.text(env.mode()), env.device(), env.hardwareSummary(),
            Markdown.text(env.jdk().version()), "`" + HeaderSection.shortCommit(env, "") + "`", runs.size());
      } catch (GdbenchException e) {
        t.row(name, link, "unreadable " + RunFolderFiles.ENV, "", "", "", "", "", runs.size());
      }
    }
    md.append(t.isEmpty() ? "No runs yet: `mvn verify -Pbench` makes one.\n" : t.render());
    sweepsAndProfiles(root, md);
    // Only where gdbench history wrote a page: an index without one renders as it always has.
    List<String> histories = list(root).stream().filter(m -> Files.isRegularFile(m.resolve("history").resolve(HISTORY)))
        .map(m -> "[" + m.getFileName() + "](" + m.getFileName() + "/history/" + HISTORY + ")").toList();
    if (!histories.isEmpty()) {
      md.append("\nEvery run over the commits, with the steps found (`gdbench history`): ").append(String.join(", ", histories)).append(".\n");
    }
    return md.toString();
  }

  /** Every run that holds a sweep or profiles, newest first per machine: where "which library for which size" is answered. */
  private static void sweepsAndProfiles(Path root, StringBuilder md) {
    List<String> lines = new ArrayList<>();
    for (Path machine : list(root)) {
      List<Path> runs = new ArrayList<>(list(machine).stream().filter(r -> Files.isRegularFile(r.resolve(RunFolderFiles.ENV))).toList());
      java.util.Collections.reverse(runs);
      for (Path run : runs) {
        RunEnvironment.Settings s;
        try {
          s = RunFolderFiles.readEnvironmentLeniently(run).settings();
        } catch (GdbenchException e) {
          continue;
        }
        List<String> holds = new ArrayList<>();
        if (!s.sizeSweep().isEmpty()) {
          holds.add("size sweep (" + s.sizeSweep().size() + " points)");
        }
        if (!s.featureSweep().isEmpty()) {
          holds.add("feature sweep (" + s.featureSweep().size() + " points)");
        }
        if (!s.threadSweep().isEmpty()) {
          holds.add("thread sweep (" + String.join(", ", s.threadSweep()) + " threads)");
        }
        if (s.profiled()) {
          holds.add("flame graphs and where the time goes");
        }
        if (!holds.isEmpty()) {
          String name = machine.getFileName() + "/" + run.getFileName();
          lines.add("- [" + name + "](" + name + "/" + RunFolderFiles.REPORT + "): " + String.join(", ", holds) + "\n");
        }
      }
    }
    if (!lines.isEmpty()) {
      md.append("\nRuns with sweeps (crossovers, `gdbench advise`) or profiles:\n\n");
      lines.forEach(md::append);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>(s.filter(Files::isDirectory).toList());
      out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      return out;
    } catch (IOException e) {
      throw new GdbenchException(String.format(Locale.ROOT, "cannot list %s: %s", dir, e.getMessage()));
    }
  }
}
