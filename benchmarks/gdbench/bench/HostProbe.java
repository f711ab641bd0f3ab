package gdbench.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host and this process did over an interval, read from Linux's /proc: the share of CPU
 * time the hypervisor stole, the load average, and how many of this process's threads used the
 * CPU. Elsewhere every reading is absent (NaN, -1), never an error: a benchmark must not fail for
 * lack of /proc.
 */
final class HostProbe {
  /** Readings at one instant. */
  record Snapshot(long nanos, long cpuTotalTicks, long cpuStealTicks, Map<Long, Long> threadTicks) {}

  /** What changed between two snapshots. */
  record Interval(double seconds, double stealFraction, double loadAverage, int threadsUsingCpu, int threads) {}

  private HostProbe() {}

  static Snapshot snapshot() {
    long total = -1;
    long steal = -1;
    try {
      List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
      // cpu  user nice system idle iowait irq softirq steal guest guest_nice
      String[] f = stat.get(0).trim().split("\\s+");
      total = 0;
      for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
        total += Long.parseLong(f[i]);
      }
      steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
    } catch (IOException | RuntimeException e) {
      // not Linux: no reading
    }
    return new Snapshot(System.nanoTime(), total, steal, threadTicks());
  }

  /** user + system ticks of each thread of this process. */
  private static Map<Long, Long> threadTicks() {
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String s = Files.readString(task.resolve("stat"));
          // the command name is in parentheses and may hold spaces: fields start after the last ')'
          String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
          ticks.put(Long.parseLong(task.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return ticks;
  }

  /** This process's resident memory from /proc/self/statm (cheap enough to read in a loop); 0 where unknown. */
  static long residentBytes() {
    try {
      String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
      return Long.parseLong(f[1]) * 4096;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * From {@code a} to {@code b}. A thread counts as using the CPU when it ran for at least 5% of
   * the interval: the JIT's and GC's short bursts do not count, a pool that shares the work does.
   */
  static Interval between(Snapshot a, Snapshot b) {
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    long total = b.cpuTotalTicks() - a.cpuTotalTicks();
    double steal = a.cpuTotalTicks() < 0 || total <= 0 ? Double.NaN : (double) (b.cpuStealTicks() - a.cpuStealTicks()) / total;
    double ticksPerSecond = 100; // USER_HZ on Linux
    int using = 0;
    for (Map.Entry<Long, Long> t : b.threadTicks().entrySet()) {
      long before = a.threadTicks().getOrDefault(t.getKey(), 0L);
      if ((t.getValue() - before) / ticksPerSecond >= 0.05 * seconds) {
        using++;
      }
    }
    return new Interval(seconds, steal, loadAverage(), b.threadTicks().isEmpty() ? -1 : using, b.threadTicks().size());
  }
}
