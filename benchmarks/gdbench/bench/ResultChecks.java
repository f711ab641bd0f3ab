package gdbench.bench;

import gdbench.bench.PlanItem.Score;
import gdbench.runfolder.BenchmarkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** What the runner reads from a JMH result: its score, and the warnings a reader should see. */
final class ResultChecks {
  /** Results whose 99.9% error exceeds this fraction of the score are listed under warnings. */
  static final double MAX_RELATIVE_ERROR = 0.05;

  private ResultChecks() {}

  static Score score(RunResult r) {
    Result<?> p = r.getPrimaryResult();
    return new Score(finite(p.getScore()), finite(p.getScoreError()), p.getScoreUnit());
  }

  /**
   * A noisy result (cold start excepted: its forks are meant to differ), and time-to-target runs
   * that hit the epoch limit, whose time is then partly that of the limit.
   */
  static List<Warning> warnings(PlanItem item, RunResult r) {
    List<Warning> warnings = new ArrayList<>();
    Result<?> p = r.getPrimaryResult();
    boolean overForks = item.analysis != null && item.analysis.interval.hasInterval();
    double rel = overForks ? item.analysis.interval.relativeHalfWidth() : p.getScoreError() / p.getScore();
    if (item.kind != BenchmarkKind.COLD && Double.isFinite(rel) && rel > MAX_RELATIVE_ERROR) {
      warnings.add(new Warning("noisy", item, overForks
          ? String.format(Locale.ROOT, "99%% interval over %d fork means ±%.1f%% (above %.0f%%)%s", item.forks.size(), 100 * rel,
              100 * MAX_RELATIVE_ERROR, item.analysis.marks.isEmpty() ? "" : "; " + String.join(", ", item.analysis.marks)
              + (item.analysis.cause == null ? "" : " (" + item.analysis.cause + ")"))
          : String.format(Locale.ROOT, "error ±%.1f%% of the score (above %.0f%%)", 100 * rel, 100 * MAX_RELATIVE_ERROR)));
    }
    if (item.kind == BenchmarkKind.TARGET) {
      long runs = 0;
      long reached = 0;
      for (BenchmarkResult br : r.getBenchmarkResults()) {
        for (IterationResult ir : br.getIterationResults()) {
          runs += counter(ir, "runs");
          reached += counter(ir, "reached");
        }
      }
      if (reached < runs) {
        warnings.add(new Warning("target-not-reached", item, "the target was not reached within " + TimeToTarget.EPOCH_LIMIT
            + " epochs in " + (runs - reached) + " of " + runs + " runs: the time is partly that of the epoch limit"));
      }
    }
    return warnings;
  }

  private static long counter(IterationResult ir, String name) {
    Result<?> c = ir.getSecondaryResults().get(name);
    return c == null ? 0 : Math.round(c.getScore());
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
