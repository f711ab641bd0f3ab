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
 * The benchmark JVM's resident memory around every iteration, from {@code /proc/self}, so that
 * native allocations and leaks (ND4J and DJL keep their arrays off the Java heap) show up beside
 * the throughput and JMH's heap-allocation figures. Linux only; elsewhere it reports nothing.
 *
 * <p>Secondary results, all per iteration:
 * <ul>
 *   <li>{@code rss} (MB, average): VmRSS after the iteration.</li>
 *   <li>{@code rss.heap} (MB, average): the resident part of the Java heap (the pages of the heap's
 *       address range that have been touched), from {@code /proc/self/smaps}.</li>
 *   <li>{@code rss.offheap} (MB, average): {@code rss − rss.heap}: native libraries and their
 *       buffers, metaspace, code cache, thread stacks. {@code rss.heap} and {@code rss.offheap}
 *       need a fixed heap ({@code -Xms} = {@code -Xmx}, as the runner sets) to find the heap's
 *       mappings, and are left out where they cannot be found.</li>
 *   <li>{@code rss.growth} (KB, average): VmRSS after minus before the iteration; near zero in
 *       steady state, positive in every iteration when something leaks.</li>
 *   <li>{@code rss.growth.norm} (B/op, average): that growth per benchmark operation (per step).</li>
 *   <li>{@code rss.hwm} (MB, max): VmHWM, the peak resident size of the JVM so far.</li>
 * </ul>
 */
public final class ResidentMemoryProfiler implements InternalProfiler {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path SMAPS = Path.of("/proc/self/smaps");
  private static final double MB = 1024.0 * 1024.0;

  /** This JVM's fixed heap size, or -1: its arguments do not change while it runs. */
  private static final long HEAP_BYTES = fixedHeapBytes(ManagementFactory.getRuntimeMXBean().getInputArguments());
  private long rssBefore = -1;

  @Override
  public String getDescription() {
    return "gdbench: resident set size (VmRSS, VmHWM, heap and off-heap parts) of the benchmark JVM around each iteration";
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
    out.add(new ScalarResult("rss", rss / MB, "MB", AggregationPolicy.AVG));
    long heap = heapResidentNow();
    if (heap >= 0) {
      out.add(new ScalarResult("rss.heap", heap / MB, "MB", AggregationPolicy.AVG));
      out.add(new ScalarResult("rss.offheap", (rss - heap) / MB, "MB", AggregationPolicy.AVG));
    }
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

  /** The heap size when it is fixed ({@code -Xms} equal to {@code -Xmx}, the last of each counting), else -1. */
  static long fixedHeapBytes(List<String> jvmArgs) {
    long xms = -1;
    long xmx = -1;
    for (String a : jvmArgs) {
      if (a.startsWith("-Xms")) {
        xms = bytes(a.substring(4));
      } else if (a.startsWith("-Xmx")) {
        xmx = bytes(a.substring(4));
      }
    }
    return xmx > 0 && xms == xmx ? xmx : -1;
  }

  private static long bytes(String size) {
    try {
      char unit = Character.toLowerCase(size.charAt(size.length() - 1));
      long scale = switch (unit) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        case 't' -> 1L << 40;
        default -> 1;
      };
      String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
      return Long.parseLong(digits) * scale;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * The resident bytes of the Java heap: a fixed heap is one committed, read-write address range
   * of exactly the heap's size, starting with an anonymous mapping; the kernel may show it as
   * several adjacent mappings, some of them file-backed (class data sharing maps archived heap
   * objects from {@code classes.jsa} at the top of the heap). Returns -1 when no such range is found.
   */
  static long heapResident(List<String> smaps, long heapBytes) {
    List<long[]> vmas = new ArrayList<>(); // start, end, rss, read-write (1/0), anonymous (1/0)
    long[] current = null;
    for (String line : smaps) {
      long[] vma = mapping(line);
      if (vma != null) {
        current = vma;
        vmas.add(current);
      } else if (current != null && line.startsWith("Rss:")) {
        current[2] = kib(line);
      }
    }
    for (int i = 0; i < vmas.size(); i++) {
      if (vmas.get(i)[3] == 0 || vmas.get(i)[4] == 0) {
        continue;
      }
      long start = vmas.get(i)[0];
      long rss = 0;
      for (int j = i; j < vmas.size() && vmas.get(j)[3] == 1 && (j == i || vmas.get(j)[0] == vmas.get(j - 1)[1]); j++) {
        rss += vmas.get(j)[2];
        long span = vmas.get(j)[1] - start;
        if (span == heapBytes) {
          return rss;
        }
        if (span > heapBytes) {
          break;
        }
      }
    }
    return -1;
  }

  /**
   * A mapping's header line ({@code start-end perms offset dev inode [path]}) as start, end, 0,
   * read-write, anonymous; null for any other line. Parsed by hand, not with a regular expression:
   * this runs after every measured iteration over thousands of lines, and the regex engine's code
   * kept the JIT compiling during the next iteration (its compile time grew iteration by iteration).
   */
  static long[] mapping(String line) {
    int dash = line.indexOf('-');
    int space = line.indexOf(' ');
    if (dash <= 0 || space < dash || !isHex(line, 0, dash) || !isHex(line, dash + 1, space)) {
      return null;
    }
    String[] f = fields(line, 6);
    if (f[4] == null) {
      return null;
    }
    boolean rw = f[1].startsWith("rw");
    boolean anonymous = f[4].equals("0") && f[5] == null;
    return new long[] {Long.parseUnsignedLong(line, 0, dash, 16), Long.parseUnsignedLong(line, dash + 1, space, 16), 0, rw ? 1 : 0,
        anonymous ? 1 : 0};
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return to > from;
  }

  /** The first {@code n} whitespace-separated fields of a line (null where it has fewer). */
  private static String[] fields(String line, int n) {
    String[] out = new String[n];
    int k = 0;
    int i = 0;
    while (k < n && i < line.length()) {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out[k++] = line.substring(start, i);
      }
    }
    return out;
  }

  /** Reads the resident memory as {@link #afterIteration} does, for the prewarm to run this code before measuring. */
  static long sample() {
    long[] m = read();
    return (m == null ? 0 : m[0]) + Math.max(0, heapResidentNow());
  }

  /** Resident bytes of this JVM's heap now, from smaps; -1 where the heap size is not fixed. */
  private static long heapResidentNow() {
    return HEAP_BYTES > 0 ? heapResident(Environment.lines(SMAPS), HEAP_BYTES) : -1;
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
    return Long.parseLong(fields(line.substring(line.indexOf(':') + 1), 1)[0]) * 1024;
  }
}
