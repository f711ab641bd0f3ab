package gdbench.report;

import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Per step workload, every cell from fastest to slowest, with rates, ratios and memory. */
final class ThroughputSection {
  private ThroughputSection() {}

  static void render(RunResults results, StringBuilder md) {
    md.append("## Throughput by workload\n\n");
    md.append("Steps and samples per second; `× fastest` and `× plain-simd` compare time per step with the fastest cell and with "
        + "`plain-simd`, one fused SIMD pass on one core: the floor with one feature (with 64, a BLAS matrix–vector product can beat it). Heap is JMH's `gc.alloc.rate.norm`; RSS is the benchmark JVM's resident "
        + "memory after the iterations (off-heap: outside the Java heap, where ND4J and PyTorch keep their arrays).\n\n");
    String device = results.run().device();
    for (String w : results.stepWorkloads()) {
      md.append("### `").append(w).append("` (N = ").append(String.format(Locale.ROOT, "%,d", results.sizes().getOrDefault(w, 0))).append(")\n\n");
      Markdown.Table t = new Markdown.Table("cell", "device", ">steps/s", ">± error", ">ns/sample", ">× fastest", ">× plain-simd", ">heap/step", ">RSS", ">off-heap RSS");
      double fastest = results.fastestSecondsPerStep(w);
      double floor = results.secondsPerStep(Baselines.FLOOR, w);
      List<CellId> sorted = new ArrayList<>(results.cells());
      sorted.sort(Comparator.comparingDouble((CellId c) -> {
        double s = results.secondsPerStep(c, w);
        return Double.isFinite(s) ? s : Double.MAX_VALUE;
      }));
      for (CellId c : sorted) {
        JmhResults.Result r = results.step(c, w);
        if (r == null) {
          t.row("`" + c + "`", device, results.missingStep(c, w));
          continue;
        }
        double s = 1 / r.primary().score();
        t.row("`" + c + "`", r.params().getOrDefault("device", device), Markdown.rate(r.primary().score()), Markdown.percent(r.primary().relativeError()),
            Markdown.sig(s * 1e9 / results.sizes().getOrDefault(w, 1)), Markdown.times(s / fastest), Markdown.times(s / floor),
            Markdown.bytes(r, "gc.alloc.rate.norm", 1), Markdown.bytes(r, "rss", 1024 * 1024), Markdown.bytes(r, "rss.offheap", 1024 * 1024));
      }
      md.append(t.render()).append('\n');
    }
  }
}
