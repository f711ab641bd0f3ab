package gdbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The benchmark JVM's resident memory around every iteration, from {@code /proc/self/status}, so
 * that native allocations and leaks (ND4J and DJL keep their arrays off the Java heap) show up
 * beside the throughput and JMH's heap-allocation figures. Linux only; elsewhere it reports
 * nothing.
 *
 * <p>Secondary results, all per iteration:
 * <ul>
 *   <li>{@code rss} (MB, average): VmRSS after the iteration.</li>
 *   <li>{@code rss.offheap} (MB, average): VmRSS minus the committed Java heap. The runner
 *       fixes the heap ({@code -Xms = -Xmx}, pre-touched), so this is what lives outside it: native
 *       library code and buffers, metaspace, code cache, thread stacks.</li>
 *   <li>{@code rss.growth} (KB, average): VmRSS after minus before the iteration; it stays near
 *       zero in steady state and is positive in every iteration when something leaks.</li>
 *   <li>{@code rss.growth.norm} (B/op, average): the growth per benchmark operation (per step).</li>
 *   <li>{@code rss.hwm} (MB, max): VmHWM, the peak resident size of the JVM so far.</li>
 * </ul>
 */
public final class ResidentMemoryProfiler implements InternalProfiler {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double MB = 1024.0 * 1024.0;

  private long rssBefore = -1;

  @Override
  public String getDescription() {
    return "gdbench: resident set size (VmRSS, VmHWM) of the benchmark JVM around each iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    long[] m = read();
    rssBefore = m == null ? -1 : m[0];
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long[] m = read();
    List<Result> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    long rss = m[0];
    long hwm = m[1];
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    out.add(new ScalarResult("rss", rss / MB, "MB", AggregationPolicy.AVG));
    out.add(new ScalarResult("rss.offheap", (rss - heap) / MB, "MB", AggregationPolicy.AVG));
    out.add(new ScalarResult("rss.hwm", hwm / MB, "MB", AggregationPolicy.MAX));
    if (rssBefore >= 0) {
      long growth = rss - rssBefore;
      out.add(new ScalarResult("rss.growth", growth / 1024.0, "KB", AggregationPolicy.AVG));
      long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
      if (ops > 0) {
        out.add(new ScalarResult("rss.growth.norm", (double) growth / ops, "B/op", AggregationPolicy.AVG));
      }
    }
    return out;
  }

  /** VmRSS and VmHWM in bytes, or null where /proc is not there. */
  static long[] read() {
    try {
      long rss = -1;
      long hwm = -1;
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        }
      }
      return rss < 0 ? null : new long[] {rss, hwm < 0 ? rss : hwm};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** "VmRSS:	  123456 kB" → bytes. */
  private static long kib(String line) {
    String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
    return Long.parseLong(parts[0]) * 1024;
  }
}
