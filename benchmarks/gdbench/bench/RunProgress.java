package gdbench.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;

/**
 * A run's bookkeeping as it goes: the plan with each item's state, results, warnings, and whether
 * the run completed or was interrupted. Guarded by {@link #lock}: the shutdown hook changes it too.
 */
final class RunProgress {
  final Object lock = new Object();
  final BenchPlan plan;
  final RunFolder folder;
  final Instant started;
  /** Each item's forks so far as one JMH result, in the order items first finished a fork. */
  final Map<PlanItem, RunResult> results = new LinkedHashMap<>();
  /** The canary's checks in order: nanoseconds per pass ({@link Canary}). */
  final List<Double> canary = new ArrayList<>();
  int forksDone;
  /** Why the run measured fewer forks than planned, or null. */
  String stoppedEarly;
  final List<Warning> warnings = new ArrayList<>();
  Instant finished;
  String status = "incomplete";
  boolean interrupted;

  RunProgress(BenchPlan plan, RunFolder folder, Instant started) {
    this.plan = plan;
    this.folder = folder;
    this.started = started;
  }

  long count(String itemStatus) {
    return plan.count(itemStatus);
  }

  /** Wall time since the start, as m:ss. */
  String elapsed() {
    return clock(Duration.between(started, Instant.now()).toSeconds());
  }

  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  double[] canaryChecks() {
    return canary.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** True when the host's speed moved more than the canary's bound during the run. */
  boolean noisy() {
    return canary.size() > 1 && Canary.spread(canaryChecks()) > Canary.NOISY_SPREAD;
  }

  String canarySummary() {
    double[] c = canaryChecks();
    return String.format(Locale.ROOT, "%d checks, drift %+.1f%%, spread %.1f%% (bound %.0f%%)%s", c.length, 100 * Canary.drift(c),
        100 * Canary.spread(c), 100 * Canary.NOISY_SPREAD, noisy() ? ": the host's speed changed during the run, the run is marked noisy" : "");
  }
}
