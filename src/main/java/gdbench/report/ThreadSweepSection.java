package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The thread sweep (-Dbench.sweep=threads): per workload, each cell's time per step at every
 * thread count measured and its speed-up over the run's own count, with the ratio's interval.
 */
final class ThreadSweepSection {
  private ThreadSweepSection() {}

  static void render(RunResults results, StringBuilder md) {
    if (results.otherThreadSteps().isEmpty()) {
      return;
    }
    // workload → cell → threads → figure
    Map<String, Map<String, Map<Integer, Figure>>> sweep = new LinkedHashMap<>();
    TreeSet<Integer> counts = new TreeSet<>();
    for (JmhResults.Result r : results.otherThreadSteps()) {
      Figure f = results.figure(BenchmarkKind.STEP, r);
      if (f == null || r.threads() == null) {
        continue;
      }
      sweep.computeIfAbsent(r.param("workload"), k -> new LinkedHashMap<>()).computeIfAbsent(r.param("cell"), k -> new TreeMap<>())
          .put(r.threads(), f);
      counts.add(r.threads());
    }
    int own = results.threads();
    counts.add(own);
    md.append("## Thread sweep\n\n");
    md.append("Time per step of every cell whose library can use threads, at each thread count (a fork at another count than the run's "
        + own + " starts with OMP_NUM_THREADS, MKL_NUM_THREADS and OPENBLAS_NUM_THREADS set to it, and each library is given that count; "
        + "`plain-simd` splits its blocks over a fork-join pool). Speed-up: the time at " + own + " thread" + (own == 1 ? "" : "s")
        + " ÷ the time at k, with the ratio's interval from both results' intervals; a speed-up is a finding only where that interval "
        + "excludes 1.\n\n");
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (int t : counts) {
      columns.add(">" + t + (t == 1 ? " thread" : " threads"));
    }
    for (int t : counts) {
      if (t != own) {
        columns.add(">speed-up at " + t);
      }
    }
    for (Map.Entry<String, Map<String, Map<Integer, Figure>>> w : sweep.entrySet()) {
      md.append("### ").append(w.getKey()).append("\n\n");
      Markdown.Table table = new Markdown.Table(columns.toArray(String[]::new));
      for (CellId cell : results.cells()) {
        Map<Integer, Figure> byCount = w.getValue().get(cell.id());
        if (byCount == null) {
          continue;
        }
        Figure base = results.stepFigure(cell, w.getKey());
        List<String> row = new ArrayList<>(List.of(cell.id()));
        for (int t : counts) {
          Figure f = t == own ? base : byCount.get(t);
          row.add(f == null ? "-" : f.time());
        }
        for (int t : counts) {
          if (t != own) {
            row.add(Figure.ratio(base, byCount.get(t)));
          }
        }
        table.row(row.toArray());
      }
      md.append(table.render()).append('\n');
    }
  }
}
