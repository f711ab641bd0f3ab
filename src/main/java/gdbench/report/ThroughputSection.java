package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Per step workload, every cell from fastest to slowest, with rates, ratios and memory. */
final class ThroughputSection {
  private ThroughputSection() {}

  static void render(RunResults results, StringBuilder md) {
    if (results.forksAsUnit()) {
      forkRun(results, md);
      return;
    }
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

  /**
   * A run with the fork as the unit: steps per second with the interval over fork means and the
   * forks' spread, the ratio to the floor with its interval, and the floor as a row of its own.
   */
  private static void forkRun(RunResults results, StringBuilder md) {
    md.append("## Throughput by workload\n\n");
    md.append("Steps and samples per second, ± as stated at the top; cv is the spread between forks. `× fastest` compares time per "
        + "step with the fastest cell; `× floor` with the floor's pass on the same workload (X and y read once), with the interval "
        + "taken conservatively from both. Heap is JMH's `gc.alloc.rate.norm`; RSS is the benchmark JVM's resident memory after "
        + "the iterations (off-heap: outside the Java heap, where ND4J and PyTorch keep their arrays).\n\n");
    String device = results.run().device();
    for (String w : results.stepWorkloads()) {
      RunEnvironment.WorkloadInfo info = results.env().workloads().get(w);
      md.append("### `").append(w).append("` (N = ").append(String.format(Locale.ROOT, "%,d", results.sizes().getOrDefault(w, 0)));
      if (info != null) {
        md.append("; ").append(Markdown.bytes(info.workingSet())).append(", ")
            .append(CacheFit.label(info.workingSet(), results.env().hardware().caches()));
      }
      md.append(")\n\n");
      Markdown.Table t = new Markdown.Table("cell", "device", ">steps/s", ">cv", ">forks", ">ns/sample", ">× fastest", ">× floor",
          ">heap/step", ">RSS", ">off-heap RSS");
      double fastest = results.fastestSecondsPerStep(w);
      Figure floor = results.floorFigure(w);
      List<CellId> sorted = new ArrayList<>(results.cells());
      sorted.sort(Comparator.comparingDouble((CellId c) -> {
        double s = results.secondsPerStep(c, w);
        return Double.isFinite(s) ? s : Double.MAX_VALUE;
      }));
      int n = results.sizes().getOrDefault(w, 1);
      for (CellId c : sorted) {
        JmhResults.Result r = results.step(c, w);
        Figure f = r == null ? null : results.figure(BenchmarkKind.STEP, r);
        if (f == null) {
          t.row("`" + c + "`", device, r == null ? results.missingStep(c, w) : "no iterations");
          continue;
        }
        t.row("`" + c + "`", r.params().getOrDefault("device", device), f.rateText(), f.marked() ? "-" : f.cv(), f.forks(),
            Markdown.sig(f.seconds() * 1e9 / n), Markdown.times(f.seconds() / fastest), Figure.ratio(f, floor),
            Markdown.bytes(r, "gc.alloc.rate.norm", 1), Markdown.bytes(r, "rss", 1024 * 1024), Markdown.bytes(r, "rss.offheap", 1024 * 1024));
      }
      JmhResults.Result floorResult = results.floor(w);
      if (floor != null) {
        t.row("`" + BenchmarkKind.FLOOR.id() + "` (X and y read once)", floorResult.params().getOrDefault("device", device), floor.rateText(),
            floor.marked() ? "-" : floor.cv(), floor.forks(), Markdown.sig(floor.seconds() * 1e9 / n), Markdown.times(floor.seconds() / fastest),
            "1×", Markdown.bytes(floorResult, "gc.alloc.rate.norm", 1), Markdown.bytes(floorResult, "rss", 1024 * 1024),
            Markdown.bytes(floorResult, "rss.offheap", 1024 * 1024));
      }
      md.append(t.render()).append('\n');
    }
  }
}
