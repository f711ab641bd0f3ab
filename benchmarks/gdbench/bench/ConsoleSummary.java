package gdbench.bench;

import gdbench.bench.PlanItem.Score;
import java.io.PrintStream;
import java.util.Locale;

/** The table printed at the end of a run: one line per plan item, then the warnings. */
final class ConsoleSummary {
  private ConsoleSummary() {}

  static void print(PrintStream out, RunProgress run) {
    out.println();
    out.println("# gdbench summary: " + run.status + ", " + run.count("ok") + " ok, " + run.count("failed") + " failed, "
        + run.count("skipped") + " skipped, wall time " + run.elapsed());
    for (PlanItem i : run.plan.items()) {
      out.printf(Locale.ROOT, "  %-6s %-28s %-6s %-8s %s%n", i.kind.id(), i.cell, i.workload.id(), i.status,
          i.status.equals("ok") ? score(i.score) : i.reason == null ? "" : i.reason);
    }
    for (Warning w : run.warnings) {
      out.println("  warning: " + w.kind().id() + " " + w.cell() + " on " + w.workload().id() + ": " + w.message());
    }
    out.println("# results: " + run.folder.dir);
  }

  private static String score(Score s) {
    if (s == null || s.value() == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%14.3f %s %s", s.value(),
        s.error() == null ? "          " : String.format(Locale.ROOT, "± %8.3f", s.error()), s.unit());
  }
}
