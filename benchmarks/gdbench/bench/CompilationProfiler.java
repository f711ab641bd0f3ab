package gdbench.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Milliseconds the JIT compilers worked during each iteration ({@code jit.ms}, from
 * {@link CompilationMXBean#getTotalCompilationTime}): a fork whose measured iterations still compile
 * is not yet steady, whatever its throughput says. The profiles showed compiler threads holding
 * a large share of the CPU in measured iterations; this makes it visible in every run. The last
 * measured iteration's figure also holds what the trial's teardown compiled (JMH runs it before
 * the iteration's profilers stop): read the earlier iterations for the measurement itself.
 */
public final class CompilationProfiler implements InternalProfiler {
  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "gdbench: JIT compilation time per iteration";
  }

  private boolean timed() {
    return jit != null && jit.isCompilationTimeMonitoringSupported();
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = timed() ? jit.getTotalCompilationTime() : 0;
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (!timed()) {
      return List.of();
    }
    return List.of(new ScalarResult("jit.ms", jit.getTotalCompilationTime() - before, "ms", AggregationPolicy.AVG));
  }
}
