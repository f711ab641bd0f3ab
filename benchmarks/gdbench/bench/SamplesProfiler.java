package gdbench.bench;

import gdbench.core.Workload;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Samples per second, derived from the primary throughput result: steps/s × N of the benchmark's
 * {@code workload} parameter, as secondary result {@code samples} (samples/s). Computed after each
 * iteration from JMH's own count, so the measured loop does no extra work. Throughput benchmarks
 * with a {@code workload} parameter only.
 */
public final class SamplesProfiler implements InternalProfiler {

  @Override
  public String getDescription() {
    return "gdbench: samples per second (steps/s × N of the workload)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {}

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (benchmarkParams.getMode() != Mode.Throughput || benchmarkParams.getParam("workload") == null) {
      return List.of();
    }
    int n = Workload.parse(benchmarkParams.getParam("workload")).n();
    // the primary score is in operations per benchmarkParams.getTimeUnit(): convert to per second
    double perUnit = result.getPrimaryResult().getScore();
    double perSecond = perUnit / benchmarkParams.getTimeUnit().toNanos(1) * TimeUnit.SECONDS.toNanos(1);
    return List.of(new ScalarResult("samples", perSecond * n, "samples/s", AggregationPolicy.AVG));
  }
}
