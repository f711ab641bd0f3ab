package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.stats.ForkSpread;
import java.util.ArrayList;
import java.util.List;

/** What the tables above lack and why: stages not served, benchmarks failed or left out, noisy results. */
final class ProblemsSection {
  private ProblemsSection() {}

  static void render(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    md.append("## Not served, failed, noisy\n\n");
    Markdown.Table notServed = new Markdown.Table("backend", "stage", "reason");
    for (RunEnvironment.Backend b : env.backends()) {
      b.stages().forEach((stage, entry) -> {
        if (!entry.served()) {
          notServed.row(Markdown.text(b.name()), stage, "n/a: " + Markdown.text(entry.reason()));
        }
      });
      if (b.deviceUnsupported() != null) {
        notServed.row(Markdown.text(b.name()), "(device " + results.run().device() + ")", "skipped: " + b.deviceUnsupported());
      }
    }
    md.append(notServed.isEmpty() ? "Every backend serves every stage.\n\n" : notServed.render() + "\n");
    Markdown.Table failed = new Markdown.Table("benchmark", "cell", "workload", "status", "reason");
    for (RunEnvironment.PlanEntry p : env.plan()) {
      String status = Markdown.text(p.status());
      if (!status.equals("ok")) {
        failed.row(Markdown.text(p.benchmark()), "`" + Markdown.text(p.cell()) + "`", Markdown.text(p.workload()), status,
            Markdown.text(p.reason()).lines().findFirst().orElse(""));
      }
    }
    md.append(failed.isEmpty() ? "No benchmark failed or was left out.\n\n" : failed.render() + "\n");
    Markdown.Table warnings = new Markdown.Table("benchmark", "cell", "workload", "warning");
    for (RunEnvironment.Warning w : env.warnings()) {
      warnings.row(Markdown.text(w.benchmark()), "`" + Markdown.text(w.cell()) + "`", Markdown.text(w.workload()), Markdown.text(w.message()));
    }
    if (!warnings.isEmpty()) {
      md.append("Warnings (results to read with care):\n\n").append(warnings.render()).append('\n');
    }
    if (results.forksAsUnit()) {
      marked(results, md);
    }
  }

  /**
   * Every result the run marked unsteady, bimodal or noisy-host, and every steady one whose interval
   * is wider than ±5%, with the median and range of its fork means and the cause (unsteady and
   * bimodal ones are shown as median and range above too); those with only too few forks are counted.
   */
  private static void marked(RunResults results, StringBuilder md) {
    Markdown.Table t = new Markdown.Table("benchmark", "cell", "workload", "heap", ">forks", "marks", ">forks' median [range]", "cause");
    int fewOnly = 0;
    for (BenchmarkKind kind : BenchmarkKind.values()) {
      for (JmhResults.Result r : results.sorted(kind)) {
        Figure f = results.figure(kind, r);
        if (f == null || (f.marks().isEmpty() && f.wide() == null)) {
          continue;
        }
        if (f.marks().equals(List.of(Figure.FEW_FORKS))) {
          fewOnly++;
          continue;
        }
        List<String> marks = new ArrayList<>(f.marks());
        if (f.wide() != null) {
          marks.add("wide");
        }
        t.row(kind.id(), "`" + Markdown.text(RunResults.cellOf(kind, r)) + "`", Markdown.text(r.param("workload")), Markdown.or(r.heap(), "-"),
            f.forks(), String.join(", ", marks), f.forkMedianAndRange(),
            f.marked() ? Markdown.or(f.cause(), "not recorded") : f.wide() != null ? f.wide() : "-");
      }
    }
    md.append(t.isEmpty() ? "No result is marked unsteady, bimodal or noisy-host, and no interval is wider than ±5%.\n\n"
        : "Marked results, and results whose interval is wider than ±5% (`wide`), with the median and range of their fork means "
            + "(time per operation) and the cause. Unsteady and bimodal ones are shown above as the median and range of their iterations. "
            + "A wide interval has one of four causes here: " + Figure.HOST_MINUTE + " (one fork at least "
            + Markdown.percent(ForkSpread.STRAY_OFF).replace(".0%", "%") + " and " + (int) ForkSpread.STRAY_SPREADS
            + " of the others' spreads from their median, and the other results' forks started within a minute of it moved the same way: "
            + "without that shift it is no stray), " + Figure.STRAY_FORK + " (such a fork on its own: it moves the mean), "
            + Figure.BUSY_HOST + " (forks ran while steal or load exceeded the bound) or "
            + Figure.BETWEEN_JVMS + " (steady forks that differ as a rule, with the forks a ±5% interval would need at that cv).\n\n"
            + t.render() + "\n");
    if (fewOnly > 0) {
      md.append(fewOnly).append(" other result(s) have fewer than ").append(Figure.FEW).append(" forks and no other mark (")
          .append(Figure.FEW_FORKS_NOTE).append(" above).\n\n");
    }
  }
}
