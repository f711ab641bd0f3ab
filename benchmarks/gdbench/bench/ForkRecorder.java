package gdbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * What one benchmark fork reports about itself, from inside: how its warm-up ended, what the
 * libraries actually use (thread settings read back after the engine started, the native kernel),
 * and what the host did while it measured (CPU steal, load, threads that used the CPU). The runner
 * names the file with {@code -Dbench.fork.record}; without it nothing is written.
 */
final class ForkRecorder {
  /** A warm-up never lasts longer than this, steady or not: the record then says it timed out. */
  static final long PREWARM_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Instant started = Instant.now();
  private final Map<String, Object> record = new LinkedHashMap<>();
  private HostProbe.Snapshot measureStart;

  private ForkRecorder() {
    record.put("jvmUptimeAtSetupMs", ManagementFactory.getRuntimeMXBean().getUptime());
  }

  static ForkRecorder start() {
    return new ForkRecorder();
  }

  /**
   * Runs {@code work} outside any measurement until the fork is steady: at least the prewarm window,
   * then until for another window the JIT has not compiled, no batch was 10% faster than the best,
   * resident memory grew by less than 2%, and, if the work allocates, at least one garbage
   * collection has completed (a cell whose native memory is freed by the GC is only steady once a
   * collection has run). Records why it ended and how often the GC ran.
   */
  double prewarm(DoubleSupplier work) {
    long window = Fixture.prewarmWindowNanos();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
    List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    long gc0 = gcCount(gcs);
    long start = System.nanoTime();
    long lastChange = start;
    long compileMillis = jitTimed ? jit.getTotalCompilationTime() : 0;
    long rssAtChange = HostProbe.residentBytes();
    double best = Double.MAX_VALUE;
    double sink = 0;
    long calls = 0;
    String end;
    long workAllocated = 0;
    long nextRssRead = start;
    long p0 = allocatedBytes();
    long probeCost = allocatedBytes() - p0; // what one reading of the counter allocates
    long heapMax = Runtime.getRuntime().maxMemory();
    while (true) {
      long a0 = allocatedBytes();
      long t0 = System.nanoTime();
      long t1;
      int batch = 0;
      do { // batches of at least a millisecond, so the clock's own cost does not hide a faster step
        sink += work.getAsDouble();
        batch++;
        t1 = System.nanoTime();
      } while (t1 - t0 < 1_000_000);
      workAllocated += Math.max(0, allocatedBytes() - a0 - probeCost); // the work's own allocation, not the probes'

      calls += batch;
      double perCall = (double) (t1 - t0) / batch;
      if (perCall < best * 0.9) {
        lastChange = t1;
      }
      best = Math.min(best, perCall);
      long compiled = jitTimed ? jit.getTotalCompilationTime() : 0;
      if (compiled != compileMillis) {
        compileMillis = compiled;
        lastChange = t1;
      }
      if (t1 >= nextRssRead) { // a file read: every 50 ms is enough to see memory still growing
        nextRssRead = t1 + 50_000_000;
        // the rss profiler's code, run here so the JIT compiles it before the measured iterations
        sink += ResidentMemoryProfiler.sample() & 1;
        long rss = HostProbe.residentBytes();
        if (rss > 0 && rssAtChange > 0 && rss > rssAtChange * 1.02) {
          rssAtChange = rss;
          lastChange = t1;
        }
      }
      // A cell that allocates is steady once a collection has run; one that allocates too slowly to
      // fill a third of the heap (about the young generation) within the time limit will not see a
      // collection in its measurement either, and is not made to wait for one.
      double bytesPerSecond = workAllocated / Math.max(1e-9, (t1 - start) / 1e9);
      boolean allocates = workAllocated > 16 * calls && bytesPerSecond * PREWARM_LIMIT_NANOS / 1e9 > heapMax / 3.0;
      boolean gcDone = !allocates || gcCount(gcs) > gc0;
      if (t1 - start >= PREWARM_LIMIT_NANOS) {
        end = "time limit";
        break;
      }
      if (t1 - start >= window && t1 - lastChange >= window && gcDone) {
        end = "steady";
        break;
      }
    }
    long elapsed = System.nanoTime() - start;
    long collections = gcCount(gcs) - gc0;
    record.put("prewarmMs", Math.round(elapsed / 1e6));
    record.put("jvmUptimeAfterPrewarmMs", ManagementFactory.getRuntimeMXBean().getUptime());
    record.put("prewarmEnd", end);
    record.put("prewarmCalls", calls);
    record.put("prewarmGcs", collections);
    record.put("gcIntervalMs", collections > 0 ? Math.round(elapsed / 1e6 / collections) : null);
    record.put("allocatedBytesPerCall", calls > 0 ? workAllocated / calls : null);
    measureStart = HostProbe.snapshot();
    return sink;
  }

  /** For benchmarks without a prewarm (single shots): the host is observed from here on. */
  void measurementStarts() {
    measureStart = HostProbe.snapshot();
  }

  /**
   * At the end of the trial: the host's behaviour over the measurement and what {@code backend}
   * (null for none) reports of its thread settings, now that its engine runs; written as JSON.
   */
  void finish(String backend, int threads) {
    if (measureStart != null && !record.containsKey("seconds")) {
      HostProbe.Interval host = HostProbe.between(measureStart, HostProbe.snapshot());
      record.put("seconds", Math.round(host.seconds() * 100) / 100.0);
      record.put("steal", finite(host.stealFraction()));
      record.put("load", finite(host.loadAverage()));
      record.put("threadsUsingCpu", host.threadsUsingCpu());
      record.put("threads", host.threads());
    }
    if (backend != null) {
      try {
        record.put("threadSettings", Backends.get(backend).threadSettings(threads));
      } catch (RuntimeException | LinkageError e) {
        record.put("threadSettings", Map.of("error", GdbenchException.rootMessage(e)));
      }
    }
    record.put("startedAt", started.toString());
    String path = System.getProperty("bench.fork.record");
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(path), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record));
    } catch (IOException e) {
      System.err.println("gdbench: cannot write the fork record " + path + ": " + e.getMessage());
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static long gcCount(List<GarbageCollectorMXBean> gcs) {
    long n = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** Bytes this thread allocated on the Java heap so far; 0 where the JVM cannot tell. */
  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (t instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return 0;
  }
}
