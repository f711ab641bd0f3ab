package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.ConvergenceData;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import gdbench.runfolder.RunFolderFiles;
import java.util.Locale;

/** Per convergence problem, every cell's trajectory in figures: loss, target, optimum, deviation from plain. */
final class ConvergenceSection {
  private ConvergenceSection() {}

  static void render(RunResults results, StringBuilder md) {
    md.append("## Convergence\n\n");
    ConvergenceData data = results.run().convergence();
    if (data == null) {
      md.append("Not run: no ").append(RunFolderFiles.CONVERGENCE).append(" in this run (`gdbench converge --run RUN_FOLDER`).\n\n");
      return;
    }
    if (results.forksAsUnit()) {
      md.append("Every cell trains the same model from the same start. Loss after k epochs is the loss of the parameters after k "
          + "updates; the target is an excess loss over the closed-form optimum of at most 1% of the initial excess; time to target "
          + "is JMH's (the Time to target section: fresh JVMs, the mean over forks with its interval), shown where the problem is one "
          + "of the run's workloads and `-` where it is not, so that the page has one figure for it; deviation is the largest "
          + "difference in any parameter from `plain`'s trajectory, relative to its largest parameter.\n\n");
    } else {
      md.append("Every cell trains the same model from the same start. Loss after k epochs is the loss of the parameters after k "
        + "updates; the target is an excess loss over the closed-form optimum of at most 1% of the initial excess; time to target "
        + "is the best of repeated timings of that many steps in one process (not JMH); deviation is the largest difference in "
        + "any parameter from `plain`'s trajectory, relative to its largest parameter.\n\n");
    }
    for (ConvergenceData.ProblemInfo p : data.problems()) {
      md.append("### `").append(p.name()).append("`: ").append(p.about()).append("\n\n");
      md.append(String.format(Locale.ROOT, "Data `%s` (N = %,d, D = %d%s), %s rule, lr %s, %d epochs. Optimum: loss %s%s.%n%n",
          p.data(), p.n(), p.d(), p.bias() ? ", bias" : "", p.gradient(), Markdown.sig(p.lr()), p.epochs(), Markdown.sci(p.optimumLoss()),
          p.d() == 1 ? ", w = " + Markdown.sig(p.optimumWeights()[0]) + (p.bias() ? ", b = " + Markdown.sig(p.optimumBias()) : "") : ""));
      String workload = results.forksAsUnit() ? workloadOf(results, p) : null;
      Markdown.Table t = new Markdown.Table("cell", "status", ">loss @1", ">loss @10", ">loss @100", ">epochs to target",
          results.forksAsUnit() ? ">time to target (JMH)" : ">time to target", ">distance to optimum", ">deviation from plain");
      for (ConvergenceData.Run r : data.runs()) {
        if (!r.problem().equals(p.name())) {
          continue;
        }
        String status = "failed".equals(r.status()) ? "failed: " + r.error()
            : r.divergedAtEpoch() != null ? "diverged at epoch " + r.divergedAtEpoch() : r.status();
        t.row("`" + r.cell() + "`", status, lossAfter(r, p, 1), lossAfter(r, p, 10), lossAfter(r, p, 100),
            r.epochsToTarget() == null ? "not reached" : r.epochsToTarget(),
            results.forksAsUnit() ? jmhTimeToTarget(results, r.cell(), workload)
                : r.msToTarget() == null ? "-" : Markdown.duration(r.msToTarget() / 1000), Markdown.sci(r.distanceToOptimum()),
            Baselines.PLAIN.id().equals(r.cell()) ? "(reference)" : Markdown.sci(r.maxDeviationFromPlain()));
      }
      md.append(t.render()).append('\n');
      md.append("![loss per epoch, ").append(p.name()).append("](loss-").append(p.name()).append(".png)\n\n");
    }
  }

  /**
   * The workload whose time to target JMH measured for this problem: same data, N, D, bias,
   * learning rate and gradient rule; null when the problem is none of the run's workloads.
   */
  private static String workloadOf(RunResults results, ConvergenceData.ProblemInfo p) {
    for (java.util.Map.Entry<String, RunEnvironment.WorkloadInfo> e : results.env().workloads().entrySet()) {
      RunEnvironment.WorkloadInfo w = e.getValue();
      if (p.data() != null && p.data().equals(w.data()) && p.n() == w.n() && p.d() == w.d() && p.bias() == w.bias()
          && w.lr() != null && w.lr() == p.lr() && p.gradient() != null && p.gradient().equals(w.rule())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** JMH's time to target of a cell on a workload at the run's heap, with its interval; "-" where none. */
  private static String jmhTimeToTarget(RunResults results, String cell, String workload) {
    if (workload == null) {
      return "-";
    }
    for (JmhResults.Result r : results.sorted(BenchmarkKind.TARGET)) {
      if (cell.equals(r.param("cell")) && workload.equals(r.param("workload")) && results.atRunHeap(r)) {
        Figure f = results.figure(BenchmarkKind.TARGET, r);
        return f == null ? "-" : f.time();
      }
    }
    return "-";
  }

  /** The loss after k updates: the loss before update k + 1, or the final loss after the last epoch. */
  private static String lossAfter(ConvergenceData.Run r, ConvergenceData.ProblemInfo p, int k) {
    if (k > p.epochs()) {
      return "-";
    }
    if (r.divergedAtEpoch() != null && k + 1 >= r.divergedAtEpoch()) {
      return "diverged";
    }
    if (k < r.losses().length) {
      return Markdown.sci((double) r.losses()[k]);
    }
    return k == p.epochs() ? Markdown.sci(r.finalLoss()) : "-";
  }
}
