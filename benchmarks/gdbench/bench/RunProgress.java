package gdbench.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  final List<RunResult> results = new ArrayList<>();
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
    long s = Duration.between(started, Instant.now()).toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
