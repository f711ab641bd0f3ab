package gdbench.report;

import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.List;

/** Heap allocated and resident memory gained per step: where a library leaks or churns. */
final class MemorySection {
  private MemorySection() {}

  static void render(RunResults results, StringBuilder md) {
    md.append("## Memory per step\n\n");
    md.append("Heap bytes allocated per step (JMH `gc`) and resident memory growth per step (the project's profiler: "
        + "growth of the benchmark JVM's RSS over each iteration, divided by its steps; a native leak keeps it positive).\n\n");
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (String w : results.stepWorkloads()) {
      columns.add(">" + w + " heap");
      columns.add(">" + w + " RSS growth");
    }
    Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
    for (CellId c : results.cells()) {
      List<String> row = new ArrayList<>(List.of("`" + c + "`"));
      for (String w : results.stepWorkloads()) {
        JmhResults.Result r = results.step(c, w);
        row.add(r == null ? results.missingStep(c, w) : Markdown.bytes(r, "gc.alloc.rate.norm", 1));
        row.add(r == null ? "" : Markdown.bytes(r, "rss.growth.norm", 1));
      }
      t.row(row.toArray());
    }
    md.append(t.render()).append('\n');
  }
}
