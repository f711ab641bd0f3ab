package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunEnvironment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast the host ran around each fork, read from the other results' forks. Forks go
 * round-robin over the plan, so the forks started within a minute of one fork belong to other
 * results; how much slower each of them was than its own result's median fork, taken as the
 * median over them, is the host's shift at that moment. A fork that strays from its result's
 * other forks by what its neighbours also show measured the host's minute, not its JVM.
 */
final class HostTimeline {
  /** Forks started within this many seconds of a fork are its neighbours. */
  static final long WINDOW_SECONDS = 60;
  /** Fewer neighbours than this tell nothing about the host. */
  static final int MIN_NEIGHBOURS = 3;

  /** One fork: its result, when it started, and log(its result's median fork ÷ this fork), in the slower sense. */
  private record Point(JmhResults.Result result, long startedSeconds, double slower) {}

  private final List<Point> points;

  private HostTimeline(List<Point> points) {
    this.points = points;
  }

  /** The step and floor forks of a run whose plan entries recorded when each fork started; empty for older runs. */
  static HostTimeline of(RunResults results) {
    List<Point> points = new ArrayList<>();
    for (BenchmarkKind kind : List.of(BenchmarkKind.STEP, BenchmarkKind.FLOOR)) {
      for (JmhResults.Result r : results.sorted(kind)) {
        RunEnvironment.PlanEntry entry = results.env().planEntry(kind, RunResults.cellOf(kind, r), r.param("workload"), r.heap(), r.threads());
        double[] means = r.primary().forkMeans();
        long[] started = startedSeconds(entry, means.length);
        if (started == null || means.length < 2) {
          continue;
        }
        double median = median(means.clone());
        boolean rate = Figure.rateUnit(r.primary().unit());
        for (int i = 0; i < means.length; i++) {
          points.add(new Point(r, started[i], rate ? Math.log(median / means[i]) : Math.log(means[i] / median)));
        }
      }
    }
    return new HostTimeline(points);
  }

  /**
   * For each fork of the result, the host's shift when it ran: the median slowness of the other
   * results' forks started within {@link #WINDOW_SECONDS} of it (log ratio, positive = slower);
   * NaN where the fork's start is unknown or it had fewer than {@link #MIN_NEIGHBOURS} neighbours.
   */
  double[] shifts(JmhResults.Result result, RunEnvironment.PlanEntry entry, int forks) {
    double[] shifts = new double[forks];
    Arrays.fill(shifts, Double.NaN);
    long[] started = startedSeconds(entry, forks);
    if (started == null) {
      return shifts;
    }
    for (int i = 0; i < forks; i++) {
      long t = started[i];
      double[] around = points.stream().filter(p -> p.result != result && Math.abs(p.startedSeconds - t) <= WINDOW_SECONDS)
          .mapToDouble(Point::slower).toArray();
      if (around.length >= MIN_NEIGHBOURS) {
        shifts[i] = median(around);
      }
    }
    return shifts;
  }

  /** Each fork's start in epoch seconds, from its record; null unless every fork has one. */
  private static long[] startedSeconds(RunEnvironment.PlanEntry entry, int forks) {
    if (entry == null || entry.forkRecords().size() != forks) {
      return null;
    }
    long[] started = new long[forks];
    for (int i = 0; i < forks; i++) {
      String s = entry.forkRecords().get(i).startedAt();
      if (s == null) {
        return null;
      }
      try {
        started[i] = Instant.parse(s).getEpochSecond();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return started;
  }

  /** The median of values it may reorder. */
  private static double median(double[] values) {
    Arrays.sort(values);
    return Figure.median(values);
  }
}
