package gdbench.report;

import gdbench.runfolder.RunEnvironment;

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
  }
}
