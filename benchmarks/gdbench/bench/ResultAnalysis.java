package gdbench.bench;

import gdbench.stats.ForkInterval;
import gdbench.stats.IterationShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * What a result's forks say, with the fork as the unit: the interval over fork means, whether the
 * iterations were steady, and the host's behaviour while they ran. A result that is not steady is
 * marked with the likeliest cause, read from the iterations' own secondary metrics.
 */
final class ResultAnalysis {
  /** A fork measured while the hypervisor stole more than this share of the CPU is on a noisy host. */
  static final double STEAL_BOUND = 0.05;
  /** Forks below which an interval means little: the t quantile at 99% is 9.9 with 3 forks, 63.7 with 2. */
  static final int FEW_FORKS = 3;

  final ForkInterval interval;
  final IterationShape shape;
  final List<String> marks = new ArrayList<>();
  final String cause;
  final double maxSteal;
  final double maxLoad;

  private ResultAnalysis(ForkInterval interval, IterationShape shape, String cause, double maxSteal, double maxLoad) {
    this.interval = interval;
    this.shape = shape;
    this.cause = cause;
    this.maxSteal = maxSteal;
    this.maxLoad = maxLoad;
  }

  /** The load average above which a 2-core host was running something besides the benchmark. */
  static double loadBound() {
    return Runtime.getRuntime().availableProcessors() + 0.5;
  }

  static ResultAnalysis of(PlanItem item) {
    List<BenchmarkResult> forks = item.forks;
    double[] means = new double[forks.size()];
    double[][] iterations = new double[forks.size()][];
    for (int f = 0; f < forks.size(); f++) {
      List<IterationResult> its = new ArrayList<>(forks.get(f).getIterationResults());
      iterations[f] = its.stream().mapToDouble(i -> i.getPrimaryResult().getScore()).toArray();
      means[f] = java.util.Arrays.stream(iterations[f]).average().orElse(Double.NaN);
    }
    ForkInterval interval = ForkInterval.of(means);
    boolean shots = java.util.Arrays.stream(iterations).allMatch(it -> it.length < 3);
    IterationShape shape = shots ? null : IterationShape.of(iterations);
    double steal = item.forkRecords.stream().mapToDouble(r -> number(r.get("steal"))).filter(Double::isFinite).max().orElse(Double.NaN);
    double load = item.forkRecords.stream().mapToDouble(r -> number(r.get("load"))).filter(Double::isFinite).max().orElse(Double.NaN);
    String cause = shape == null || shape.steady() ? null : cause(forks, shape, item);
    ResultAnalysis a = new ResultAnalysis(interval, shape, cause, steal, load);
    if (shape != null && shape.trending()) {
      a.marks.add("unsteady");
    }
    if (shape != null && shape.bimodal()) {
      a.marks.add("bimodal");
    }
    if (steal > STEAL_BOUND || load > loadBound()) {
      a.marks.add("noisy-host");
    }
    if (forks.size() < FEW_FORKS) {
      a.marks.add("few-forks");
    }
    return a;
  }

  /**
   * The likeliest cause of unsteady or bimodal iterations: the GC when the iterations' scores
   * follow their collection counts; native memory when resident off-heap memory grew through
   * the iterations; the JIT when the result still improved; else unknown.
   */
  private static String cause(List<BenchmarkResult> forks, IterationShape shape, PlanItem item) {
    List<Double> scores = new ArrayList<>();
    List<Double> gcs = new ArrayList<>();
    List<Double> offHeapGrowth = new ArrayList<>();
    for (BenchmarkResult br : forks) {
      double firstOffHeap = Double.NaN;
      for (IterationResult ir : br.getIterationResults()) {
        Result<?> gc = secondary(ir, "gc.count");
        Result<?> off = secondary(ir, "rss.offheap");
        if (gc != null) {
          scores.add(ir.getPrimaryResult().getScore());
          gcs.add(gc.getScore());
        }
        if (off != null) {
          if (Double.isNaN(firstOffHeap)) {
            firstOffHeap = off.getScore();
          }
          offHeapGrowth.add(off.getScore() - firstOffHeap);
        }
      }
    }
    if (gcs.size() >= 4 && gcs.stream().distinct().count() > 1) {
      double rho = new SpearmansCorrelation().correlation(
          scores.stream().mapToDouble(Double::doubleValue).toArray(), gcs.stream().mapToDouble(Double::doubleValue).toArray());
      if (Math.abs(rho) >= 0.5 || shape.bimodal()) {
        return "GC cycle";
      }
    }
    if (!offHeapGrowth.isEmpty() && offHeapGrowth.stream().mapToDouble(Double::doubleValue).max().orElse(0) > 64) {
      return "native memory growing";
    }
    boolean faster = item.kind.mode().equals("thrpt") ? shape.trendChange() > 0 : shape.trendChange() < 0;
    if (shape.trending() && faster) {
      return "JIT still compiling";
    }
    return "unknown";
  }

  /** JMH names secondary results with a leading '·' in some versions: accept both. */
  private static Result<?> secondary(IterationResult ir, String name) {
    Result<?> r = ir.getSecondaryResults().get(name);
    return r != null ? r : ir.getSecondaryResults().get("·" + name);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The fields env.json's plan entry carries. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("mean", finite(interval.mean()));
    i.put("lower", finite(interval.lower()));
    i.put("upper", finite(interval.upper()));
    i.put("median", finite(interval.median()));
    i.put("min", finite(interval.min()));
    i.put("max", finite(interval.max()));
    i.put("cv", finite(interval.cv()));
    i.put("confidence", interval.confidence());
    m.put("interval", i);
    if (shape != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("trendP", finite(shape.trendP()));
      s.put("trendChange", finite(shape.trendChange()));
      s.put("bimodality", finite(shape.bimodality()));
      s.put("spread", finite(shape.spread()));
      m.put("shape", s);
    }
    m.put("marks", marks);
    if (cause != null) {
      m.put("cause", cause);
    }
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
