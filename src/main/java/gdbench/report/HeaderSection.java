package gdbench.report;

import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The title, whether the run is complete, the machine in one line, and what the workloads are. */
final class HeaderSection {
  private HeaderSection() {}

  static void render(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    md.append("# gdbench run ").append(env.run()).append(" on ").append(env.machine()).append("\n\n");
    RunEnvironment.Counts counts = env.counts();
    if (env.complete()) {
      md.append("**Complete** ");
    } else {
      md.append("**INCOMPLETE")
          .append(env.interrupted() ? ": the run was interrupted" : "")
          .append("** — the tables below hold only what finished; missing results are listed as such. ");
    }
    md.append(String.format(Locale.ROOT, "(%s mode): %d of %d benchmarks ok, %d failed, %d skipped, %d not run; wall time %s.%n%n",
        Markdown.or(env.mode(), "?"), counts.ok(), counts.planned(), counts.failed(), counts.skipped(), counts.notRun(),
        Markdown.duration(Markdown.or(env.wallSeconds(), Double.NaN))));
    RunEnvironment.Os os = env.os();
    md.append(String.format(Locale.ROOT, "%s, %s · %s %s · JDK %s · JMH %s · device %s · %d thread(s) · commit `%s`%s%n%n",
        env.hardwareSummary(), Markdown.bytes(Markdown.or(env.hardware().memoryBytes(), Double.NaN)),
        Markdown.or(os.name(), ""), Markdown.or(os.distribution(), Markdown.or(os.version(), "")),
        Markdown.or(env.jdk().version(), "?"), Markdown.or(env.jmh().version(), "?"), env.device(),
        Markdown.or(env.threads().threads(), 1), shortCommit(env, "unknown"), env.git().dirty() ? " (with uncommitted changes)" : ""));
    md.append("Time per step is one full-batch gradient-descent step (prediction, MSE loss, gradient, update); "
        + "± is JMH's 99.9% error. Workloads: ");
    List<String> parts = new ArrayList<>();
    env.workloads().forEach((id, w) -> parts.add(String.format(Locale.ROOT, "`%s` %,d × %d%s", id, w.n(), w.d(), w.bias() ? " with bias" : "")));
    md.append(String.join(", ", parts)).append(".\n\n");
  }

  /** The commit's first ten characters: enough to find it, short enough for one line. */
  static String shortCommit(RunEnvironment env, String unknown) {
    String c = Markdown.or(env.git().commit(), unknown);
    return c.length() > 10 ? c.substring(0, 10) : c;
  }
}
